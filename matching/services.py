import datetime

from django.conf import settings
from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from simple_history.utils import bulk_create_with_history

from achievements.models import Achievement, AchievementStatus
from matching import corpus
from matching.digest_ranking import DigestPlan, digest_plan
from matching.models import Digest, DigestItem, DigestSection, InterestRequest, Match, MatchState
from notifications.services import notify
from requests.models import EnterpriseMembership, EnterpriseStatus, NeedStatus, TechNeed
from requests.selectors import enterprise_users
from requests.services import need_transition
from universities.models import LiaisonPair
from universities.selectors import officers_at, pair_members, user_is_stationed_at
from visits.services import follow_up_create

NOTE_MAX_LENGTH = 1000
FORWARDABLE_RESULT_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING)
NEED_STATUSES_TAKING_RESULTS = (NeedStatus.OPEN, NeedStatus.MATCHED)
# Once the enterprise answered, an introduction followed or an officer dismissed the match, forwarding it
# again would ask the enterprise the same question twice.
SETTLED_STATES = (MatchState.INTERESTED, MatchState.NOT_RELEVANT, MatchState.INTRODUCED, MatchState.DISMISSED)


def _need_url(need: TechNeed) -> str:
    return reverse("needs:detail", args=[need.pk])


def pair_users(achievement: Achievement):
    """The active members of the pair stationed at the result's university: the forwarding officer's pair.

    Looked up by university rather than by the forwarding officer, so that if the pair changed in between,
    the officers now in charge hear the answer.
    """
    return officers_at(university_id=achievement.university_id).filter(is_active=True)


@transaction.atomic
def match_forward_to_enterprise(*, need: TechNeed, achievement: Achievement, officer, note: str) -> Match:
    """An officer forwards one of their university's published results to an open need, with why it fits."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the enterprise why this result fits their need.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": _("Keep the note under %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}})
    if not user_is_stationed_at(user=officer, university_id=achievement.university_id):
        raise ValidationError(
            _("You can forward only results of the university you are stationed at."), code="not_your_university"
        )
    if achievement.status not in FORWARDABLE_RESULT_STATUSES:
        raise ValidationError(_("Only a published result can be forwarded to an enterprise."), code="not_published")
    need = TechNeed.objects.select_for_update().get(pk=need.pk)
    if need.status not in NEED_STATUSES_TAKING_RESULTS:
        raise ValidationError(_("This need is not open, so no result can be forwarded to it."), code="need_not_open")
    match, _created = Match.objects.select_for_update().get_or_create(need=need, achievement=achievement)
    if match.state in SETTLED_STATES:
        raise ValidationError(
            _("This result was already answered or dismissed for this need; it is not forwarded again."),
            code="already_settled",
        )
    match.state = MatchState.FORWARDED_TO_ENTERPRISE
    match.forwarded_by = officer
    match.explanation = {**match.explanation, "note": note}
    match.save()
    notify(
        recipients=enterprise_users(enterprise_id=need.enterprise_id),
        event_key=f"match-forwarded:{match.pk}",
        subject=format_lazy(gettext_lazy("A research result was forwarded for your need: {title}"), title=need.title),
        body=format_lazy(
            gettext_lazy("{university} suggests “{result}”. Say whether it interests you."),
            university=achievement.university,
            result=achievement.title,
        ),
        url=_need_url(need),
    )
    return match


@transaction.atomic
def match_respond(*, match: Match, user, interested: bool, reason: str = "") -> Match:
    """The enterprise says whether a forwarded result interests it; "interested" makes an open need matched."""
    match = Match.objects.select_for_update().select_related("need", "achievement").get(pk=match.pk)
    need = match.need
    if not enterprise_users(enterprise_id=need.enterprise_id).filter(pk=user.pk).exists():
        raise PermissionDenied
    if match.state != MatchState.FORWARDED_TO_ENTERPRISE:
        raise ValidationError(_("This result was already answered."), code="already_answered")
    reason = (reason or "").strip()
    if interested:
        match.state = MatchState.INTERESTED
        match.reason = ""
    else:
        if not reason:
            raise ValidationError({"reason": _("Say why the result is not relevant, so the officers can do better.")})
        match.state = MatchState.NOT_RELEVANT
        match.reason = reason
    match.save()
    if interested and TechNeed.objects.filter(pk=need.pk, status=NeedStatus.OPEN).exists():
        need_transition(need=need, status=NeedStatus.MATCHED)
    if interested:
        subject = gettext_lazy("An enterprise is interested in “{result}”")
    else:
        subject = gettext_lazy("An enterprise found “{result}” not relevant")
    notify(
        recipients=pair_users(match.achievement),
        event_key=f"match-answered:{match.pk}",
        subject=format_lazy(subject, result=match.achievement.title),
        body=match.reason,
        url=_need_url(need),
    )
    return match


@transaction.atomic
def interest_express(*, achievement: Achievement, user, message: str = "") -> InterestRequest:
    """An enterprise user says their company is interested in a published result; the university's pair is told once."""
    membership = EnterpriseMembership.objects.select_related("enterprise").filter(user=user).first()
    if membership is None or membership.enterprise.status != EnterpriseStatus.APPROVED:
        raise PermissionDenied(_("Only users of an approved enterprise can express interest."))
    if achievement.status not in FORWARDABLE_RESULT_STATUSES:
        raise ValidationError(_("Interest can only be expressed in a published result."))
    interest, created = InterestRequest.objects.get_or_create(
        achievement=achievement,
        enterprise=membership.enterprise,
        defaults={"requested_by": user, "message": message.strip()},
    )
    if created:
        notify(
            recipients=pair_users(achievement),
            event_key=f"interest:{interest.pk}",
            subject=format_lazy(
                gettext_lazy("{enterprise} is interested in {title}"),
                enterprise=membership.enterprise.name,
                title=achievement.title,
            ),
            body=interest.message,
            url=reverse("achievements:detail", args=[achievement.pk]),
        )
    return interest


# -- actions on suggestions ----------------------------------------------------------------------

FOLLOW_UP_DAYS = 7


def _suggestion_for(*, match: Match, officer) -> Match:
    match = Match.objects.select_for_update().select_related("need", "achievement").get(pk=match.pk)
    if not user_is_stationed_at(user=officer, university_id=match.achievement.university_id):
        raise PermissionDenied
    if match.state != MatchState.SUGGESTED:
        raise ValidationError(
            _("This suggestion was already acted on (%(state)s).") % {"state": match.get_state_display()},
            code="already_acted",
        )
    return match


@transaction.atomic
def match_forward_to_team(*, match: Match, officer) -> Match:
    """Carry a suggested need to the result's research team: a follow-up reminds the officer within a week."""
    match = _suggestion_for(match=match, officer=officer)
    team = match.achievement.team
    follow_up_create(
        user=officer,
        title=_("Take the need “%(need)s” to %(team)s")
        % {"need": match.need.title[:80], "team": team.name if team else match.achievement.title[:60]},
        due_on=timezone.localdate() + datetime.timedelta(days=FOLLOW_UP_DAYS),
        match=match,
    )
    match.state = MatchState.FORWARDED_TO_TEAM
    match.forwarded_by = officer
    match.save()
    return match


@transaction.atomic
def match_dismiss(*, match: Match, officer, reason: str) -> Match:
    """An officer rules a suggestion out, saying why; it is never suggested again."""
    match = _suggestion_for(match=match, officer=officer)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"reason": _("Say why the suggestion does not fit, so it is not made again.")})
    if len(reason) > NOTE_MAX_LENGTH:
        raise ValidationError({"reason": _("Keep the note under %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}})
    match.state = MatchState.DISMISSED
    match.reason = reason
    match.save()
    return match


# -- weekly digests ------------------------------------------------------------------------------


def period_start_of(day: datetime.date) -> datetime.date:
    """The Monday of the ISO week holding `day` (dates are in TIME_ZONE, Asia/Shanghai)."""
    return day - datetime.timedelta(days=day.weekday())


def _pair_officers(pair: LiaisonPair):
    return pair_members(pair=pair).filter(is_active=True)


def _changed_since(queryset, since):
    return queryset if since is None else queryset.filter(updated_at__gt=since)


def _plan_for(*, digest: Digest, since, index) -> DigestPlan:
    pair = digest.pair
    results = corpus.matchable_results().filter(university_id=pair.university_id)
    needs = corpus.matchable_needs()
    # Suggestions acted on are not made again, except in a rebuild of the digest they were acted on from.
    settled = (
        Match.objects.filter(achievement__university_id=pair.university_id)
        .exclude(state=MatchState.SUGGESTED)
        .exclude(digest_items__digest=digest)
    )
    return digest_plan(
        index=index,
        university_result_ids={str(pk) for pk in results.values_list("pk", flat=True)},
        open_need_ids={str(pk) for pk in needs.values_list("pk", flat=True)},
        new_need_ids=[str(pk) for pk in _changed_since(needs, since).order_by("-pk").values_list("pk", flat=True)],
        new_result_ids=[str(pk) for pk in _changed_since(results, since).order_by("-pk").values_list("pk", flat=True)],
        excluded_pairs={(str(n), str(r)) for n, r in settled.values_list("need_id", "achievement_id")},
    )


def _suggest_all(candidates) -> dict[tuple[int, int], Match]:
    """The match of each candidate, created or refreshed in a few queries whatever the count."""
    wanted = {(int(c.need_id), int(c.result_id)): c for c in candidates}
    existing = {
        (match.need_id, match.achievement_id): match
        for match in Match.objects.filter(
            need_id__in={need for need, _result in wanted}, achievement_id__in={result for _need, result in wanted}
        )
        if (match.need_id, match.achievement_id) in wanted
    }
    refreshed = []
    for key, match in existing.items():
        if match.state == MatchState.SUGGESTED:
            match.score = wanted[key].score
            match.explanation = {**match.explanation, **wanted[key].explanation}
            refreshed.append(match)
    Match.objects.bulk_update(refreshed, ["score", "explanation"])
    new = [
        Match(need_id=need, achievement_id=result, score=c.score, explanation=c.explanation)
        for (need, result), c in wanted.items()
        if (need, result) not in existing
    ]
    for match in bulk_create_with_history(new, Match):
        existing[(match.need_id, match.achievement_id)] = match
    return existing


def _write_items(digest: Digest, plan: DigestPlan) -> None:
    ranked = ((DigestSection.NEW_NEEDS, plan.new_needs), (DigestSection.NEW_RESULTS, plan.new_results))
    matches = _suggest_all([candidate for _section, candidates in ranked for candidate in candidates])
    items = [
        DigestItem(
            digest=digest,
            match=matches[(int(candidate.need_id), int(candidate.result_id))],
            need_id=int(candidate.need_id),
            section=section,
            rank=rank,
            score=candidate.score,
        )
        for section, candidates in ranked
        for rank, candidate in enumerate(candidates, start=1)
    ]
    items += [
        DigestItem(digest=digest, need_id=int(need_id), section=DigestSection.SCOUTING, rank=rank)
        for rank, need_id in enumerate(plan.scouting, start=1)
    ]
    DigestItem.objects.bulk_create(items)


@transaction.atomic
def digest_build(*, pair: LiaisonPair, period_start: datetime.date, rebuild: bool = False, index=None) -> Digest:
    """Make the pair's digest for one week, once: a second call, a retry or a concurrent worker returns it.

    `rebuild` recomputes the items of an existing digest (after a fix, or to check that incremental and full
    runs agree) without mailing the officers again. `index` lets one run share an engine index across pairs.
    """
    if period_start != period_start_of(period_start):
        raise ValueError("A digest period starts on a Monday.")
    # Concurrent builders wait here on the unique (pair, week) row; the loser gets the winner's digest.
    digest, created = Digest.objects.get_or_create(pair=pair, period_start=period_start)
    if not (created or rebuild):
        return digest
    previous = Digest.objects.filter(pair=pair, period_start__lt=period_start).order_by("-period_start").first()
    plan = _plan_for(
        digest=digest, since=previous.generated_at if previous else None, index=index or corpus.index_current()
    )
    digest.items.all().delete()
    _write_items(digest, plan)
    if created:
        _announce(digest)
    return digest


def _announce(digest: Digest) -> None:
    """One portal notification and one email per officer; the unique notification key makes it once."""
    count = digest.items.count()
    notify(
        recipients=_pair_officers(digest.pair),
        event_key=f"digest:{digest.pk}",
        subject=format_lazy(
            gettext_lazy("Matching digest for the week of {week}: {count} items"),
            week=digest.period_start.isoformat(),
            count=count,
        ),
        url=reverse("matching:digest_detail", args=[digest.pk]),
        render_email=lambda user: _render_digest_email(digest.pk),
    )
    Digest.objects.filter(pk=digest.pk).update(sent_at=timezone.now())


def _render_digest_email(digest_pk: int) -> tuple[str, str]:
    from matching.selectors import digest_sections

    digest = Digest.objects.select_related("pair__university").get(pk=digest_pk)
    context = {
        "digest": digest,
        "sections": digest_sections(digest=digest),
        "url": settings.PORTAL_BASE_URL + reverse("matching:digest_detail", args=[digest.pk]),
    }
    return (
        render_to_string("matching/email/digest.txt", context),
        render_to_string("matching/email/digest.html", context),
    )
