from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords

from core.choices import TransferMode


class IntroductionStatus(models.TextChoices):
    PROPOSED = "proposed", _("Waiting for both sides")
    ACCEPTED = "accepted", _("Both sides agreed")
    DECLINED = "declined", _("Declined by the enterprise")
    CANCELLED = "cancelled", _("Cancelled by the officers")


class ConsentChannel(models.TextChoices):
    IN_PERSON = "in_person", _("In person")
    PHONE = "phone", _("By phone")
    EMAIL = "email", _("By email")
    MESSAGE = "message", _("By instant message")


OPEN_INTRODUCTION_STATUSES = (IntroductionStatus.PROPOSED, IntroductionStatus.ACCEPTED)


class Introduction(models.Model):
    """The liaison pair brings a research team and an enterprise together: the start of a deal.

    There is no professor login, so the pair records the team's consent (who agreed, when, how); the
    enterprise accepts in the portal. Each side's contact details are shown to the other only once both
    consents are recorded; until then every message goes through the portal.
    """

    achievement = models.ForeignKey(
        "achievements.Achievement", on_delete=models.PROTECT, related_name="introductions", verbose_name=_("result")
    )
    enterprise = models.ForeignKey(
        "needs.Enterprise", on_delete=models.PROTECT, related_name="introductions", verbose_name=_("enterprise")
    )
    need = models.ForeignKey(
        "needs.TechNeed",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("technology need"),
    )
    match = models.ForeignKey(
        "matching.Match",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("match"),
    )
    interest = models.ForeignKey(
        "matching.InterestRequest",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introductions",
        verbose_name=_("expression of interest"),
    )
    contact = models.ForeignKey(
        "universities.Contact",
        on_delete=models.PROTECT,
        related_name="introductions",
        verbose_name=_("research team contact"),
    )
    mode = models.CharField(_("transfer mode under discussion"), max_length=32, choices=TransferMode.choices)
    deal = models.OneToOneField(
        "deals.Deal",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="introduction",
        verbose_name=_("deal"),
    )
    status = models.CharField(
        _("status"), max_length=16, choices=IntroductionStatus.choices, default=IntroductionStatus.PROPOSED
    )
    proposed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+", verbose_name=_("proposed by")
    )
    proposed_at = models.DateTimeField(_("proposed at"), auto_now_add=True)
    team_consent_by = models.CharField(_("who agreed for the team"), max_length=100, blank=True)
    team_consent_on = models.DateField(_("agreed on"), null=True, blank=True)
    team_consent_channel = models.CharField(
        _("how they agreed"), max_length=16, choices=ConsentChannel.choices, blank=True
    )
    team_consent_recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("consent recorded by"),
    )
    enterprise_accepted_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("accepted by"),
    )
    enterprise_accepted_at = models.DateTimeField(_("accepted by the enterprise at"), null=True, blank=True)
    accepted_at = models.DateTimeField(_("both sides agreed at"), null=True, blank=True)
    closing_reason = models.TextField(_("reason"), blank=True)
    history = HistoricalRecords()

    class Meta:
        verbose_name = _("introduction")
        verbose_name_plural = _("introductions")
        ordering = ["-proposed_at", "-pk"]
        constraints = [
            models.CheckConstraint(condition=Q(status__in=IntroductionStatus.values), name="introduction_status_valid"),
            models.UniqueConstraint(
                fields=["achievement", "enterprise"],
                condition=Q(status__in=OPEN_INTRODUCTION_STATUSES),
                name="one_open_introduction_per_result_and_enterprise",
            ),
            models.CheckConstraint(
                condition=Q(team_consent_on__isnull=True)
                | (~Q(team_consent_by="") & ~Q(team_consent_channel="") & Q(team_consent_recorded_by__isnull=False)),
                name="team_consent_is_complete",
            ),
            models.CheckConstraint(
                condition=~Q(status=IntroductionStatus.ACCEPTED)
                | (
                    Q(team_consent_on__isnull=False)
                    & Q(enterprise_accepted_at__isnull=False)
                    & Q(accepted_at__isnull=False)
                ),
                name="accepted_introduction_has_both_consents",
            ),
            models.CheckConstraint(
                condition=~Q(status__in=[IntroductionStatus.DECLINED, IntroductionStatus.CANCELLED])
                | ~Q(closing_reason=""),
                name="closed_introduction_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.achievement} ↔ {self.enterprise}"

    @property
    def team_consented(self) -> bool:
        return self.team_consent_on is not None

    @property
    def enterprise_accepted(self) -> bool:
        return self.enterprise_accepted_at is not None

    @property
    def contacts_revealed(self) -> bool:
        return self.status == IntroductionStatus.ACCEPTED


class IntroductionMessage(models.Model):
    """A message between the enterprise and the liaison pair about one introduction, kept in the portal."""

    introduction = models.ForeignKey(Introduction, on_delete=models.CASCADE, related_name="messages")
    author = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    body = models.TextField(_("message"), max_length=2000)
    created_at = models.DateTimeField(_("sent at"), auto_now_add=True)

    class Meta:
        verbose_name = _("introduction message")
        verbose_name_plural = _("introduction messages")
        ordering = ["created_at", "pk"]

    def __str__(self):
        return f"{self.author} {self.created_at:%Y-%m-%d %H:%M}"
