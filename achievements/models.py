import uuid

from django.conf import settings
from django.core.validators import MaxValueValidator, MinValueValidator
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import Field, Language
from core.models import SearchTermBase


class IpType(models.TextChoices):
    INVENTION_PATENT = "invention_patent", _("Invention patent")
    UTILITY_MODEL = "utility_model", _("Utility model")
    DESIGN_PATENT = "design_patent", _("Design patent")
    SOFTWARE_COPYRIGHT = "software_copyright", _("Software copyright")
    KNOW_HOW = "know_how", _("Know-how")
    PLANT_VARIETY = "plant_variety", _("Plant variety")
    OTHER = "other", _("Other")


class AchievementStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    PUBLISHED = "published", _("Published")
    NEGOTIATING = "negotiating", _("In negotiation")
    TRANSFERRED = "transferred", _("Transferred")
    WITHDRAWN = "withdrawn", _("Withdrawn")


class Achievement(models.Model):
    """A research result (科技成果) catalogued by a liaison officer at a university.

    Status moves along `ALLOWED_TRANSITIONS`. A licence does not end a result's
    availability (it can be licensed again); an assignment or equity deal makes
    it transferred, which is final.
    """

    ALLOWED_TRANSITIONS = {
        AchievementStatus.DRAFT: {AchievementStatus.PUBLISHED, AchievementStatus.WITHDRAWN},
        AchievementStatus.PUBLISHED: {AchievementStatus.NEGOTIATING, AchievementStatus.WITHDRAWN},
        AchievementStatus.NEGOTIATING: {
            AchievementStatus.PUBLISHED,
            AchievementStatus.TRANSFERRED,
            AchievementStatus.WITHDRAWN,
        },
        AchievementStatus.TRANSFERRED: set(),
        AchievementStatus.WITHDRAWN: {AchievementStatus.DRAFT},
    }

    university = models.ForeignKey("universities.University", on_delete=models.PROTECT, related_name="achievements")
    team = models.ForeignKey(
        "universities.ResearchTeam",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="achievements",
        verbose_name=_("research team"),
    )
    title = models.CharField(_("title"), max_length=200)
    abstract = models.TextField(_("abstract"), max_length=5000)
    field = models.CharField(_("field"), max_length=32, choices=Field.choices)
    keywords = models.CharField(_("keywords"), max_length=300, blank=True, help_text=_("Separate with commas."))
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.CHINESE)
    trl = models.PositiveSmallIntegerField(
        _("technology readiness level"), validators=[MinValueValidator(1), MaxValueValidator(9)]
    )
    ip_type = models.CharField(_("IP type"), max_length=32, choices=IpType.choices)
    patent_numbers = models.CharField(_("patent or registration numbers"), max_length=300, blank=True)
    transfer_modes = models.ManyToManyField(
        "core.TransferModeOption", related_name="achievements", verbose_name=_("transfer modes offered")
    )
    asking_price_wan = models.DecimalField(
        _("asking price (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    status = models.CharField(_("status"), max_length=16, choices=AchievementStatus.choices, default="draft")
    catalogued_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="catalogued_achievements"
    )
    source_visit = models.ForeignKey(
        "visits.CampusVisit",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="catalogued_achievements",
        verbose_name=_("catalogued during visit"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("research result")
        verbose_name_plural = _("research results")
        ordering = ["-created_at"]
        indexes = [
            models.Index(fields=["university", "status"]),
            models.Index(fields=["status", "-published_at"]),
        ]
        constraints = [
            models.CheckConstraint(condition=Q(trl__gte=1, trl__lte=9), name="achievement_trl_1_to_9"),
            models.CheckConstraint(
                condition=Q(asking_price_wan__isnull=True) | Q(asking_price_wan__gte=0),
                name="achievement_price_not_negative",
            ),
            models.CheckConstraint(condition=Q(status__in=AchievementStatus.values), name="achievement_status_valid"),
            models.CheckConstraint(condition=Q(field__in=Field.values), name="achievement_field_valid"),
        ]

    def __str__(self):
        return self.title

    def can_become(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS[AchievementStatus(self.status)]

    @property
    def keyword_list(self) -> list[str]:
        return [word.strip() for word in self.keywords.replace("，", ",").split(",") if word.strip()]


class AchievementSearchTerm(SearchTermBase):
    """One term a research result is found by (see `core.search`). Rebuilt by the services on every save."""

    document = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="search_terms")

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [models.Index(fields=["term", "document"], name="achievement_term_document_idx")]

    def __str__(self):
        return self.term


class AttachmentType(models.TextChoices):
    """The file types a result may carry; what a file is, is read from its first bytes (see `validators`)."""

    PDF = "application/pdf", "PDF"
    PNG = "image/png", "PNG"
    JPEG = "image/jpeg", "JPEG"


ATTACHMENT_MAX_BYTES = 10 * 1024 * 1024


def attachment_path(instance, filename: str) -> str:
    """A random name under the result's folder: the stored name never repeats what the user typed, and
    cannot be guessed, so a file is only reached through the download view that checks who asks."""
    extension = {AttachmentType.PDF: ".pdf", AttachmentType.PNG: ".png", AttachmentType.JPEG: ".jpg"}
    return f"achievements/{instance.achievement_id}/{uuid.uuid4().hex}{extension[instance.content_type]}"


class Attachment(models.Model):
    """A file that documents a research result: a patent certificate, a brochure, a photo of a prototype.

    Only PDF, PNG and JPEG files up to 10 MB, checked by their content when they are added
    (`achievements.services.attachment_add`). Downloads go through a view that checks the
    user may see the result; the file's original name is kept for the download.
    """

    achievement = models.ForeignKey(Achievement, on_delete=models.CASCADE, related_name="attachments")
    file = models.FileField(_("file"), upload_to=attachment_path, max_length=200)
    original_name = models.CharField(_("file name"), max_length=200)
    content_type = models.CharField(_("file type"), max_length=32, choices=AttachmentType.choices)
    size = models.PositiveIntegerField(_("size in bytes"))
    uploaded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("uploaded by")
    )
    uploaded_at = models.DateTimeField(_("uploaded at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("attachment")
        verbose_name_plural = _("attachments")
        ordering = ["uploaded_at", "id"]
        constraints = [
            models.CheckConstraint(
                condition=Q(content_type__in=AttachmentType.values), name="attachment_content_type_valid"
            ),
            models.CheckConstraint(
                condition=Q(size__gt=0, size__lte=ATTACHMENT_MAX_BYTES), name="attachment_size_within_limit"
            ),
        ]

    def __str__(self):
        return self.original_name

    @property
    def is_image(self) -> bool:
        return self.content_type in (AttachmentType.PNG, AttachmentType.JPEG)
