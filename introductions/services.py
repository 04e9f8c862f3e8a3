"""Introductions: the liaison pair brings a research team and an enterprise together.

The use cases of one introduction, from proposal to both consents, with the messages that go through
the portal until then. When both sides have agreed, contact details are revealed and a deal opens.
"""

import datetime

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from core.choices import TransferMode
from deals.models import Deal
from deals.services import OPEN_STAGES, deal_open
from introductions.models import ConsentChannel, Introduction, IntroductionMessage, IntroductionStatus
from matching.models import InterestRequest, Match, MatchState
from matching.services import FORWARDABLE_RESULT_STATUSES, pair_users
from notifications.services import notify
from requests.models import EnterpriseStatus
from requests.selectors import enterprise_users
from universities.models import Contact
from universities.selectors import user_is_stationed_at

MESSAGE_MAX_LENGTH = 2000
REASON_MAX_LENGTH = 1000


def _url(introduction: Introduction) -> str:
    return reverse("introductions:detail", args=[introduction.pk])


def _is_enterprise_user(user, introduction: Introduction) -> bool:
    return enterprise_users(enterprise_id=introduction.enterprise_id).filter(pk=user.pk).exists()


def _text(value: str, *, field: str, required: str, limit: int) -> str:
    value = (value or "").strip()
    if not value:
        raise ValidationError({field: required})
    if len(value) > limit:
        raise ValidationError({field: _("Keep it under %(limit)d characters.") % {"limit": limit}})
    return value


def _locked(introduction: Introduction) -> Introduction:
    return Introduction.objects.select_for_update().select_related("achievement", "enterprise").get(pk=introduction.pk)


def _require_proposed(introduction: Introduction) -> None:
    if introduction.status != IntroductionStatus.PROPOSED:
        raise ValidationError(
            _("This introduction is %(status)s; it cannot be changed any more.")
            % {"status": introduction.get_status_display()},
            code="not_proposed",
        )


def _source(*, match: Match | None, interest: InterestRequest | None) -> dict:
    if (match is None) == (interest is None):
        raise ValueError("An introduction starts from exactly one match or one expression of interest.")
    if match is not None:
        if match.state != MatchState.INTERESTED:
            raise ValidationError(
                _("Propose an introduction once the enterprise has said it is interested."), code="not_interested"
            )
        return {"achievement": match.achievement, "enterprise": match.need.enterprise, "need": match.need}
    return {"achievement": interest.achievement, "enterprise": interest.enterprise, "need": None}


@transaction.atomic
def introduction_propose(
    *,
    officer,
    contact: Contact,
    mode: str,
    match: Match | None = None,
    interest: InterestRequest | None = None,
    message: str = "",
) -> Introduction:
    """An officer of the result's university proposes to introduce its team to an interested enterprise."""
    parties = _source(match=match, interest=interest)
    achievement, enterprise = parties["achievement"], parties["enterprise"]
    if not user_is_stationed_at(user=officer, university_id=achievement.university_id):
        raise PermissionDenied(_("Only the liaison officers of the result's university can propose an introduction."))
    if achievement.status not in FORWARDABLE_RESULT_STATUSES:
        raise ValidationError(_("Only a published result can be the subject of an introduction."))
    if enterprise.status != EnterpriseStatus.APPROVED:
        raise ValidationError(_("The enterprise is not approved."))
    if contact.team.university_id != achievement.university_id:
        raise ValidationError({"contact": _("Choose a contact of a research team at your university.")})
    if not contact.has_personal_data:
        raise ValidationError({"contact": _("Record this contact's phone or email first: that is what is shared.")})
    if mode not in TransferMode.values:
        raise ValidationError({"mode": _("Choose a transfer mode.")})
    message = (message or "").strip()
    if len(message) > MESSAGE_MAX_LENGTH:
        raise ValidationError({"message": _("Keep it under %(limit)d characters.") % {"limit": MESSAGE_MAX_LENGTH}})
    try:
        with transaction.atomic():
            introduction = Introduction.objects.create(
                **parties, match=match, interest=interest, contact=contact, mode=mode, proposed_by=officer
            )
    except IntegrityError:
        raise ValidationError(
            _("An introduction between this result and this enterprise is already under way."), code="duplicate"
        ) from None
    if message:
        IntroductionMessage.objects.create(introduction=introduction, author=officer, body=message)
    notify(
        recipients=enterprise_users(enterprise_id=introduction.enterprise_id),
        event_key=f"introduction-proposed:{introduction.pk}",
        subject=format_lazy(
            gettext_lazy("{university} proposes to introduce you to the team behind “{result}”"),
            university=achievement.university,
            result=achievement.title,
        ),
        body=gettext_lazy("Accept the introduction to receive the team's contact details."),
        url=_url(introduction),
    )
    return introduction


@transaction.atomic
def introduction_record_team_consent(
    *, introduction: Introduction, officer, consent_by: str, consent_on: datetime.date | None, channel: str
) -> Introduction:
    """The pair records that the research team agreed to meet the enterprise: who, when and how."""
    introduction = _locked(introduction)
    if not user_is_stationed_at(user=officer, university_id=introduction.achievement.university_id):
        raise PermissionDenied
    _require_proposed(introduction)
    consent_by = _text(consent_by, field="consent_by", required=_("Say who agreed for the team."), limit=100)
    if consent_on is None:
        raise ValidationError({"consent_on": _("Say when the team agreed.")})
    if consent_on > timezone.localdate():
        raise ValidationError({"consent_on": _("The date cannot be in the future.")})
    if channel not in ConsentChannel.values:
        raise ValidationError({"channel": _("Say how the team agreed.")})
    introduction.team_consent_by = consent_by
    introduction.team_consent_on = consent_on
    introduction.team_consent_channel = channel
    introduction.team_consent_recorded_by = officer
    introduction.save()
    return _complete_if_both_agreed(introduction)


@transaction.atomic
def introduction_accept(*, introduction: Introduction, user) -> Introduction:
    """A user of the enterprise accepts the introduction in the portal."""
    introduction = _locked(introduction)
    if not _is_enterprise_user(user, introduction):
        raise PermissionDenied
    _require_proposed(introduction)
    introduction.enterprise_accepted_by = user
    introduction.enterprise_accepted_at = timezone.now()
    introduction.save()
    notify(
        recipients=pair_users(introduction.achievement),
        event_key=f"introduction-enterprise-accepted:{introduction.pk}",
        subject=format_lazy(
            gettext_lazy("{enterprise} accepted the introduction to “{result}”"),
            enterprise=introduction.enterprise.name,
            result=introduction.achievement.title,
        ),
        url=_url(introduction),
    )
    return _complete_if_both_agreed(introduction)


def _complete_if_both_agreed(introduction: Introduction) -> Introduction:
    if not (introduction.team_consented and introduction.enterprise_accepted):
        return introduction
    introduction.status = IntroductionStatus.ACCEPTED
    introduction.accepted_at = timezone.now()
    # The introduction is the start of a deal; if the two already have one under way, it is that one.
    introduction.deal = Deal.objects.filter(
        achievement=introduction.achievement, enterprise=introduction.enterprise, stage__in=OPEN_STAGES
    ).first() or deal_open(
        achievement=introduction.achievement,
        enterprise=introduction.enterprise,
        opened_by=introduction.team_consent_recorded_by,
        mode=introduction.mode,
        need=introduction.need,
    )
    introduction.save()
    if introduction.match_id:
        Match.objects.filter(pk=introduction.match_id).update(state=MatchState.INTRODUCED, updated_at=timezone.now())
    notify(
        recipients=[*pair_users(introduction.achievement), *enterprise_users(enterprise_id=introduction.enterprise_id)],
        event_key=f"introduction-accepted:{introduction.pk}",
        subject=format_lazy(
            gettext_lazy("Introduction agreed: “{result}” and {enterprise}"),
            result=introduction.achievement.title,
            enterprise=introduction.enterprise.name,
        ),
        body=gettext_lazy("Both sides agreed. Contact details are now shown on the introduction page."),
        url=_url(introduction),
    )
    return introduction


@transaction.atomic
def introduction_decline(*, introduction: Introduction, user, reason: str) -> Introduction:
    """The enterprise turns the introduction down, saying why."""
    introduction = _locked(introduction)
    if not _is_enterprise_user(user, introduction):
        raise PermissionDenied
    _require_proposed(introduction)
    return _close(
        introduction,
        status=IntroductionStatus.DECLINED,
        reason=_text(
            reason, field="reason", required=_("Say why, so the officers can do better."), limit=REASON_MAX_LENGTH
        ),
        recipients=pair_users(introduction.achievement),
    )


@transaction.atomic
def introduction_cancel(*, introduction: Introduction, officer, reason: str) -> Introduction:
    """The pair calls the introduction off, for example because the team declined."""
    introduction = _locked(introduction)
    if not user_is_stationed_at(user=officer, university_id=introduction.achievement.university_id):
        raise PermissionDenied
    _require_proposed(introduction)
    return _close(
        introduction,
        status=IntroductionStatus.CANCELLED,
        reason=_text(
            reason, field="reason", required=_("Say why the introduction is called off."), limit=REASON_MAX_LENGTH
        ),
        recipients=enterprise_users(enterprise_id=introduction.enterprise_id),
    )


def _close(introduction: Introduction, *, status: str, reason: str, recipients) -> Introduction:
    introduction.status = status
    introduction.closing_reason = reason
    introduction.save()
    notify(
        recipients=recipients,
        event_key=f"introduction-closed:{introduction.pk}",
        subject=format_lazy(
            gettext_lazy("The introduction to “{result}” was called off"), result=introduction.achievement.title
        ),
        body=reason,
        url=_url(introduction),
    )
    return introduction


@transaction.atomic
def introduction_message_post(*, introduction: Introduction, author, body: str) -> IntroductionMessage:
    """A message between the enterprise and the pair; the other side is told."""
    introduction = _locked(introduction)
    from_officer = user_is_stationed_at(user=author, university_id=introduction.achievement.university_id)
    if not from_officer and not _is_enterprise_user(author, introduction):
        raise PermissionDenied
    if introduction.status not in (IntroductionStatus.PROPOSED, IntroductionStatus.ACCEPTED):
        raise ValidationError(_("This introduction is closed; no more messages can be sent."))
    body = _text(body, field="body", required=_("Write a message."), limit=MESSAGE_MAX_LENGTH)
    message = IntroductionMessage.objects.create(introduction=introduction, author=author, body=body)
    recipients = (
        enterprise_users(enterprise_id=introduction.enterprise_id)
        if from_officer
        else pair_users(introduction.achievement)
    )
    notify(
        recipients=recipients.exclude(pk=author.pk),
        event_key=f"introduction-message:{message.pk}",
        subject=format_lazy(
            gettext_lazy("New message about the introduction to “{result}”"), result=introduction.achievement.title
        ),
        body=body,
        url=_url(introduction),
    )
    return message
