from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _

from accounts.access import PORTAL_ROLES, STAFF_ROLES, role_required, user_has_role
from accounts.models import Role
from achievements.selectors import achievement_list_for_user
from core.forms import attach_service_errors
from core.history import history_entries
from universities import selectors, services
from universities.filters import TeamFilter
from universities.forms import ContactForm, TeamForm, TeamMergeForm

EDITORS = (Role.OFFICER, Role.ADMIN)
TEAMS_PER_PAGE = 25


# -- universities --------------------------------------------------------------------------------


@role_required(*PORTAL_ROLES)
def university_list(request):
    return render(request, "universities/list.html", {"universities": selectors.university_list()})


@role_required(*PORTAL_ROLES)
def university_detail(request, slug):
    university = get_object_or_404(selectors.university_with_counts(slug=slug))
    can_read = selectors.user_can_read_at(user=request.user, university=university)
    context = {
        "university": university,
        "pairs": selectors.pairs_of_university(university=university),
        "can_read": can_read,
        "can_edit": selectors.user_can_edit_at(user=request.user, university=university),
        # Staff reach this university's teams and visits through the lists' university filter.
        "sees_all_universities": user_has_role(request.user, STAFF_ROLES),
        # Teams and visits belong to the university's pair: other officers see the counts only.
        "teams": selectors.team_with_counts(university.teams.order_by("name"))[:12] if can_read else [],
        "visits": selectors.university_visit_timeline(university=university) if can_read else [],
        "results": achievement_list_for_user(user=request.user)
        .filter(university=university)
        .order_by("-created_at")[:10],
    }
    return render(request, "universities/detail.html", context)


# -- research teams ------------------------------------------------------------------------------


@role_required(*PORTAL_ROLES)
def team_list(request):
    is_staff = user_has_role(request.user, STAFF_ROLES)
    queryset = selectors.team_with_counts(selectors.team_list_for_user(user=request.user)).order_by("name")
    team_filter = TeamFilter(request.GET, queryset=queryset, choose_university=is_staff, request=request)
    page = Paginator(team_filter.qs, TEAMS_PER_PAGE).get_page(request.GET.get("page"))
    own_university = selectors.university_of_user(user=request.user)
    context = {
        "filter": team_filter,
        "page_obj": page,
        "own_university": own_university,
        "can_create": own_university is not None or request.user.is_portal_admin,
    }
    return render(request, "universities/team_list.html", context)


@role_required(*PORTAL_ROLES)
def team_detail(request, pk):
    team = get_object_or_404(selectors.team_with_counts(selectors.team_list_for_user(user=request.user)), pk=pk)
    contacts = list(team.contacts.all())
    show_personal = selectors.contact_personal_data_visible_to(user=request.user, university=team.university)
    if show_personal:
        services.contact_data_view_record(viewer=request.user, contacts=contacts)
    context = {
        "team": team,
        "contacts": contacts,
        "show_personal": show_personal,
        "can_edit": selectors.user_can_edit_at(user=request.user, university=team.university),
        "visits": selectors.team_visits(team=team),
        "results": achievement_list_for_user(user=request.user).filter(team=team).order_by("-created_at")[:20],
        "data_views": _data_view_log(request, contacts),
        "history": history_entries(team),
    }
    return render(request, "universities/team_detail.html", context)


def _data_view_log(request, contacts):
    """The personal-data log is for auditors: bureau staff and admins."""
    if not user_has_role(request.user, STAFF_ROLES):
        return None
    return selectors.contact_data_view_log(contacts=contacts)


@role_required(*EDITORS)
def team_create(request):
    own_university = selectors.university_of_user(user=request.user)
    choose_university = request.user.is_portal_admin
    if own_university is None and not choose_university:
        messages.error(request, _("Only an officer stationed at a university can add research teams."))
        return redirect("universities:team_list")
    form = TeamForm(request.POST or None, choose_university=choose_university, initial=_initial_university(request))
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            team = services.team_create(
                university=data.get("university") or own_university,
                name=data["name"],
                leader=data["leader"],
                discipline=data["discipline"],
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Research team added."))
            return redirect("universities:team_detail", pk=team.pk)
    return render(request, "universities/team_form.html", {"form": form, "team": None})


def _initial_university(request) -> dict:
    """An admin arriving from a university page finds that university already chosen."""
    university = request.GET.get("university", "")
    return {"university": university} if university.isdigit() else {}


def _editable_team(request, pk):
    return get_object_or_404(selectors.team_editable_for_user(user=request.user), pk=pk)


@role_required(*EDITORS)
def team_edit(request, pk):
    team = _editable_team(request, pk)
    initial = {"name": team.name, "leader": team.leader, "discipline": team.discipline}
    form = TeamForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.team_update(team=team, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Research team updated."))
            return redirect("universities:team_detail", pk=team.pk)
    return render(request, "universities/team_form.html", {"form": form, "team": team})


@role_required(*EDITORS)
def team_merge(request, pk):
    team = _editable_team(request, pk)
    candidates = selectors.team_merge_candidates(team=team)
    form = TeamMergeForm(request.POST or None, candidates=candidates)
    if request.method == "POST" and form.is_valid():
        duplicate = form.cleaned_data["duplicate"]
        try:
            services.team_merge(keep=team, duplicate=duplicate)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("“%(duplicate)s” was merged into this team.") % {"duplicate": duplicate.name})
            return redirect("universities:team_detail", pk=team.pk)
    context = {"form": form, "team": team, "has_candidates": candidates.exists()}
    return render(request, "universities/team_merge.html", context)


# -- contacts ------------------------------------------------------------------------------------


@role_required(*PORTAL_ROLES)
def contact_detail(request, team_pk, pk):
    contact = get_object_or_404(selectors.contact_list_for_user(user=request.user), pk=pk, team_id=team_pk)
    university = contact.team.university
    show_personal = selectors.contact_personal_data_visible_to(user=request.user, university=university)
    if show_personal:
        services.contact_data_view_record(viewer=request.user, contacts=[contact])
    context = {
        "contact": contact,
        "team": contact.team,
        "show_personal": show_personal,
        "can_edit": selectors.user_can_edit_at(user=request.user, university=university),
        "visits": selectors.contact_visits(contact=contact),
        "data_views": _data_view_log(request, [contact]),
        "history": history_entries(contact),
    }
    return render(request, "universities/contact_detail.html", context)


@role_required(*EDITORS)
def contact_create(request, team_pk):
    team = _editable_team(request, team_pk)
    form = ContactForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            contact = services.contact_create(team=team, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Contact added."))
            return redirect("universities:contact_detail", team_pk=team.pk, pk=contact.pk)
    return render(request, "universities/contact_form.html", {"form": form, "team": team, "contact": None})


@role_required(*EDITORS)
def contact_edit(request, team_pk, pk):
    contact = get_object_or_404(selectors.contact_editable_for_user(user=request.user), pk=pk, team_id=team_pk)
    initial = {"name": contact.name, "title": contact.title, "phone": contact.phone, "email": contact.email}
    form = ContactForm(request.POST or None, initial=initial)
    if request.method == "POST" and form.is_valid():
        try:
            services.contact_update(contact=contact, **form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Contact updated."))
            return redirect("universities:contact_detail", team_pk=contact.team_id, pk=contact.pk)
    if request.method == "GET":
        # The form shows the stored phone and email: that is a showing of personal data too.
        services.contact_data_view_record(viewer=request.user, contacts=[contact])
    context = {"form": form, "team": contact.team, "contact": contact}
    return render(request, "universities/contact_form.html", context)
