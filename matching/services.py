from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import User
from achievements.models import Achievement, AchievementStatus
from matching.models import InterestRequest, Match, MatchState
from notifications.services import notify
from requests.models import EnterpriseMembership, EnterpriseStatus, NeedStatus, TechNeed
from requests.services import need_transition
from universities.selectors import university_of_user

NOTE_MAX_LENGTH = 1000
FORWARDABLE_RESULT_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING)
NEED_STATUSES_TAKING_RESULTS = (NeedStatus.OPEN, NeedStatus.MATCHED)
# Once the enterprise answered, an introduction followed or an officer dismissed the match, forwarding it
# again would ask the enterprise the same question twice.
SETTLED_STATES = (MatchState.INTERESTED, MatchState.NOT_RELEVANT, MatchState.INTRODUCED, MatchState.DISMISSED)


def _need_url(need: TechNeed) -> str:
    return reverse("needs:detail", args=[need.pk])


def _enterprise_users(need: TechNeed):
    return User.objects.filter(enterprise_membership__enterprise_id=need.enterprise_id, is_active=True)


def pair_users(achievement: Achievement):
    """The active members of the pair stationed at the result's university: the forwarding officer's pair.

    Looked up by university rather than by the forwarding officer, so that if the pair changed in between,
    the officers now in charge hear the answer.
    """
    return User.objects.filter(
        is_active=True,
        officer__memberships__ended_on__isnull=True,
        officer__memberships__pair__ended_on__isnull=True,
        officer__memberships__pair__university_id=achievement.university_id,
    )


@transaction.atomic
def match_forward_to_enterprise(*, need: TechNeed, achievement: Achievement, officer, note: str) -> Match:
    """An officer forwards one of their university's published results to an open need, with why it fits."""
    note = (note or "").strip()
    if not note:
        raise ValidationError({"note": _("Tell the enterprise why this result fits their need.")})
    if len(note) > NOTE_MAX_LENGTH:
        raise ValidationError({"note": _("Keep the note under %(limit)d characters.") % {"limit": NOTE_MAX_LENGTH}})
    university = university_of_user(user=officer)
    if university is None or university.pk != achievement.university_id:
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
        recipients=_enterprise_users(need),
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
    if not _enterprise_users(need).filter(pk=user.pk).exists():
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
