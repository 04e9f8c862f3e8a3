"""Deals along their pipeline and matchmaking sessions.

Moving a deal also moves its result and its need (the status cascade of DECISIONS.md), through the
achievements' and needs' own transition services and in the same transaction: if any step is refused,
nothing of the move is kept.
"""

import datetime
from collections.abc import Iterable
from decimal import Decimal, InvalidOperation

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from accounts.access import STAFF_ROLES, user_has_role
from accounts.models import Role
from achievements.models import Achievement, AchievementStatus
from achievements.selectors import PUBLIC_STATUSES
from achievements.services import achievement_transition
from core.choices import TransferMode
from deals.models import (
    SIGNED_STAGES,
    Deal,
    DealStage,
    DealStageChange,
    EventAttendee,
    EventLevel,
    Landing,
    MatchmakingEvent,
    ThemeKind,
)
from requests.models import Enterprise, EnterpriseStatus, NeedStatus, TechNeed
from requests.services import need_transition
from universities.selectors import university_of_user, user_can_edit_at

# Modes after which the university no longer owns the result: it is transferred, for good.
FINAL_MODES = (TransferMode.ASSIGNMENT, TransferMode.EQUITY)
OPEN_STAGES = (DealStage.INTRODUCED, DealStage.NEGOTIATING)
MAX_AMOUNT_WAN = Decimal("9999999999.99")


# -- who may do what -----------------------------------------------------------------------------


def deal_user_can_edit(*, user, deal: Deal) -> bool:
    """Officers of the result's university (and admins) move its deals; everyone else only reads."""
    return user_can_edit_at(user=user, university=deal.achievement.university)


def _check_can_edit(*, user, deal: Deal) -> None:
    if not deal_user_can_edit(user=user, deal=deal):
        raise PermissionDenied(_("Only the liaison officers of this university can change its deals."))


def _check_can_open(*, user, achievement: Achievement) -> None:
    if not (user_has_role(user, STAFF_ROLES) or user_can_edit_at(user=user, university=achievement.university)):
        raise PermissionDenied(_("Only the university's liaison officers or bureau staff can open a deal."))


def _check_staff(user) -> None:
    if not user_has_role(user, STAFF_ROLES):
        raise PermissionDenied(_("Only bureau staff can change matchmaking sessions."))


# -- field rules ---------------------------------------------------------------------------------


def _clean_amount(amount_wan) -> Decimal:
    if amount_wan in (None, ""):
        raise ValidationError({"amount_wan": _("Give the contract amount in 10k yuan.")})
    try:
        amount = Decimal(str(amount_wan).replace(",", "").strip())
    except InvalidOperation as error:
        raise ValidationError({"amount_wan": _("The amount must be a number in 10k yuan, such as 120.50.")}) from error
    if not amount.is_finite():
        raise ValidationError({"amount_wan": _("The amount must be a number in 10k yuan, such as 120.50.")})
    if amount < 0:
        raise ValidationError({"amount_wan": _("The amount cannot be negative.")})
    if amount.as_tuple().exponent < -2:
        raise ValidationError({"amount_wan": _("The amount has at most two decimal places.")})
    if amount > MAX_AMOUNT_WAN:
        raise ValidationError({"amount_wan": _("The amount is too large.")})
    return amount


def _clean_signed_on(signed_on) -> datetime.date:
    if signed_on is None:
        raise ValidationError({"signed_on": _("Give the date the contract was signed.")})
    if signed_on > timezone.localdate():
        raise ValidationError({"signed_on": _("The signing date cannot be in the future.")})
    return signed_on


def _clean_landing(landing: str) -> str:
    if landing not in Landing.values:
        raise ValidationError({"landing": _("Say where the result lands: Wuhan, elsewhere in Hubei or outside Hubei.")})
    return landing


def _clean_registration_number(number: str | None, *, exclude_pk: int | None = None) -> str:
    number = (number or "").strip()
    if not number:
        raise ValidationError({"registration_number": _("Give the technology contract registration number.")})
    if Deal.objects.filter(registration_number=number).exclude(pk=exclude_pk).exists():
        raise ValidationError({"registration_number": _("Another deal already has this contract registration number.")})
    return number


def _check_responsible_officer(*, officer, achievement: Achievement) -> None:
    if officer is None:
        return
    university = university_of_user(user=officer)
    if university is None or university.pk != achievement.university_id:
        raise ValidationError(
            {"responsible_officer": _("The responsible officer must be a liaison officer of the result's university.")}
        )


# -- the status cascade --------------------------------------------------------------------------


def _other_deals(deal: Deal):
    return Deal.objects.filter(achievement_id=deal.achievement_id).exclude(pk=deal.pk)


def _result_starts_negotiation(deal: Deal) -> None:
    status = Achievement.objects.get(pk=deal.achievement_id).status
    if status == AchievementStatus.PUBLISHED:
        achievement_transition(achievement=deal.achievement, status=AchievementStatus.NEGOTIATING)


def _result_ends_negotiation(deal: Deal) -> None:
    """The result is available again unless another of its deals is still being negotiated."""
    status = Achievement.objects.get(pk=deal.achievement_id).status
    still_negotiating = _other_deals(deal).filter(stage=DealStage.NEGOTIATING).exists()
    if status == AchievementStatus.NEGOTIATING and not still_negotiating:
        achievement_transition(achievement=deal.achievement, status=AchievementStatus.PUBLISHED)


def _result_follows_signing(deal: Deal) -> None:
    status = Achievement.objects.get(pk=deal.achievement_id).status
    if status == AchievementStatus.TRANSFERRED:
        raise ValidationError(_("This result has already been transferred for good; it cannot be signed again."))
    if status not in (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING):
        raise ValidationError(_("Only a published result can be signed."))
    if deal.mode in FINAL_MODES:
        if status == AchievementStatus.PUBLISHED:
            achievement_transition(achievement=deal.achievement, status=AchievementStatus.NEGOTIATING)
        achievement_transition(achievement=deal.achievement, status=AchievementStatus.TRANSFERRED)
    else:
        _result_ends_negotiation(deal)


def _need_follows_signing(deal: Deal) -> None:
    if deal.need_id is None:
        return
    need = TechNeed.objects.get(pk=deal.need_id)
    if need.status == NeedStatus.OPEN:
        need = need_transition(need=need, status=NeedStatus.MATCHED)
    if need.status != NeedStatus.SOLVED:
        need_transition(need=need, status=NeedStatus.SOLVED)


def _need_follows_loss(deal: Deal) -> None:
    if deal.need_id is None:
        return
    need = TechNeed.objects.get(pk=deal.need_id)
    solved_elsewhere = Deal.objects.filter(need_id=deal.need_id, stage__in=SIGNED_STAGES).exclude(pk=deal.pk).exists()
    if need.status == NeedStatus.SOLVED and not solved_elsewhere:
        need_transition(need=need, status=NeedStatus.MATCHED)


# -- moving a deal -------------------------------------------------------------------------------


def _locked(deal: Deal) -> Deal:
    return Deal.objects.select_for_update().select_related("achievement__university", "enterprise").get(pk=deal.pk)


def _move(deal: Deal, *, user, stage: str, note: str = "") -> Deal:
    """Check the move, save the deal and write the audit row; the caller has set the stage's fields."""
    previous = Deal.objects.filter(pk=deal.pk).values_list("stage", flat=True).get()
    if not Deal(stage=previous).can_become(stage):
        raise ValidationError(
            _("A deal that is %(current)s cannot move to %(target)s.")
            % {"current": DealStage(previous).label, "target": DealStage(stage).label},
            code="invalid_transition",
        )
    deal.stage = stage
    deal._history_user = user
    try:
        with transaction.atomic():
            deal.save()
    except IntegrityError as error:
        raise ValidationError(_("These deal details break a rule: %(error)s") % {"error": error}) from error
    DealStageChange.objects.create(deal=deal, from_stage=previous, to_stage=stage, changed_by=user, note=note)
    return deal


@transaction.atomic
def deal_open(
    *,
    achievement: Achievement,
    enterprise: Enterprise,
    opened_by,
    mode: str,
    need: TechNeed | None = None,
    event: MatchmakingEvent | None = None,
    responsible_officer=None,
) -> Deal:
    """Open a deal (stage: introduced) between a published result and an approved enterprise.

    The opener must be a liaison officer of the result's university, bureau staff or an admin. An officer
    who opens a deal is its responsible officer unless another officer of the pair is named.
    """
    _check_can_open(user=opened_by, achievement=achievement)
    achievement = Achievement.objects.select_for_update().select_related("university").get(pk=achievement.pk)
    if achievement.status not in (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING):
        raise ValidationError(
            {"achievement": _("A deal can only be opened for a published result that is not yet transferred.")}
        )
    if enterprise.status != EnterpriseStatus.APPROVED:
        raise ValidationError({"enterprise": _("This enterprise has not been approved by bureau staff.")})
    if mode not in TransferMode.values:
        raise ValidationError({"mode": _("Choose a transfer mode.")})
    if need is not None and need.enterprise_id != enterprise.pk:
        raise ValidationError({"need": _("This technology need belongs to another enterprise.")})
    if responsible_officer is None and user_can_edit_at(user=opened_by, university=achievement.university):
        responsible_officer = opened_by if opened_by.is_officer else None
    _check_responsible_officer(officer=responsible_officer, achievement=achievement)
    if Deal.objects.filter(achievement=achievement, enterprise=enterprise, stage__in=OPEN_STAGES).exists():
        raise ValidationError(_("This result and this enterprise already have a deal under way."), code="open_deal")
    deal = Deal(
        achievement=achievement,
        enterprise=enterprise,
        need=need,
        event=event,
        mode=mode,
        responsible_officer=responsible_officer,
        opened_by=opened_by,
    )
    deal._history_user = opened_by
    deal.save()
    DealStageChange.objects.create(deal=deal, from_stage="", to_stage=DealStage.INTRODUCED, changed_by=opened_by)
    return deal


@transaction.atomic
def deal_start_negotiation(*, deal: Deal, user) -> Deal:
    """The parties are talking terms; the result shows as in negotiation."""
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    deal = _move(deal, user=user, stage=DealStage.NEGOTIATING)
    _result_starts_negotiation(deal)
    return deal


def _sign(deal: Deal, *, user, amount_wan, signed_on, landing: str, registration_number: str | None = None) -> Deal:
    deal.amount_wan = _clean_amount(amount_wan)
    deal.signed_on = _clean_signed_on(signed_on)
    deal.landing = _clean_landing(landing)
    deal = _move(deal, user=user, stage=DealStage.SIGNED)
    _result_follows_signing(deal)
    _need_follows_signing(deal)
    if registration_number:
        deal.registration_number = _clean_registration_number(registration_number, exclude_pk=deal.pk)
        deal = _move(deal, user=user, stage=DealStage.REGISTERED)
    return deal


@transaction.atomic
def deal_sign(
    *, deal: Deal, user, amount_wan, signed_on: datetime.date, landing: str, registration_number: str | None = None
) -> Deal:
    """The contract is signed: amount, date (not in the future) and where the result lands are required.

    An assignment or equity contract makes the result transferred (final); a licence or a development
    contract keeps it available. A need the deal answers becomes solved.
    """
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    return _sign(
        deal,
        user=user,
        amount_wan=amount_wan,
        signed_on=signed_on,
        landing=landing,
        registration_number=registration_number,
    )


@transaction.atomic
def deal_register(*, deal: Deal, user, registration_number: str) -> Deal:
    """The contract is registered as a technology contract; its registration number is unique."""
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    deal.registration_number = _clean_registration_number(registration_number, exclude_pk=deal.pk)
    return _move(deal, user=user, stage=DealStage.REGISTERED)


@transaction.atomic
def deal_implement(*, deal: Deal, user) -> Deal:
    """The result is in use at the enterprise."""
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    return _move(deal, user=user, stage=DealStage.IMPLEMENTED)


@transaction.atomic
def deal_lose(*, deal: Deal, user, reason: str) -> Deal:
    """The deal fell through; the result and the need go back to where they were before it."""
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    reason = (reason or "").strip()
    if not reason:
        raise ValidationError({"lost_reason": _("Say why the deal was lost.")})
    was_signed = deal.stage in SIGNED_STAGES
    if was_signed and deal.mode in FINAL_MODES:
        raise ValidationError(
            _("A signed assignment or equity contract made the result transferred for good; it cannot be undone here.")
        )
    deal.lost_reason = reason
    deal = _move(deal, user=user, stage=DealStage.LOST, note=reason)
    _result_ends_negotiation(deal)
    if was_signed:
        _need_follows_loss(deal)
    return deal


@transaction.atomic
def deal_update(*, deal: Deal, user, mode: str, responsible_officer=None) -> Deal:
    """Change who follows the deal (at any stage) and, until it is signed, its transfer mode."""
    deal = _locked(deal)
    _check_can_edit(user=user, deal=deal)
    if mode != deal.mode:
        if deal.stage not in OPEN_STAGES:
            raise ValidationError({"mode": _("A signed or lost deal keeps its transfer mode.")})
        if mode not in TransferMode.values:
            raise ValidationError({"mode": _("Choose a transfer mode.")})
    _check_responsible_officer(officer=responsible_officer, achievement=deal.achievement)
    deal.mode = mode
    deal.responsible_officer = responsible_officer
    deal._history_user = user
    deal.save()
    return deal


# -- matchmaking sessions ------------------------------------------------------------------------


def _check_event_fields(*, level: str, theme_kind: str, achievements_on_show, enterprises_invited) -> None:
    errors = {}
    if level not in EventLevel.values:
        errors["level"] = _("Choose the level of the session.")
    if theme_kind not in ThemeKind.values:
        errors["theme_kind"] = _("Choose whether the session is by industry or by university.")
    if any(result.status not in PUBLIC_STATUSES for result in achievements_on_show):
        errors["achievements_on_show"] = _("Only published results can be shown at a session.")
    if any(company.status != EnterpriseStatus.APPROVED for company in enterprises_invited):
        errors["enterprises_invited"] = _("Only approved enterprises can be invited.")
    if errors:
        raise ValidationError(errors)


@transaction.atomic
def event_create(
    *,
    user,
    name: str,
    level: str,
    theme_kind: str,
    theme: str,
    organiser: str,
    held_on: datetime.date,
    venue: str = "",
    is_online: bool = False,
    is_published: bool = False,
    university=None,
    achievements_on_show: Iterable[Achievement] = (),
    enterprises_invited: Iterable[Enterprise] = (),
) -> MatchmakingEvent:
    """Plan a matchmaking session (bureau staff); `is_published` puts its page on the public web."""
    _check_staff(user)
    achievements_on_show, enterprises_invited = list(achievements_on_show), list(enterprises_invited)
    _check_event_fields(
        level=level,
        theme_kind=theme_kind,
        achievements_on_show=achievements_on_show,
        enterprises_invited=enterprises_invited,
    )
    event = MatchmakingEvent(
        name=name.strip(),
        level=level,
        theme_kind=theme_kind,
        theme=theme.strip(),
        organiser=organiser.strip(),
        held_on=held_on,
        venue=venue.strip(),
        is_online=is_online,
        is_published=is_published,
        university=university,
    )
    event.full_clean()
    event._history_user = user
    event.save()
    event.achievements_on_show.set(achievements_on_show)
    event.enterprises_invited.set(enterprises_invited)
    return event


@transaction.atomic
def event_update(
    *,
    event: MatchmakingEvent,
    user,
    name: str,
    level: str,
    theme_kind: str,
    theme: str,
    organiser: str,
    held_on: datetime.date,
    venue: str = "",
    is_online: bool = False,
    is_published: bool = False,
    university=None,
    achievements_on_show: Iterable[Achievement] = (),
    enterprises_invited: Iterable[Enterprise] = (),
) -> MatchmakingEvent:
    """Change a session. A result already signed at the session stays on show."""
    _check_staff(user)
    event = MatchmakingEvent.objects.select_for_update().get(pk=event.pk)
    achievements_on_show, enterprises_invited = list(achievements_on_show), list(enterprises_invited)
    # A result that left the public lists (transferred, say) may stay on a session it was already shown at.
    already_shown = set(event.achievements_on_show.values_list("pk", flat=True))
    _check_event_fields(
        level=level,
        theme_kind=theme_kind,
        achievements_on_show=[result for result in achievements_on_show if result.pk not in already_shown],
        enterprises_invited=enterprises_invited,
    )
    signed_results = set(event.deals.values_list("achievement_id", flat=True))
    kept = {result.pk for result in achievements_on_show}
    if signed_results - kept:
        raise ValidationError(
            {"achievements_on_show": _("A result with a deal recorded at this session stays on show.")}
        )
    for field, value in {
        "name": name.strip(),
        "level": level,
        "theme_kind": theme_kind,
        "theme": theme.strip(),
        "organiser": organiser.strip(),
        "held_on": held_on,
        "venue": venue.strip(),
        "is_online": is_online,
        "is_published": is_published,
        "university": university,
    }.items():
        setattr(event, field, value)
    event.full_clean()
    event._history_user = user
    event.save()
    event.achievements_on_show.set(achievements_on_show)
    event.enterprises_invited.set(enterprises_invited)
    return event


@transaction.atomic
def event_check_in(
    *, event: MatchmakingEvent, user, enterprise: Enterprise | None = None, name: str = "", organisation: str = ""
) -> EventAttendee:
    """Record that an invited enterprise (or a walk-in, by name) came to the session."""
    if not user_has_role(user, (*STAFF_ROLES, Role.OFFICER)):
        raise PermissionDenied(_("Only bureau staff and liaison officers check attendees in."))
    if enterprise is not None:
        if not event.enterprises_invited.filter(pk=enterprise.pk).exists():
            raise ValidationError({"enterprise": _("This enterprise was not invited to the session.")})
        if event.attendees.filter(enterprise=enterprise).exists():
            raise ValidationError({"enterprise": _("This enterprise has already checked in.")})
        name = name.strip() or enterprise.contact_person or enterprise.name
        organisation = enterprise.name
    name, organisation = name.strip(), organisation.strip()
    if not name:
        raise ValidationError({"name": _("Give the attendee's name.")})
    return EventAttendee.objects.create(
        event=event, enterprise=enterprise, name=name[:100], organisation=organisation[:200], checked_in_by=user
    )


@transaction.atomic
def event_record_signing(
    *,
    event: MatchmakingEvent,
    user,
    achievement: Achievement,
    enterprise: Enterprise,
    mode: str,
    amount_wan,
    signed_on: datetime.date,
    landing: str,
    need: TechNeed | None = None,
    registration_number: str | None = None,
) -> Deal:
    """A contract signed at the session: a deal at the signed stage, through the same rules as any other.

    A deal already under way between the result and the enterprise is the one signed; otherwise one is opened.
    """
    _check_can_open(user=user, achievement=achievement)
    if not event.achievements_on_show.filter(pk=achievement.pk).exists():
        raise ValidationError({"achievement": _("Only a result on show at the session can be signed there.")})
    deal = Deal.objects.filter(achievement=achievement, enterprise=enterprise, stage__in=OPEN_STAGES).first()
    if deal is None:
        deal = deal_open(
            achievement=achievement, enterprise=enterprise, opened_by=user, mode=mode, need=need, event=event
        )
    deal = _locked(deal)
    if mode not in TransferMode.values:
        raise ValidationError({"mode": _("Choose a transfer mode.")})
    if need is not None and need.enterprise_id != enterprise.pk:
        raise ValidationError({"need": _("This technology need belongs to another enterprise.")})
    deal.mode, deal.event = mode, event
    if need is not None:
        deal.need = need
    return _sign(
        deal,
        user=user,
        amount_wan=amount_wan,
        signed_on=signed_on,
        landing=landing,
        registration_number=registration_number,
    )


@transaction.atomic
def deal_record_past(
    *,
    user,
    achievement: Achievement,
    enterprise: Enterprise,
    mode: str,
    amount_wan,
    signed_on: datetime.date,
    landing: str,
    registration_number: str | None = None,
    implemented: bool = False,
    event: MatchmakingEvent | None = None,
) -> Deal:
    """A contract signed before the portal knew of it (the bureau's spreadsheets): opened and signed at once,
    through the same rules and status cascade as any other deal. Bureau staff only."""
    _check_staff(user)
    deal = deal_open(achievement=achievement, enterprise=enterprise, opened_by=user, mode=mode, event=event)
    deal = _sign(
        _locked(deal),
        user=user,
        amount_wan=amount_wan,
        signed_on=signed_on,
        landing=landing,
        registration_number=registration_number,
    )
    if implemented:
        if deal.stage != DealStage.REGISTERED:
            raise ValidationError({"stage": _("An implemented deal needs its contract registration number.")})
        deal = _move(deal, user=user, stage=DealStage.IMPLEMENTED)
    return deal
