import datetime

from django.contrib import messages
from django.contrib.auth.decorators import login_required
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.http import Http404, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import timezone
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import PORTAL_ROLES, STAFF_ROLES, role_required, user_has_role
from accounts.models import Role
from achievements.models import Achievement
from achievements.selectors import PUBLIC_STATUSES
from core.csv_export import csv_response
from core.forms import attach_service_errors
from core.history import history_entries
from deals import selectors, services
from deals.forms import (
    OPENABLE_STATUSES,
    CheckInForm,
    DealLoseForm,
    DealOpenForm,
    DealRegisterForm,
    DealSignForm,
    DealTermsForm,
    EventForm,
    SigningForm,
)
from deals.models import PIPELINE, SIGNED_STAGES, DealStage
from requests.models import Enterprise, EnterpriseStatus
from universities.models import University
from universities.selectors import pair_active_for_user, university_of_user
from visits.selectors import lookup_needs as visits_lookup_needs

DEAL_READERS = (Role.OFFICER, Role.BUREAU, Role.ADMIN, Role.ENTERPRISE)
DEAL_OPENERS = (Role.OFFICER, Role.BUREAU, Role.ADMIN)
LOOKUP_LIMIT = 20


# -- deals ---------------------------------------------------------------------------------------


@role_required(*PORTAL_ROLES)
def deal_board(request):
    university = None
    if user_has_role(request.user, STAFF_ROLES) and request.GET.get("university", "").isdigit():
        university = University.objects.filter(pk=request.GET["university"]).first()
    columns = selectors.deal_board_for_user(user=request.user, university=university)
    context = {
        "columns": columns,
        "university": university or university_of_user(user=request.user),
        "universities": University.objects.all() if user_has_role(request.user, STAFF_ROLES) else None,
        "column_limit": selectors.BOARD_COLUMN_LIMIT,
    }
    return render(request, "deals/board.html", context)


@role_required(*DEAL_READERS)
def deal_list(request):
    deal_filter = selectors.deal_filter_for_user(user=request.user, data=request.GET)
    page = Paginator(deal_filter.qs, 25).get_page(request.GET.get("page"))
    can_import = user_has_role(request.user, STAFF_ROLES)
    return render(request, "deals/list.html", {"filter": deal_filter, "page_obj": page, "can_import": can_import})


@role_required(*DEAL_READERS)
def deal_export(request):
    deals = selectors.deal_filter_for_user(user=request.user, data=request.GET).qs
    header = [
        _("Research result"),
        _("University"),
        _("Enterprise"),
        _("Transfer mode"),
        _("Stage"),
        _("Amount (10k yuan)"),
        _("Signed on"),
        _("Lands in"),
        _("Contract registration number"),
        _("Session"),
        _("Responsible officer"),
    ]
    rows = (
        [
            deal.achievement.title,
            deal.achievement.university.name_zh,
            deal.enterprise.name,
            deal.get_mode_display(),
            deal.get_stage_display(),
            deal.amount_wan,
            deal.signed_on.isoformat() if deal.signed_on else "",
            deal.get_landing_display(),
            deal.registration_number or "",
            deal.event.name if deal.event else "",
            str(deal.responsible_officer or ""),
        ]
        for deal in deals.iterator(chunk_size=500)
    )
    return csv_response(filename="deals.csv", header=header, rows=rows)


def _deal_for_user(request, pk):
    return get_object_or_404(selectors.deal_list_for_user(user=request.user), pk=pk)


@role_required(*DEAL_READERS)
def deal_detail(request, pk, *, forms=None, status=200):
    deal = _deal_for_user(request, pk)
    can_edit = services.deal_user_can_edit(user=request.user, deal=deal)
    forms = forms or {}
    context = {
        "deal": deal,
        "can_edit": can_edit,
        "pipeline": [(stage, DealStage(stage).label) for stage in PIPELINE if stage != DealStage.LOST],
        "reached": _reached_stages(deal),
        "stage_changes": selectors.deal_stage_changes(deal=deal),
        "history": history_entries(deal),
        "sign_form": forms.get("sign") or DealSignForm(),
        "register_form": forms.get("register") or DealRegisterForm(),
        "lose_form": forms.get("lose") or DealLoseForm(),
        "terms_form": (forms.get("terms") or DealTermsForm(deal=deal)) if can_edit else None,
        "can_lose": deal.stage in (DealStage.INTRODUCED, DealStage.NEGOTIATING)
        or (deal.stage == DealStage.SIGNED and deal.mode not in services.FINAL_MODES),
        "open_action": next(iter(forms), ""),
    }
    return render(request, "deals/detail.html", context, status=status)


def _reached_stages(deal) -> set[str]:
    if deal.stage == DealStage.LOST:
        return set()
    order = [stage for stage in PIPELINE if stage != DealStage.LOST]
    return set(order[: order.index(deal.stage) + 1])


@role_required(*DEAL_OPENERS)
def deal_create(request):
    university = university_of_user(user=request.user)
    if university is None and not user_has_role(request.user, STAFF_ROLES):
        raise PermissionDenied
    pair = pair_active_for_user(user=request.user)
    initial = {key: request.GET[key] for key in ("achievement", "enterprise", "need") if request.GET.get(key)}
    form = DealOpenForm(request.POST or None, university=university, pair=pair, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            deal = services.deal_open(opened_by=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Deal opened."))
            return redirect("deals:detail", pk=deal.pk)
    return render(request, "deals/open_form.html", {"form": form})


@require_POST
@role_required(*DEAL_OPENERS)
def deal_move(request, pk, action):
    deal = _deal_for_user(request, pk)
    forms = {"sign": DealSignForm, "register": DealRegisterForm, "lose": DealLoseForm}
    if action == "terms":
        form = DealTermsForm(request.POST, deal=deal)
    else:
        form = forms[action](request.POST) if action in forms else None
    if form is not None and not form.is_valid():
        return deal_detail(request, pk, forms={action: form}, status=400)
    data = form.cleaned_data if form is not None else {}
    calls = {
        "negotiate": lambda: services.deal_start_negotiation(deal=deal, user=request.user),
        "sign": lambda: services.deal_sign(deal=deal, user=request.user, **data),
        "register": lambda: services.deal_register(deal=deal, user=request.user, **data),
        "implement": lambda: services.deal_implement(deal=deal, user=request.user),
        "lose": lambda: services.deal_lose(deal=deal, user=request.user, reason=data.get("lost_reason", "")),
        "terms": lambda: services.deal_update(
            deal=deal,
            user=request.user,
            mode=data.get("mode") or deal.mode,
            responsible_officer=data["responsible_officer"],
        ),
    }
    if action not in calls:
        raise Http404
    try:
        deal = calls[action]()
    except ValidationError as error:
        if form is None:
            messages.error(request, " ".join(error.messages))
            return redirect("deals:detail", pk=pk)
        attach_service_errors(form, error, field_aliases={"reason": "lost_reason"})
        return deal_detail(request, pk, forms={action: form}, status=400)
    if action == "terms":
        messages.success(request, _("Deal saved."))
    else:
        messages.success(request, _("The deal is now: %(stage)s.") % {"stage": deal.get_stage_display()})
    return redirect("deals:detail", pk=pk)


# -- search-as-you-type for the deal and session forms ---------------------------------------------


@require_GET
@role_required(*PORTAL_ROLES)
def lookup_results(request):
    query = request.GET.get("q", "").strip()[:50]
    results = Achievement.objects.filter(status__in=OPENABLE_STATUSES, title__icontains=query).select_related(
        "university"
    )
    if not user_has_role(request.user, STAFF_ROLES):
        results = results.filter(university=university_of_user(user=request.user))
    rows = results.order_by("-published_at", "-pk")[:LOOKUP_LIMIT]
    return JsonResponse({"results": [{"value": r.pk, "text": f"{r.title}（{r.university.short_name}）"} for r in rows]})


@require_GET
@role_required(*PORTAL_ROLES)
def lookup_enterprises(request):
    query = request.GET.get("q", "").strip()[:50]
    rows = Enterprise.objects.filter(status=EnterpriseStatus.APPROVED, name__icontains=query).order_by("name")
    return JsonResponse({"results": [{"value": e.pk, "text": e.name} for e in rows[:LOOKUP_LIMIT]]})


@require_GET
@role_required(*PORTAL_ROLES)
def lookup_needs(request):
    return JsonResponse({"results": visits_lookup_needs(query=request.GET.get("q", "").strip()[:50])})


# -- sessions ------------------------------------------------------------------------------------


@login_required
def event_list(request):
    events = selectors.event_list_for_user(user=request.user)
    page = Paginator(events, 24).get_page(request.GET.get("page"))
    year = timezone.localdate().year
    context = {
        "page_obj": page,
        "events": page,
        "progress": selectors.event_progress_for_year(year=year),
        "year": year,
        "can_edit": user_has_role(request.user, STAFF_ROLES),
    }
    return render(request, "deals/event_list.html", context)


def _month(value: str) -> datetime.date:
    try:
        return datetime.datetime.strptime(value, "%Y-%m").date()
    except (TypeError, ValueError):
        return timezone.localdate().replace(day=1)


@login_required
def event_calendar(request):
    month = _month(request.GET.get("month"))
    previous = (month - datetime.timedelta(days=1)).replace(day=1)
    following = (month + datetime.timedelta(days=32)).replace(day=1)
    context = {
        "month": month,
        "previous": previous,
        "following": following,
        "weeks": selectors.events_in_month(user=request.user, year=month.year, month=month.month),
        "progress": selectors.event_progress_for_year(year=month.year),
        "can_edit": user_has_role(request.user, STAFF_ROLES),
        "today": timezone.localdate(),
    }
    return render(request, "deals/event_calendar.html", context)


def _event_for_user(request, pk):
    return get_object_or_404(selectors.event_list_for_user(user=request.user), pk=pk)


@login_required
def event_detail(request, pk, *, check_in_form=None, signing_form=None, status=200):
    event = _event_for_user(request, pk)
    is_staff = user_has_role(request.user, STAFF_ROLES)
    may_check_in = user_has_role(request.user, PORTAL_ROLES)
    own_university = university_of_user(user=request.user)
    context = {
        "event": event,
        **selectors.event_detail(event=event),
        "can_edit": is_staff,
        "user_university": own_university,
        "check_in_form": (check_in_form or CheckInForm(event=event)) if may_check_in else None,
        "signing_form": (signing_form or SigningForm(event=event, university=None if is_staff else own_university))
        if (is_staff or own_university)
        else None,
    }
    return render(request, "deals/event_detail.html", context, status=status)


def event_public(request, pk):
    """The session's public page: no login, only published sessions, only what is public."""
    event = get_object_or_404(selectors.event_public(), pk=pk)
    # A result withdrawn since the session is no longer anyone's to see.
    results = (
        event.achievements_on_show.filter(status__in=PUBLIC_STATUSES)
        .select_related("university")
        .order_by("university__pk", "title")
    )
    signed = event.deals.filter(stage__in=SIGNED_STAGES)
    return render(
        request,
        "deals/event_public.html",
        {"event": event, "results": results, "signed_count": signed.count()},
    )


def _event_form_view(request, event=None):
    initial = EventForm.initial_for(event) if event else {"organiser": _("Wuhan Achievement Transformation Bureau")}
    form = EventForm(request.POST or None, event=event, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            if event is None:
                event = services.event_create(user=request.user, **form.cleaned_data)
            else:
                event = services.event_update(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Session saved."))
            return redirect("deals:event_detail", pk=event.pk)
    return render(request, "deals/event_form.html", {"form": form, "event": event})


@role_required(*STAFF_ROLES)
def event_create(request):
    return _event_form_view(request)


@role_required(*STAFF_ROLES)
def event_edit(request, pk):
    return _event_form_view(request, get_object_or_404(selectors.event_list_for_user(user=request.user), pk=pk))


@require_POST
@role_required(*PORTAL_ROLES)
def event_check_in(request, pk):
    event = _event_for_user(request, pk)
    form = CheckInForm(request.POST, event=event)
    if form.is_valid():
        try:
            attendee = services.event_check_in(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("%(name)s checked in.") % {"name": attendee.name})
            return redirect("deals:event_detail", pk=pk)
    return event_detail(request, pk, check_in_form=form, status=400)


@require_POST
@role_required(*PORTAL_ROLES)
def event_signing(request, pk):
    event = _event_for_user(request, pk)
    university = None if user_has_role(request.user, STAFF_ROLES) else university_of_user(user=request.user)
    form = SigningForm(request.POST, event=event, university=university)
    if form.is_valid():
        try:
            deal = services.event_record_signing(event=event, user=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Signing recorded: %(deal)s.") % {"deal": deal})
            return redirect("deals:event_detail", pk=pk)
    return event_detail(request, pk, signing_form=form, status=400)
