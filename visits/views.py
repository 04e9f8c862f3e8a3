from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_GET, require_POST

from accounts.access import STAFF_ROLES, role_required
from accounts.models import Role
from core.csv_export import csv_response
from core.forms import attach_service_errors
from core.history import history_entries
from universities.selectors import pair_active_for_user, university_of_user
from universities.services import contact_create, team_create
from visits import selectors, services
from visits.filters import FollowUpFilter, VisitFilter
from visits.forms import (
    ContactQuickForm,
    FollowUpCompleteForm,
    FollowUpForm,
    FollowUpPlanFormSet,
    TeamQuickForm,
    VisitForm,
)

READERS = (Role.OFFICER, Role.BUREAU, Role.ADMIN)
EDITORS = (Role.OFFICER, Role.ADMIN)


def _visit_filter(request):
    university = (
        None if request.user.role in STAFF_ROLES or request.user.is_superuser else university_of_user(user=request.user)
    )
    queryset = selectors.visit_list_with_details(user=request.user)
    return VisitFilter(request.GET, queryset=queryset, university=university, request=request)


@role_required(*READERS)
def visit_list(request):
    visit_filter = _visit_filter(request)
    page = Paginator(visit_filter.qs, 20).get_page(request.GET.get("page"))
    return render(request, "visits/list.html", {"filter": visit_filter, "page_obj": page})


@role_required(*READERS)
def visit_export(request):
    visits = _visit_filter(request).qs
    header = [_("Date"), _("University"), _("Teams met"), _("Purpose"), _("Officers"), _("Notes")]
    rows = (
        [
            visit.visited_on.isoformat(),
            visit.university.name_zh,
            "、".join(team.name for team in visit.teams.all()),
            "、".join(str(purpose) for purpose in visit.purposes.all()),
            "、".join(str(officer) for officer in visit.officers_present.all()),
            visit.notes,
        ]
        for visit in visits.iterator(chunk_size=500)
    )
    return csv_response(filename="visits.csv", header=header, rows=rows)


@role_required(*READERS)
def visit_detail(request, pk):
    visit = get_object_or_404(selectors.visit_detail_for_user(user=request.user), pk=pk)
    can_edit = request.user.is_portal_admin or university_of_user(user=request.user) == visit.university
    context = {"visit": visit, "can_edit": can_edit, "history": history_entries(visit)}
    return render(request, "visits/detail.html", context)


def _visit_arguments(form) -> dict:
    return {name: form.cleaned_data[name] for name in form.fields}


def _planned_follow_ups(formset) -> list[services.PlannedFollowUp]:
    return [
        services.PlannedFollowUp(title=f["title"], due_on=f["due_on"], owner=f["owner"])
        for f in (form.cleaned_data for form in formset.forms)
        if f.get("title")
    ]


@role_required(Role.OFFICER)
def visit_create(request):
    pair = pair_active_for_user(user=request.user)
    if pair is None:
        messages.error(request, _("Only an officer stationed at a university can log visits."))
        return redirect("visits:list")
    form = VisitForm(request.POST or None, pair=pair, initial={"officers_present": [request.user.pk]})
    formset = FollowUpPlanFormSet(request.POST or None, prefix="follow_ups", form_kwargs={"pair": pair})
    if request.method == "POST" and form.is_valid() and formset.is_valid():
        try:
            visit = services.visit_create(
                user=request.user, follow_ups=_planned_follow_ups(formset), **_visit_arguments(form)
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Visit saved."))
            return redirect("visits:detail", pk=visit.pk)
    return render(request, "visits/form.html", _form_context(form, formset, pair))


def _form_context(form, formset, pair, visit=None):
    return {
        "form": form,
        "formset": formset,
        "visit": visit,
        "team_form": TeamQuickForm(prefix="team"),
        "contact_form": ContactQuickForm(prefix="contact", university=pair.university),
    }


def _editable_visit(request, pk):
    return get_object_or_404(selectors.visit_detail_for_user(user=request.user), pk=pk)


@role_required(*EDITORS)
def visit_edit(request, pk):
    visit = _editable_visit(request, pk)
    form = VisitForm(request.POST or None, pair=visit.pair, initial=VisitForm.initial_for(visit))
    if request.method == "POST" and form.is_valid():
        try:
            services.visit_update(visit=visit, **_visit_arguments(form))
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Visit updated."))
            return redirect("visits:detail", pk=visit.pk)
    return render(request, "visits/form.html", _form_context(form, None, visit.pair, visit))


@require_POST
@role_required(*EDITORS)
def visit_delete(request, pk):
    visit = _editable_visit(request, pk)
    services.visit_delete(visit=visit)
    messages.success(request, _("Visit deleted. It stays in the audit history."))
    return redirect("visits:list")


# -- inline creation and search-as-you-type for the visit form ---------------------------------


def _json_form_errors(form) -> JsonResponse:
    return JsonResponse(
        {"errors": {field: [str(e) for e in errors] for field, errors in form.errors.items()}}, status=400
    )


@require_POST
@role_required(Role.OFFICER)
def team_quick_create(request):
    university = university_of_user(user=request.user)
    form = TeamQuickForm(request.POST, prefix="team")
    if university is None or not form.is_valid():
        return _json_form_errors(form)
    try:
        team = team_create(university=university, **form.cleaned_data)
    except ValidationError as error:
        attach_service_errors(form, error)
        return _json_form_errors(form)
    return JsonResponse({"value": team.pk, "text": str(team)}, status=201)


@require_POST
@role_required(Role.OFFICER)
def contact_quick_create(request):
    university = university_of_user(user=request.user)
    form = ContactQuickForm(request.POST, prefix="contact", university=university)
    if university is None or not form.is_valid():
        return _json_form_errors(form)
    try:
        contact = contact_create(**form.cleaned_data)
    except ValidationError as error:
        attach_service_errors(form, error)
        return _json_form_errors(form)
    return JsonResponse({"value": contact.pk, "text": f"{contact.name}（{contact.team.name}）"}, status=201)


def _lookup(request, finder):
    query = request.GET.get("q", "").strip()[:50]
    university = university_of_user(user=request.user)
    return JsonResponse({"results": finder(university=university, query=query) if university else []})


@require_GET
@role_required(Role.OFFICER)
def lookup_teams(request):
    return _lookup(request, selectors.lookup_teams)


@require_GET
@role_required(Role.OFFICER)
def lookup_contacts(request):
    return _lookup(request, selectors.lookup_contacts)


@require_GET
@role_required(Role.OFFICER)
def lookup_results(request):
    return _lookup(request, selectors.lookup_results)


@require_GET
@role_required(Role.OFFICER)
def lookup_needs(request):
    query = request.GET.get("q", "").strip()[:50]
    return JsonResponse({"results": selectors.lookup_needs(query=query)})


# -- follow-ups ----------------------------------------------------------------------------------


@role_required(*READERS)
def follow_up_list(request):
    follow_up_filter = FollowUpFilter(
        request.GET or {"status": "open"},
        queryset=selectors.follow_up_list_for_user(user=request.user),
        request=request,
    )
    pair = pair_active_for_user(user=request.user)
    form = FollowUpForm(pair=pair, prefix="new") if pair else None
    page = Paginator(follow_up_filter.qs, 30).get_page(request.GET.get("page"))
    return render(request, "visits/follow_ups.html", {"filter": follow_up_filter, "page_obj": page, "form": form})


@require_POST
@role_required(Role.OFFICER)
def follow_up_create(request):
    pair = pair_active_for_user(user=request.user)
    form = FollowUpForm(request.POST, pair=pair, prefix="new")
    if form.is_valid():
        try:
            services.follow_up_create(user=request.user, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Follow-up added."))
            return redirect("visits:follow_ups")
    follow_up_filter = FollowUpFilter(
        {"status": "open"}, queryset=selectors.follow_up_list_for_user(user=request.user), request=request
    )
    page = Paginator(follow_up_filter.qs, 30).get_page(1)
    context = {"filter": follow_up_filter, "page_obj": page, "form": form}
    return render(request, "visits/follow_ups.html", context, status=400)


def _pair_follow_up(request, pk):
    return get_object_or_404(selectors.follow_up_list_for_user(user=request.user), pk=pk)


@require_POST
@role_required(Role.OFFICER)
def follow_up_complete(request, pk):
    follow_up = _pair_follow_up(request, pk)
    form = FollowUpCompleteForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Say what came of it before marking the follow-up done."))
        return redirect("visits:follow_ups")
    try:
        services.follow_up_complete(follow_up=follow_up, outcome=form.cleaned_data["outcome"])
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Follow-up marked done."))
    return redirect("visits:follow_ups")


@require_POST
@role_required(Role.OFFICER)
def follow_up_reassign(request, pk):
    follow_up = _pair_follow_up(request, pk)
    try:
        follow_up = services.follow_up_reassign(follow_up=follow_up, user=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("Follow-up handed to %(name)s.") % {"name": follow_up.owner})
    return redirect("visits:follow_ups")
