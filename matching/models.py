from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _
from simple_history.models import HistoricalRecords


class MatchState(models.TextChoices):
    SUGGESTED = "suggested", _("Suggested")
    FORWARDED_TO_ENTERPRISE = "forwarded_enterprise", _("Forwarded to the enterprise")
    FORWARDED_TO_TEAM = "forwarded_team", _("Forwarded to the research team")
    INTERESTED = "interested", _("Enterprise interested")
    NOT_RELEVANT = "not_relevant", _("Not relevant")
    INTRODUCED = "introduced", _("Introduced")
    DISMISSED = "dismissed", _("Dismissed")


class Match(models.Model):
    """A pairing of one technology need with one research result, suggested by the engine or made by hand."""

    need = models.ForeignKey("needs.TechNeed", on_delete=models.CASCADE, related_name="matches")
    achievement = models.ForeignKey("achievements.Achievement", on_delete=models.CASCADE, related_name="matches")
    score = models.FloatField(_("score"), default=0)
    explanation = models.JSONField(_("why it fits"), default=dict, blank=True)
    state = models.CharField(_("state"), max_length=24, choices=MatchState.choices, default=MatchState.SUGGESTED)
    reason = models.TextField(_("reason"), blank=True, help_text=_("Why it was dismissed or is not relevant."))
    forwarded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, blank=True, related_name="+"
    )
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)
    updated_at = models.DateTimeField(_("updated at"), auto_now=True)
    history = HistoricalRecords(excluded_fields=["updated_at", "score", "explanation"])

    class Meta:
        verbose_name = _("match")
        verbose_name_plural = _("matches")
        ordering = ["-score"]
        constraints = [
            models.UniqueConstraint(fields=["need", "achievement"], name="one_match_per_need_and_result"),
            models.CheckConstraint(condition=Q(state__in=MatchState.values), name="match_state_valid"),
            models.CheckConstraint(
                condition=~Q(state__in=[MatchState.DISMISSED, MatchState.NOT_RELEVANT]) | ~Q(reason=""),
                name="dismissed_match_has_reason",
            ),
        ]

    def __str__(self):
        return f"{self.need} ↔ {self.achievement}"


class Digest(models.Model):
    """The weekly matching digest of one liaison pair. One per pair and ISO week."""

    pair = models.ForeignKey("universities.LiaisonPair", on_delete=models.CASCADE, related_name="digests")
    period_start = models.DateField(_("week starting"))
    generated_at = models.DateTimeField(_("generated at"), auto_now_add=True)
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("digest")
        verbose_name_plural = _("digests")
        ordering = ["-period_start"]
        constraints = [models.UniqueConstraint(fields=["pair", "period_start"], name="one_digest_per_pair_and_week")]

    def __str__(self):
        return f"{self.pair} {self.period_start:%G-W%V}"


class DigestSection(models.TextChoices):
    NEW_NEEDS = "new_needs", _("New needs for our results")
    NEW_RESULTS = "new_results", _("Our new results for open needs")
    SCOUTING = "scouting", _("Needs with no good answer here yet")


class DigestItem(models.Model):
    """One ranked line of a digest."""

    digest = models.ForeignKey(Digest, on_delete=models.CASCADE, related_name="items")
    match = models.ForeignKey(Match, on_delete=models.CASCADE, null=True, blank=True, related_name="digest_items")
    need = models.ForeignKey("needs.TechNeed", on_delete=models.CASCADE, related_name="+")
    section = models.CharField(_("section"), max_length=16, choices=DigestSection.choices)
    rank = models.PositiveSmallIntegerField(_("rank"))
    # The score when the digest was made; the match's own score moves with later runs.
    score = models.FloatField(_("score"), default=0)

    class Meta:
        verbose_name = _("digest item")
        verbose_name_plural = _("digest items")
        ordering = ["digest", "section", "rank"]
        constraints = [
            models.UniqueConstraint(fields=["digest", "section", "rank"], name="one_item_per_digest_rank"),
        ]

    def __str__(self):
        return f"{self.digest} {self.section} #{self.rank}"


class InterestRequest(models.Model):
    """An enterprise's "we are interested" in a published result, sent to the liaison pair of its university.

    One per enterprise and result: asking twice changes nothing.
    """

    achievement = models.ForeignKey("achievements.Achievement", on_delete=models.CASCADE, related_name="interests")
    enterprise = models.ForeignKey("needs.Enterprise", on_delete=models.CASCADE, related_name="interests")
    requested_by = models.ForeignKey(settings.AUTH_USER_MODEL, on_delete=models.PROTECT, related_name="+")
    message = models.TextField(_("message"), max_length=2000, blank=True)
    created_at = models.DateTimeField(_("created at"), auto_now_add=True)

    class Meta:
        verbose_name = _("expression of interest")
        verbose_name_plural = _("expressions of interest")
        ordering = ["-created_at"]
        constraints = [
            models.UniqueConstraint(fields=["achievement", "enterprise"], name="one_interest_per_enterprise_and_result")
        ]

    def __str__(self):
        return f"{self.enterprise} → {self.achievement}"
