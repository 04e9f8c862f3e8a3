from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords

from core.choices import District, Field, Language
from core.models import SearchTermBase
from requests.validators import validate_credit_code


class EnterpriseStatus(models.TextChoices):
    PENDING = "pending", _("Pending approval")
    APPROVED = "approved", _("Approved")
    REJECTED = "rejected", _("Rejected")


class Enterprise(models.Model):
    """A company that posts technology needs. New enterprises wait for bureau approval."""

    name = models.CharField(_("company name"), max_length=200)
    credit_code = models.CharField(
        _("unified social credit code"), max_length=18, unique=True, validators=[validate_credit_code]
    )
    district = models.CharField(_("district"), max_length=32, choices=District.choices)
    industry = models.CharField(_("industry"), max_length=32, choices=Field.choices)
    contact_person = models.CharField(_("contact person"), max_length=100)
    phone = models.CharField(_("phone"), max_length=32)
    email = models.EmailField(_("email"))
    status = models.CharField(_("status"), max_length=16, choices=EnterpriseStatus.choices, default="pending")
    rejection_reason = models.TextField(_("rejection reason"), blank=True)
    created_at = models.DateTimeField(_("registered at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("enterprise")
        verbose_name_plural = _("enterprises")
        ordering = ["name"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=EnterpriseStatus.values), name="enterprise_status_valid"),
        ]

    def __str__(self):
        return self.name


class EnterpriseMembership(models.Model):
    """Links an enterprise user to their company. The first user is its manager and may invite colleagues."""

    user = models.OneToOneField(
        settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="enterprise_membership"
    )
    enterprise = models.ForeignKey(Enterprise, on_delete=models.CASCADE, related_name="memberships")
    is_manager = models.BooleanField(_("manager"), default=False)

    class Meta:
        verbose_name = _("enterprise member")
        verbose_name_plural = _("enterprise members")

    def __str__(self):
        return f"{self.user} @ {self.enterprise}"


class NeedStatus(models.TextChoices):
    DRAFT = "draft", _("Draft")
    SUBMITTED = "submitted", _("Submitted for review")
    CHANGES_REQUESTED = "changes_requested", _("Changes requested")
    REJECTED = "rejected", _("Rejected")
    OPEN = "open", pgettext_lazy("need status", "Open")
    MATCHED = "matched", _("Matched")
    SOLVED = "solved", _("Solved")
    CLOSED = "closed", _("Closed")


class CloseOutcome(models.TextChoices):
    SOLVED_HERE = "solved_here", _("Solved through the portal")
    SOLVED_ELSEWHERE = "solved_elsewhere", _("Solved elsewhere")
    DROPPED = "dropped", _("Dropped")


class TechNeed(models.Model):
    """A technology need (技术需求) posted by an enterprise.

    Approval by bureau staff opens it to the liaison officers; a need is
    matched once a forwarded result interests the enterprise, and solved when
    a deal is signed.
    """

    ALLOWED_TRANSITIONS = {
        NeedStatus.DRAFT: {NeedStatus.SUBMITTED, NeedStatus.CLOSED},
        NeedStatus.SUBMITTED: {NeedStatus.OPEN, NeedStatus.REJECTED, NeedStatus.CHANGES_REQUESTED, NeedStatus.CLOSED},
        NeedStatus.CHANGES_REQUESTED: {NeedStatus.SUBMITTED, NeedStatus.CLOSED},
        NeedStatus.REJECTED: set(),
        NeedStatus.OPEN: {NeedStatus.MATCHED, NeedStatus.CLOSED},
        NeedStatus.MATCHED: {NeedStatus.OPEN, NeedStatus.SOLVED, NeedStatus.CLOSED},
        NeedStatus.SOLVED: {NeedStatus.MATCHED},
        NeedStatus.CLOSED: set(),
    }

    enterprise = models.ForeignKey(Enterprise, on_delete=models.PROTECT, related_name="needs")
    title = models.CharField(_("title"), max_length=200)
    description = models.TextField(_("problem description"), max_length=5000)
    tried = models.TextField(_("what has been tried"), max_length=3000, blank=True)
    target_indicators = models.TextField(_("target indicators"), max_length=3000, blank=True)
    industry = models.CharField(_("industry"), max_length=32, choices=Field.choices)
    budget_min_wan = models.DecimalField(
        _("budget from (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    budget_max_wan = models.DecimalField(
        _("budget up to (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True
    )
    deadline = models.DateField(_("deadline"), null=True, blank=True)
    language = models.CharField(_("language"), max_length=2, choices=Language.choices, default=Language.CHINESE)
    preferred_modes = models.ManyToManyField(
        "core.TransferModeOption", related_name="needs", blank=True, verbose_name=_("preferred cooperation modes")
    )
    is_public = models.BooleanField(
        _("show the company name publicly"),
        default=False,
        help_text=_(
            "Otherwise only bureau staff see which company posted the need; officers see a confidential enterprise."
        ),
    )
    status = models.CharField(_("status"), max_length=20, choices=NeedStatus.choices, default=NeedStatus.DRAFT)
    close_outcome = models.CharField(_("outcome"), max_length=20, choices=CloseOutcome.choices, blank=True)
    review_note = models.TextField(_("reviewer's note"), blank=True)
    review_round = models.PositiveIntegerField(
        _("review round"), default=0, help_text=_("How many times the need was submitted for review.")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="posted_needs")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    approved_at = models.DateTimeField(_("approved at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "review_round"])

    class Meta:
        verbose_name = _("technology need")
        verbose_name_plural = _("technology needs")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "-approved_at"]), models.Index(fields=["enterprise", "status"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=NeedStatus.values), name="need_status_valid"),
            models.CheckConstraint(
                condition=Q(budget_min_wan__isnull=True) | Q(budget_min_wan__gte=0), name="need_budget_min_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(budget_max_wan__isnull=True) | Q(budget_max_wan__gte=0), name="need_budget_max_not_negative"
            ),
            models.CheckConstraint(
                condition=Q(budget_min_wan__isnull=True)
                | Q(budget_max_wan__isnull=True)
                | Q(budget_min_wan__lte=F("budget_max_wan")),
                name="need_budget_min_not_above_max",
            ),
            models.CheckConstraint(
                condition=~Q(status=NeedStatus.CLOSED) | ~Q(close_outcome=""), name="closed_need_has_outcome"
            ),
        ]

    def __str__(self):
        return self.title

    def can_become(self, status: str) -> bool:
        return status in self.ALLOWED_TRANSITIONS[NeedStatus(self.status)]

    @property
    def is_editable(self) -> bool:
        """The enterprise may change the wording until bureau staff approve the need."""
        return self.status in EDITABLE_NEED_STATUSES


# Statuses in which the enterprise may still edit a need (before approval).
EDITABLE_NEED_STATUSES = (NeedStatus.DRAFT, NeedStatus.CHANGES_REQUESTED, NeedStatus.SUBMITTED)


class NeedSearchTerm(SearchTermBase):
    """One term a technology need is found by (see `core.search`). Rebuilt by the services on every save."""

    document = models.ForeignKey(TechNeed, on_delete=models.CASCADE, related_name="search_terms")

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [models.Index(fields=["term", "document"], name="need_term_document_idx")]

    def __str__(self):
        return self.term
