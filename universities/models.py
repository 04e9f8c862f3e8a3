from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import District


class Tier(models.TextChoices):
    TIER_985 = "985", _("985 university")
    TIER_211 = "211", _("211 university")
    OTHER = "other", _("Other university")
    INSTITUTE = "institute", _("Research institute")


class Centre(models.TextChoices):
    """The four institutions under the bureau that liaison officers come from."""

    DEVELOPMENT_PROMOTION = "development_promotion", _("Development Promotion Center")
    PROJECT_MANAGEMENT = "project_management", _("Project Management Center")
    ACHIEVEMENT_TRANSFORMATION = "achievement_transformation", _("Achievement Transformation Center")
    ENTERPRISE_SERVICE = "enterprise_service", _("Enterprise Service Center")


# Paths under /universities/ that are not a university's page (see universities/urls.py).
RESERVED_SLUGS = frozenset({"teams"})


def validate_slug_not_reserved(value: str) -> None:
    if value in RESERVED_SLUGS:
        raise ValidationError(_("This address is reserved by the portal; choose another slug."))


class University(models.Model):
    """A university or research institute that results come from."""

    slug = models.SlugField(_("slug"), max_length=32, unique=True, validators=[validate_slug_not_reserved])
    name_zh = models.CharField(_("Chinese name"), max_length=100, unique=True)
    name_en = models.CharField(_("English name"), max_length=200)
    short_name = models.CharField(_("short name"), max_length=32)
    tier = models.CharField(_("tier"), max_length=16, choices=Tier.choices)
    district = models.CharField(_("district"), max_length=32, choices=District.choices)
    in_first_batch = models.BooleanField(_("in the first batch of ten"), default=False)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("university")
        verbose_name_plural = _("universities")
        ordering = ["-in_first_batch", "tier", "name_zh"]
        constraints = [models.CheckConstraint(condition=Q(tier__in=Tier.values), name="university_tier_valid")]

    def __str__(self):
        return self.name_zh

    def display_name(self, language: str) -> str:
        return self.name_en if language == "en" and self.name_en else self.name_zh


class ResearchTeam(models.Model):
    """A professor's research group at a university: who the officers visit."""

    university = models.ForeignKey(University, on_delete=models.PROTECT, related_name="teams")
    name = models.CharField(_("team name"), max_length=200)
    leader = models.CharField(_("team leader"), max_length=100)
    discipline = models.CharField(_("discipline"), max_length=100, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("research team")
        verbose_name_plural = _("research teams")
        ordering = ["university", "name"]
        constraints = [models.UniqueConstraint(fields=["university", "name"], name="team_name_unique_per_university")]

    def __str__(self):
        return f"{self.name}（{self.leader}）"


class Contact(models.Model):
    """A person on a research team. Phone and email are personal data, shown only to those allowed."""

    team = models.ForeignKey(ResearchTeam, on_delete=models.CASCADE, related_name="contacts")
    name = models.CharField(_("name"), max_length=100)
    title = models.CharField(_("title"), max_length=100, blank=True)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    email = models.EmailField(_("email"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("contact")
        verbose_name_plural = _("contacts")
        ordering = ["team", "name"]

    def __str__(self):
        return self.name

    @property
    def has_personal_data(self) -> bool:
        return bool(self.phone or self.email)


class ContactDataView(models.Model):
    """One showing of a contact's personal phone or email to a user: the audit log bureau staff read.

    Rows are only ever added. A contact with logged views cannot be deleted (PROTECT),
    so the log cannot be erased by deleting the person it is about.
    """

    contact = models.ForeignKey(Contact, on_delete=models.PROTECT, related_name="data_views")
    viewer = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    viewed_at = models.DateTimeField(_("viewed at"), default=timezone.now)

    class Meta:
        verbose_name = _("contact data view")
        verbose_name_plural = _("contact data views")
        ordering = ["-viewed_at", "-id"]
        indexes = [models.Index(fields=["contact", "-viewed_at"])]

    def __str__(self):
        return f"{self.viewer} → {self.contact} {self.viewed_at:%Y-%m-%d %H:%M}"


class LiaisonOfficer(models.Model):
    """The officer profile of a user whose role is liaison officer."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="officer")
    centre = models.CharField(_("home centre"), max_length=32, choices=Centre.choices)
    phone = models.CharField(_("phone"), max_length=32, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liaison officer")
        verbose_name_plural = _("liaison officers")
        ordering = ["user__username"]
        constraints = [models.CheckConstraint(condition=Q(centre__in=Centre.values), name="officer_centre_valid")]

    def __str__(self):
        return str(self.user)


class LiaisonPair(models.Model):
    """Two officers stationed at one university for a period.

    A pair is active while `ended_on` is null. When an officer changes, the pair
    is ended and a new one starts, so the history of who served where is kept.
    """

    university = models.ForeignKey(University, on_delete=models.PROTECT, related_name="pairs")
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("liaison pair")
        verbose_name_plural = _("liaison pairs")
        ordering = ["university", "-started_on"]
        constraints = [
            models.UniqueConstraint(
                fields=["university"], condition=Q(ended_on__isnull=True), name="one_active_pair_per_university"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="pair_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.university.short_name} {self.started_on:%Y-%m-%d}"

    @property
    def is_active(self) -> bool:
        return self.ended_on is None


class PairMembership(models.Model):
    """An officer's seat in a pair. Seats 1 and 2 make "two officers per university" a database rule."""

    pair = models.ForeignKey(LiaisonPair, on_delete=models.CASCADE, related_name="memberships")
    officer = models.ForeignKey(LiaisonOfficer, on_delete=models.PROTECT, related_name="memberships")
    seat = models.PositiveSmallIntegerField(_("seat"))
    started_on = models.DateField(_("started on"))
    ended_on = models.DateField(_("ended on"), null=True, blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("pair membership")
        verbose_name_plural = _("pair memberships")
        ordering = ["pair", "seat"]
        constraints = [
            models.CheckConstraint(condition=Q(seat__in=[1, 2]), name="membership_seat_is_1_or_2"),
            models.UniqueConstraint(
                fields=["officer"], condition=Q(ended_on__isnull=True), name="one_active_pair_per_officer"
            ),
            models.UniqueConstraint(
                fields=["pair", "seat"], condition=Q(ended_on__isnull=True), name="one_active_officer_per_seat"
            ),
            models.CheckConstraint(
                condition=Q(ended_on__isnull=True) | Q(ended_on__gte=models.F("started_on")),
                name="membership_ends_after_it_starts",
            ),
        ]

    def __str__(self):
        return f"{self.officer} @ {self.pair}"
