import datetime
from collections.abc import Iterable
from datetime import timedelta
from decimal import Decimal

from django.core.exceptions import ValidationError
from django.db import transaction
from django.urls import reverse
from django.utils import timezone
from django.utils.text import format_lazy
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accounts.models import Role, User
from core.search import search_index
from notifications.services import notify
from requests.models import (
    EDITABLE_NEED_STATUSES,
    CloseOutcome,
    Enterprise,
    EnterpriseStatus,
    NeedSearchTerm,
    NeedStatus,
    TechNeed,
)
from requests.selectors import enterprise_users
from requests.validators import validate_need_terms

# A second identical need from the same enterprise this soon is a double-clicked submit, not a new need.
DUPLICATE_WINDOW = timedelta(minutes=1)


class DuplicateNeed(ValidationError):
    """The same enterprise posted a need with this title a moment ago; `need` is that one."""

    def __init__(self, need: TechNeed):
        super().__init__(_("This need was already saved a moment ago."), code="duplicate")
        self.need = need


@transaction.atomic
def need_transition(*, need: TechNeed, status: str, close_outcome: str = "", review_note: str = "") -> TechNeed:
    """Move a need along its lifecycle; refuses moves the lifecycle does not allow."""
    need = TechNeed.objects.select_for_update().get(pk=need.pk)
    if not need.can_become(status):
        raise ValidationError(
            _("A need that is %(current)s cannot become %(target)s.")
            % {"current": need.get_status_display(), "target": NeedStatus(status).label},
            code="invalid_transition",
        )
    if status == NeedStatus.CLOSED and not close_outcome:
        raise ValidationError(_("Say how the need ended before closing it."), code="outcome_required")
    need.status = status
    need.close_outcome = close_outcome
    if review_note:
        need.review_note = review_note
    if status == NeedStatus.OPEN and need.approved_at is None:
        need.approved_at = timezone.now()
    if status == NeedStatus.SUBMITTED:
        need.review_round += 1  # each submission is a new round of review, notified afresh
    need.save()
    return need


# -- search --------------------------------------------------------------------------------------


def need_search_text(need: TechNeed) -> str:
    return "\n".join((need.title, need.description, need.tried, need.target_indicators))


@transaction.atomic
def need_reindex(*, need: TechNeed) -> None:
    """Rebuild the stored search terms of one need."""
    search_index(term_model=NeedSearchTerm, document=need, text=need_search_text(need))


# -- writing a need ------------------------------------------------------------------------------


def _check_enterprise_may_post(enterprise: Enterprise) -> None:
    if enterprise.status != EnterpriseStatus.APPROVED:
        raise ValidationError(
            _("Your enterprise has not been approved by bureau staff yet, so it cannot post needs."),
            code="enterprise_not_approved",
        )


@transaction.atomic
def need_create(
    *,
    user,
    enterprise: Enterprise,
    title: str,
    description: str,
    industry: str,
    tried: str = "",
    target_indicators: str = "",
    budget_min_wan: Decimal | None = None,
    budget_max_wan: Decimal | None = None,
    deadline: datetime.date | None = None,
    preferred_modes: Iterable = (),
    language: str = "zh",
    is_public: bool = False,
    submit: bool = False,
) -> TechNeed:
    """Save a need of `enterprise` as a draft, or submit it for review at once if `submit`."""
    _check_enterprise_may_post(enterprise)
    validate_need_terms(budget_min_wan=budget_min_wan, budget_max_wan=budget_max_wan, deadline=deadline)
    # Lock the enterprise so two simultaneous posts of one double click are checked one after the other.
    Enterprise.objects.select_for_update().filter(pk=enterprise.pk).first()
    recent = (
        TechNeed.objects.filter(enterprise=enterprise, title=title, created_at__gte=timezone.now() - DUPLICATE_WINDOW)
        .order_by("-created_at")
        .first()
    )
    if recent is not None:
        raise DuplicateNeed(recent)
    need = TechNeed.objects.create(
        enterprise=enterprise,
        created_by=user,
        title=title,
        description=description,
        tried=tried,
        target_indicators=target_indicators,
        industry=industry,
        budget_min_wan=budget_min_wan,
        budget_max_wan=budget_max_wan,
        deadline=deadline,
        language=language,
        is_public=is_public,
    )
    need.preferred_modes.set(preferred_modes)
    need_reindex(need=need)
    if submit:
        need = need_submit(need=need)
    return need


@transaction.atomic
def need_update(
    *,
    need: TechNeed,
    title: str,
    description: str,
    industry: str,
    tried: str = "",
    target_indicators: str = "",
    budget_min_wan: Decimal | None = None,
    budget_max_wan: Decimal | None = None,
    deadline: datetime.date | None = None,
    preferred_modes: Iterable = (),
    language: str = "zh",
    is_public: bool = False,
    submit: bool = False,
) -> TechNeed:
    """Change the wording of a need not yet approved; `submit` sends it (back) for review."""
    need = TechNeed.objects.select_for_update().get(pk=need.pk)
    if need.status not in EDITABLE_NEED_STATUSES:
        raise ValidationError(_("An approved or closed need can no longer be edited."), code="not_editable")
    validate_need_terms(budget_min_wan=budget_min_wan, budget_max_wan=budget_max_wan, deadline=deadline)
    need.title = title
    need.description = description
    need.tried = tried
    need.target_indicators = target_indicators
    need.industry = industry
    need.budget_min_wan = budget_min_wan
    need.budget_max_wan = budget_max_wan
    need.deadline = deadline
    need.language = language
    need.is_public = is_public
    need.save()
    need.preferred_modes.set(preferred_modes)
    need_reindex(need=need)
    if submit and need.status != NeedStatus.SUBMITTED:
        need = need_submit(need=need)
    return need


# -- review --------------------------------------------------------------------------------------


def _detail_url(need: TechNeed) -> str:
    return reverse("needs:detail", args=[need.pk])


@transaction.atomic
def need_submit(*, need: TechNeed) -> TechNeed:
    """Send a draft (or a need sent back for changes) to bureau staff for review."""
    _check_enterprise_may_post(need.enterprise)
    need = need_transition(need=need, status=NeedStatus.SUBMITTED)
    notify(
        recipients=User.objects.filter(role=Role.BUREAU, is_active=True),
        event_key=f"need-submit:{need.pk}:{need.review_round}",
        subject=format_lazy(gettext_lazy("A technology need waits for review: {title}"), title=need.title),
        body=format_lazy(
            gettext_lazy("{enterprise} submitted a technology need for review."), enterprise=need.enterprise.name
        ),
        url=_detail_url(need),
    )
    return need


@transaction.atomic
def need_approve(*, need: TechNeed) -> TechNeed:
    """Open a submitted need to the liaison officers."""
    # The lifecycle also moves matched needs back to open; approval is only for needs in review.
    if TechNeed.objects.filter(pk=need.pk).values_list("status", flat=True).first() != NeedStatus.SUBMITTED:
        raise ValidationError(_("Only a need waiting for review can be approved."), code="not_in_review")
    need = need_transition(need=need, status=NeedStatus.OPEN)
    notify(
        recipients=enterprise_users(enterprise_id=need.enterprise_id),
        event_key=f"need-approve:{need.pk}:{need.review_round}",
        subject=format_lazy(gettext_lazy("Your technology need was approved: {title}"), title=need.title),
        body=gettext_lazy("It is now open to the liaison officers of Wuhan's universities."),
        url=_detail_url(need),
    )
    return need


@transaction.atomic
def need_bulk_approve(*, needs: Iterable[TechNeed]) -> list[TechNeed]:
    """Approve several submitted needs at once; all or none."""
    return [need_approve(need=need) for need in needs]


@transaction.atomic
def need_reject(*, need: TechNeed, reason: str) -> TechNeed:
    """Refuse a submitted need for good, telling the enterprise why."""
    if not reason.strip():
        raise ValidationError({"reason": _("Give the enterprise a reason for the rejection.")})
    need = need_transition(need=need, status=NeedStatus.REJECTED, review_note=reason.strip())
    notify(
        recipients=enterprise_users(enterprise_id=need.enterprise_id),
        event_key=f"need-reject:{need.pk}:{need.review_round}",
        subject=format_lazy(gettext_lazy("Your technology need was not approved: {title}"), title=need.title),
        body=reason.strip(),
        url=_detail_url(need),
    )
    return need


@transaction.atomic
def need_request_changes(*, need: TechNeed, note: str) -> TechNeed:
    """Send a submitted need back to the enterprise with what to change."""
    if not note.strip():
        raise ValidationError({"note": _("Tell the enterprise what to change.")})
    need = need_transition(need=need, status=NeedStatus.CHANGES_REQUESTED, review_note=note.strip())
    notify(
        recipients=enterprise_users(enterprise_id=need.enterprise_id),
        event_key=f"need-changes:{need.pk}:{need.review_round}",
        subject=format_lazy(gettext_lazy("Changes requested on your technology need: {title}"), title=need.title),
        body=note.strip(),
        url=_detail_url(need),
    )
    return need


@transaction.atomic
def need_close(*, need: TechNeed, outcome: str) -> TechNeed:
    """Close a need for good, recording how it ended."""
    if outcome not in CloseOutcome.values:
        raise ValidationError({"outcome": _("Say how the need ended before closing it.")})
    return need_transition(need=need, status=NeedStatus.CLOSED, close_outcome=outcome)
