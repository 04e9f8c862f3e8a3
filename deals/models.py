from django.conf import settings
from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import TransferMode


class EventLevel(models.TextChoices):
    LARGE = "large", _("Large (run by the bureau)")
    MEDIUM = "medium", _("Medium (run by a district or development zone)")
    SMALL = "small", _("Small (run by a tech-transfer agency)")


class ThemeKind(models.TextChoices):
    INDUSTRY = "industry", _("Industry session")
    UNIVERSITY = "university", _("University session")


class MatchmakingEvent(models.Model):
    """A matchmaking session (专场对接活动) where results are shown to enterprises and deals are signed."""

    name = models.CharField(_("name"), max_length=200)
    level = models.CharField(_("level"), max_length=8, choices=EventLevel.choices)
    theme_kind = models.CharField(_("theme"), max_length=16, choices=ThemeKind.choices)
    theme = models.CharField(_("industry or university"), max_length=200)
    university = models.ForeignKey(
        "universities.University", on_delete=models.SET_NULL, null=True, blank=True, related_name="events"
    )
    organiser = models.CharField(_("organiser"), max_length=200)
    held_on = models.DateField(_("date"))
    venue = models.CharField(_("venue"), max_length=200, blank=True)
    is_online = models.BooleanField(_("online"), default=False)
    is_published = models.BooleanField(_("published"), default=False)
    achievements_on_show = models.ManyToManyField(
        "achievements.Achievement", related_name="events", blank=True, verbose_name=_("results on show")
    )
    enterprises_invited = models.ManyToManyField(
        "needs.Enterprise", related_name="events", blank=True, verbose_name=_("enterprises invited")
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("matchmaking session")
        verbose_name_plural = _("matchmaking sessions")
        ordering = ["-held_on"]
        constraints = [
            models.CheckConstraint(condition=Q(level__in=EventLevel.values), name="event_level_valid"),
        ]

    def __str__(self):
        return self.name


class DealStage(models.TextChoices):
    INTRODUCED = "introduced", _("Introduced")
    NEGOTIATING = "negotiating", _("Negotiating")
    SIGNED = "signed", _("Contract signed")
    REGISTERED = "registered", _("Registered")
    IMPLEMENTED = "implemented", _("Implemented")
    LOST = "lost", _("Lost")


SIGNED_STAGES = (DealStage.SIGNED, DealStage.REGISTERED, DealStage.IMPLEMENTED)


class Landing(models.TextChoices):
    WUHAN = "wuhan", _("Wuhan")
    HUBEI = "hubei", _("Elsewhere in Hubei")
    OUTSIDE = "outside", _("Outside Hubei")


class Deal(models.Model):
    """A transfer of one result to one enterprise, from introduction to signed and implemented contract."""

    achievement = models.ForeignKey("achievements.Achievement", on_delete=models.PROTECT, related_name="deals")
    enterprise = models.ForeignKey("needs.Enterprise", on_delete=models.PROTECT, related_name="deals")
    need = models.ForeignKey("needs.TechNeed", on_delete=models.SET_NULL, null=True, blank=True, related_name="deals")
    event = models.ForeignKey(MatchmakingEvent, on_delete=models.SET_NULL, null=True, blank=True, related_name="deals")
    mode = models.CharField(_("transfer mode"), max_length=32, choices=TransferMode.choices)
    amount_wan = models.DecimalField(_("amount (10k yuan)"), max_digits=12, decimal_places=2, null=True, blank=True)
    stage = models.CharField(_("stage"), max_length=16, choices=DealStage.choices, default=DealStage.INTRODUCED)
    signed_on = models.DateField(_("signed on"), null=True, blank=True)
    landing = models.CharField(_("where the result lands"), max_length=8, choices=Landing.choices, blank=True)
    registration_number = models.CharField(
        _("contract registration number"), max_length=64, null=True, blank=True, unique=True
    )
    lost_reason = models.TextField(_("reason lost"), blank=True)
    responsible_officer = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="deals",
        verbose_name=_("responsible officer"),
    )
    opened_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="opened_deals",
        verbose_name=_("opened by"),
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at"])

    class Meta:
        verbose_name = _("deal")
        verbose_name_plural = _("deals")
        ordering = ["-signed_on", "-created_at"]
        indexes = [models.Index(fields=["stage", "signed_on"])]
        constraints = [
            models.CheckConstraint(condition=Q(stage__in=DealStage.values), name="deal_stage_valid"),
            models.CheckConstraint(condition=Q(mode__in=TransferMode.values), name="deal_mode_valid"),
            models.CheckConstraint(
                condition=Q(amount_wan__isnull=True) | Q(amount_wan__gte=0), name="deal_amount_not_negative"
            ),
            models.CheckConstraint(
                condition=~Q(stage__in=SIGNED_STAGES)
                | (Q(signed_on__isnull=False) & Q(amount_wan__isnull=False) & ~Q(landing="")),
                name="signed_deal_has_date_amount_and_landing",
            ),
            models.CheckConstraint(
                condition=~Q(stage=DealStage.LOST) | ~Q(lost_reason=""), name="lost_deal_has_reason"
            ),
            # One result and one enterprise have at most one deal under way; a lost or signed one may be followed
            # by another (a result can be licensed more than once).
            models.UniqueConstraint(
                fields=["achievement", "enterprise"],
                condition=Q(stage__in=["introduced", "negotiating"]),
                name="one_open_deal_per_result_and_enterprise",
            ),
        ]

    def __str__(self):
        return f"{self.achievement} → {self.enterprise}"

    def can_become(self, stage: str) -> bool:
        return stage in ALLOWED_DEAL_TRANSITIONS[DealStage(self.stage)]

    @property
    def is_signed(self) -> bool:
        return self.stage in SIGNED_STAGES


# A signed contract can still fall through (cancelled before registration): it is then lost, and the
# statuses it moved go back where a service can put them back (a transferred result cannot).
ALLOWED_DEAL_TRANSITIONS = {
    DealStage.INTRODUCED: {DealStage.NEGOTIATING, DealStage.SIGNED, DealStage.LOST},
    DealStage.NEGOTIATING: {DealStage.SIGNED, DealStage.LOST},
    DealStage.SIGNED: {DealStage.REGISTERED, DealStage.LOST},
    DealStage.REGISTERED: {DealStage.IMPLEMENTED},
    DealStage.IMPLEMENTED: set(),
    DealStage.LOST: set(),
}
# The order of the board's columns and of the stepper on a deal's page.
PIPELINE = (
    DealStage.INTRODUCED,
    DealStage.NEGOTIATING,
    DealStage.SIGNED,
    DealStage.REGISTERED,
    DealStage.IMPLEMENTED,
    DealStage.LOST,
)


class DealStageChange(models.Model):
    """One move of a deal along its pipeline: who moved it, when, from which stage to which (the audit trail)."""

    deal = models.ForeignKey(Deal, on_delete=models.CASCADE, related_name="stage_changes")
    from_stage = models.CharField(_("from"), max_length=16, choices=DealStage.choices, blank=True)
    to_stage = models.CharField(_("to"), max_length=16, choices=DealStage.choices)
    changed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("changed by")
    )
    changed_at = models.DateTimeField(_("changed at"), auto_now_add=True)
    note = models.TextField(_("note"), blank=True)

    class Meta:
        verbose_name = _("deal stage change")
        verbose_name_plural = _("deal stage changes")
        ordering = ["-changed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(to_stage__in=DealStage.values), name="stage_change_to_valid"),
            models.CheckConstraint(condition=~Q(from_stage=F("to_stage")), name="stage_change_moves"),
        ]

    def __str__(self):
        return f"{self.deal_id}: {self.from_stage or '∅'} → {self.to_stage}"


class EventAttendee(models.Model):
    """Someone checked in at a matchmaking session: an invited enterprise, or a walk-in by name."""

    event = models.ForeignKey(MatchmakingEvent, on_delete=models.CASCADE, related_name="attendees")
    enterprise = models.ForeignKey(
        "needs.Enterprise", on_delete=models.CASCADE, null=True, blank=True, related_name="attendances"
    )
    name = models.CharField(_("name"), max_length=100)
    organisation = models.CharField(_("organisation"), max_length=200, blank=True)
    checked_in_at = models.DateTimeField(_("checked in at"), auto_now_add=True)
    checked_in_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")

    class Meta:
        verbose_name = _("attendee")
        verbose_name_plural = _("attendees")
        ordering = ["checked_in_at", "pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["event", "enterprise"],
                condition=Q(enterprise__isnull=False),
                name="enterprise_checks_in_once_per_event",
            ),
        ]

    def __str__(self):
        return self.name


class EventTarget(models.Model):
    """How many sessions of one level the programme aims to hold in one year (the 2018–2020 plan: 10/50/100)."""

    year = models.PositiveSmallIntegerField(_("year"))
    level = models.CharField(_("level"), max_length=8, choices=EventLevel.choices)
    target = models.PositiveIntegerField(_("target"))

    class Meta:
        verbose_name = _("yearly session target")
        verbose_name_plural = _("yearly session targets")
        ordering = ["-year", "level"]
        constraints = [
            models.UniqueConstraint(fields=["year", "level"], name="one_target_per_year_and_level"),
            models.CheckConstraint(condition=Q(level__in=EventLevel.values), name="event_target_level_valid"),
        ]

    def __str__(self):
        return f"{self.year} {self.get_level_display()}: {self.target}"
