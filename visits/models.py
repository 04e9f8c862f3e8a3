from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy
from simple_history.models import HistoricalRecords


class Purpose(models.TextChoices):
    SCOUTING = "scouting", _("Scouting results")
    PRESENTING_NEEDS = "presenting_needs", _("Presenting enterprise needs")
    FOLLOW_UP = "follow_up", _("Follow-up")
    POLICY = "policy", _("Policy explanation")
    OTHER = "other", _("Other")


class VisitPurpose(models.Model):
    """One purpose a visit can have; a row so visits can have several and be filtered by them."""

    code = models.CharField(_("code"), max_length=32, primary_key=True, choices=Purpose.choices)
    position = models.PositiveSmallIntegerField(_("position"), default=0)

    class Meta:
        verbose_name = _("visit purpose")
        verbose_name_plural = _("visit purposes")
        ordering = ["position"]

    def __str__(self):
        return str(Purpose(self.code).label)


class CampusVisit(models.Model):
    """A visit by liaison officers to research teams on their campus.

    Visits are soft-deleted (`deleted_at`) so the audit trail stays whole.
    """

    pair = models.ForeignKey("universities.LiaisonPair", on_delete=models.PROTECT, related_name="visits")
    university = models.ForeignKey("universities.University", on_delete=models.PROTECT, related_name="visits")
    officers_present = models.ManyToManyField(
        settings.AUTH_USER_MODEL, related_name="visits", verbose_name=_("officers present")
    )
    visited_on = models.DateField(_("date"))
    teams = models.ManyToManyField("universities.ResearchTeam", related_name="visits", blank=True)
    contacts = models.ManyToManyField("universities.Contact", related_name="visits", blank=True)
    purposes = models.ManyToManyField(VisitPurpose, related_name="visits", verbose_name=_("purpose"))
    notes = models.TextField(_("notes"), max_length=10000, blank=True)
    needs_presented = models.ManyToManyField(
        "needs.TechNeed", related_name="presented_at_visits", blank=True, verbose_name=_("needs presented")
    )
    results_found = models.ManyToManyField(
        "achievements.Achievement", related_name="found_at_visits", blank=True, verbose_name=_("results found")
    )
    created_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    deleted_at = models.DateTimeField(_("deleted at"), null=True, blank=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("campus visit")
        verbose_name_plural = _("campus visits")
        ordering = ["-visited_on", "-created_at"]
        indexes = [models.Index(fields=["university", "-visited_on"])]

    def __str__(self):
        return f"{self.university.short_name} {self.visited_on:%Y-%m-%d}"


class FollowUpStatus(models.TextChoices):
    OPEN = "open", pgettext_lazy("follow-up status", "Open")
    DONE = "done", _("Done")
    CANCELLED = "cancelled", _("Cancelled")


class FollowUp(models.Model):
    """Something an officer promised to do after a visit, with a due date."""

    university = models.ForeignKey("universities.University", on_delete=models.PROTECT, related_name="follow_ups")
    visit = models.ForeignKey(CampusVisit, on_delete=models.SET_NULL, null=True, blank=True, related_name="follow_ups")
    match = models.ForeignKey(
        "matching.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="follow_ups",
        help_text=_("The need and result this follow-up carries to a research team."),
    )
    owner = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="follow_ups")
    title = models.CharField(_("what to do"), max_length=200)
    due_on = models.DateField(_("due on"))
    status = models.CharField(_("status"), max_length=16, choices=FollowUpStatus.choices, default="open")
    outcome = models.TextField(_("outcome"), blank=True)
    completed_at = models.DateTimeField(_("completed at"), null=True, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("follow-up")
        verbose_name_plural = _("follow-ups")
        ordering = ["status", "due_on"]
        indexes = [models.Index(fields=["owner", "status", "due_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=FollowUpStatus.values), name="follow_up_status_valid"),
            models.CheckConstraint(
                condition=~Q(status=FollowUpStatus.DONE) | Q(completed_at__isnull=False),
                name="done_follow_up_has_completion_time",
            ),
        ]

    def __str__(self):
        return self.title

    @property
    def is_overdue(self) -> bool:
        return self.status == FollowUpStatus.OPEN and self.due_on < timezone.localdate()
