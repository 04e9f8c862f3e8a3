from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts.access import STAFF_ROLES, role_required, user_has_role
from accounts.models import Role
from core.csv_export import csv_response
from core.forms import attach_service_errors
from core.history import history_entries
from core.http import redirect_if_query_too_long
from core.views import rate_limited
from matching.page import need_matching_context
from requests import selectors, services
from requests.forms import ChangesForm, CloseForm, NeedForm, RejectForm
from requests.models import EnterpriseStatus, NeedStatus, TechNeed

READERS = tuple(Role.values)
POSTERS = (Role.ENTERPRISE,)
REVIEWERS = STAFF_ROLES
NEEDS_PER_PAGE = 20
# The filters folded under "Filters and sorting"; the search box stays in view.
FILTERS_IN_PANEL = ("industry", "status", "budget_min", "budget_max", "transfer_mode", "language")
# One enterprise user may post this many needs an hour, so one account cannot flood the review queue.
POST_RATE = "20/h"


def _submits(request) -> bool:
    return request.POST.get("action") == "submit"


# -- list and detail -----------------------------------------------------------------------------


@role_required(*READERS)
def need_list(request):
    shortened = redirect_if_query_too_long(request)
    if shortened is not None:
        return shortened
    need_filter = selectors.need_filter_for_user(user=request.user, data=request.GET)
    page = Paginator(need_filter.qs, NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    membership = selectors.membership_of_user(user=request.user)
    context = {
        "filter": need_filter,
        "page_obj": page,
        "active_filter_count": sum(1 for name in FILTERS_IN_PANEL if request.GET.get(name)),
        "can_post": membership is not None,
        "is_staff": user_has_role(request.user, STAFF_ROLES),
        "is_enterprise": membership is not None,
    }
    return render(request, "requests/list.html", context)


@role_required(*READERS)
def need_export(request):
    """The filtered list as CSV; a confidential enterprise stays unnamed for those who may not know it."""
    needs = selectors.need_filter_for_user(user=request.user, data=request.GET).qs.prefetch_related("preferred_modes")
    sees_every_name = user_has_role(request.user, STAFF_ROLES) or selectors.membership_of_user(user=request.user)
    header = [
        _("Title"),
        _("Enterprise"),
        _("Industry"),
        _("Status"),
        _("Problem description"),
        _("Budget from (10k yuan)"),
        _("Budget up to (10k yuan)"),
        _("Deadline"),
        _("Preferred cooperation modes"),
        _("Language"),
        _("Open since"),
        _("Link"),
    ]
    rows = (
        [
            need.title,
            need.enterprise.name if sees_every_name or need.is_public else _("Confidential enterprise"),
            need.get_industry_display(),
            need.get_status_display(),
            need.description,
            need.budget_min_wan,
            need.budget_max_wan,
            need.deadline.isoformat() if need.deadline else "",
            "、".join(str(mode) for mode in need.preferred_modes.all()),
            need.get_language_display(),
            timezone.localtime(need.approved_at).strftime("%Y-%m-%d") if need.approved_at else "",
            request.build_absolute_uri(reverse("needs:detail", args=[need.pk])),
        ]
        for need in needs.iterator(chunk_size=500)
    )
    return csv_response(filename="needs.csv", header=header, rows=rows)


@role_required(*READERS)
def need_detail(request, pk, forward_form=None):
    need = get_object_or_404(selectors.need_detail_for_user(user=request.user), pk=pk)
    own = selectors.need_user_can_edit(user=request.user, need=need)
    is_staff = user_has_role(request.user, STAFF_ROLES)
    context = {
        "need": need,
        "own": own,
        "is_staff": is_staff,
        # Officers read the need only: the enterprise's contact stays hidden until an introduction.
        "show_contact": is_staff,
        "show_company": own or is_staff or need.is_public,
        "can_edit": own and need.is_editable,
        "can_submit": own and need.can_become(NeedStatus.SUBMITTED),
        "can_close": own and need.can_become(NeedStatus.CLOSED),
        "can_review": is_staff and need.status == NeedStatus.SUBMITTED,
        "history": history_entries(need) if own or is_staff else None,
        "close_form": CloseForm(),
        "reject_form": RejectForm(),
        "changes_form": ChangesForm(),
        # Results forwarded to the need; `forward_form` is the officer's bound form after an error.
        **need_matching_context(user=request.user, need=need, forward_form=forward_form),
    }
    return render(request, "requests/detail.html", context)


# -- post and edit -------------------------------------------------------------------------------


def _need_saved_message(request, need: TechNeed) -> None:
    if need.status == NeedStatus.SUBMITTED:
        messages.success(request, _("Need submitted. Bureau staff will review it; you will be notified."))
    else:
        messages.success(request, _("Need saved as a draft. Submit it for review when it is ready."))


@role_required(*POSTERS)
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def need_create(request):
    # `block=False` and this check, rather than `block=True`: the project has no ratelimit middleware,
    # so a blocked request would otherwise be a bare 403 instead of the "too often" page.
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    membership = selectors.membership_of_user(user=request.user)
    enterprise = membership.enterprise if membership else None
    if enterprise is None or enterprise.status != EnterpriseStatus.APPROVED:
        return render(request, "requests/not_approved.html", {"enterprise": enterprise})
    form = NeedForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_create(
                user=request.user, enterprise=enterprise, submit=_submits(request), **form.need_data()
            )
        except services.DuplicateNeed as duplicate:
            # A double-clicked button: the first click saved the need, so show that one.
            messages.info(request, _("This need was already saved a moment ago."))
            return redirect("needs:detail", pk=duplicate.need.pk)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            _need_saved_message(request, need)
            return redirect("needs:detail", pk=need.pk)
    return render(request, "requests/form.html", {"form": form, "need": None, "enterprise": enterprise})


@role_required(*POSTERS)
@ratelimit(key="user", rate=POST_RATE, method="POST", block=False)
def need_edit(request, pk):
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    need = get_object_or_404(selectors.need_editable_for_user(user=request.user), pk=pk)
    if not need.is_editable:
        messages.error(request, _("An approved or closed need can no longer be edited."))
        return redirect("needs:detail", pk=need.pk)
    form = NeedForm(request.POST or None, instance=need)
    if request.method == "POST" and form.is_valid():
        try:
            need = services.need_update(need=need, submit=_submits(request), **form.need_data())
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            if _submits(request):
                _need_saved_message(request, need)
            else:
                messages.success(request, _("Changes saved."))
            return redirect("needs:detail", pk=need.pk)
    return render(request, "requests/form.html", {"form": form, "need": need, "enterprise": need.enterprise})


@require_POST
@role_required(*POSTERS)
def need_submit(request, pk):
    need = get_object_or_404(selectors.need_editable_for_user(user=request.user), pk=pk)
    try:
        services.need_submit(need=need)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Need submitted. Bureau staff will review it; you will be notified."))
    return redirect("needs:detail", pk=need.pk)


@require_POST
@role_required(*POSTERS)
def need_close(request, pk):
    need = get_object_or_404(selectors.need_editable_for_user(user=request.user), pk=pk)
    form = CloseForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say how the need ended before closing it."))
        return redirect("needs:detail", pk=need.pk)
    try:
        services.need_close(need=need, outcome=form.cleaned_data["outcome"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Need closed."))
    return redirect("needs:detail", pk=need.pk)


# -- review --------------------------------------------------------------------------------------


@role_required(*REVIEWERS)
def need_review_queue(request):
    page = Paginator(selectors.need_review_queue(), NEEDS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "requests/review.html", {"page_obj": page})


def _submitted_need(pk) -> TechNeed:
    return get_object_or_404(TechNeed.objects.select_related("enterprise"), pk=pk)


@require_POST
@role_required(*REVIEWERS)
def need_approve(request, pk):
    need = _submitted_need(pk)
    try:
        services.need_approve(need=need)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(
            request, _("“%(title)s” approved: it is open to the liaison officers.") % {"title": need.title}
        )
    return redirect("needs:review")


@require_POST
@role_required(*REVIEWERS)
def need_reject(request, pk):
    need = _submitted_need(pk)
    form = RejectForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Give the enterprise a reason for the rejection."))
        return redirect("needs:detail", pk=need.pk)
    try:
        services.need_reject(need=need, reason=form.cleaned_data["reason"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” rejected; the enterprise was told why.") % {"title": need.title})
    return redirect("needs:review")


@require_POST
@role_required(*REVIEWERS)
def need_request_changes(request, pk):
    need = _submitted_need(pk)
    form = ChangesForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Tell the enterprise what to change."))
        return redirect("needs:detail", pk=need.pk)
    try:
        services.need_request_changes(need=need, note=form.cleaned_data["note"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("“%(title)s” sent back to the enterprise for changes.") % {"title": need.title})
    return redirect("needs:review")


@require_POST
@role_required(*REVIEWERS)
def need_bulk_approve(request):
    ids = [value for value in request.POST.getlist("need") if value.isascii() and value.isdigit()]
    needs = list(selectors.need_review_queue().filter(pk__in=ids))
    if not needs:
        messages.warning(request, _("Tick the needs to approve first."))
        return redirect("needs:review")
    try:
        services.need_bulk_approve(needs=needs)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        count = len(needs)
        messages.success(
            request, ngettext("%(count)d need approved.", "%(count)d needs approved.", count) % {"count": count}
        )
    return redirect("needs:review")
