from django.contrib import messages
from django.core.exceptions import ValidationError
from django.core.paginator import Paginator
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST

from accounts.access import PORTAL_ROLES, role_required, user_has_role
from accounts.models import Role
from achievements import selectors, services
from achievements.forms import TRL_LEVELS, AchievementForm, AttachmentForm
from achievements.models import Achievement, AchievementStatus
from core.csv_export import csv_response
from core.forms import attach_service_errors
from core.history import history_entries
from core.http import redirect_if_query_too_long
from universities.selectors import university_of_user
from visits.selectors import visit_list_for_user

READERS = tuple(Role.values)  # published results are open to every logged-in user
EDITORS = (Role.OFFICER, Role.ADMIN)  # bureau staff read everything and change nothing
RESULTS_PER_PAGE = 20
# The filters folded under "Filters and sorting"; the search box stays in view.
FILTERS_IN_PANEL = ("university", "field", "trl_min", "trl_max", "ip_type", "transfer_mode", "status", "language")


# -- list, export --------------------------------------------------------------------------------


@role_required(*READERS)
def achievement_list(request):
    shortened = redirect_if_query_too_long(request)
    if shortened is not None:
        return shortened
    result_filter = selectors.achievement_filter_for_user(user=request.user, data=request.GET)
    page = Paginator(result_filter.qs, RESULTS_PER_PAGE).get_page(request.GET.get("page"))
    context = {
        "filter": result_filter,
        "page_obj": page,
        "active_filter_count": sum(1 for name in FILTERS_IN_PANEL if request.GET.get(name)),
        "can_catalogue": university_of_user(user=request.user) is not None or request.user.is_portal_admin,
    }
    return render(request, "achievements/list.html", context)


@role_required(*READERS)
def achievement_export(request):
    results = selectors.achievement_filter_for_user(user=request.user, data=request.GET).qs
    header = [
        _("Title"),
        _("University"),
        _("Research team"),
        _("Field"),
        _("TRL"),
        _("IP type"),
        _("Patent or registration numbers"),
        _("Transfer modes offered"),
        _("Asking price (10k yuan)"),
        _("Status"),
        _("Language"),
        _("Keywords"),
        _("Published at"),
        _("Link"),
    ]
    rows = (
        [
            result.title,
            result.university.name_zh,
            result.team.name if result.team else "",
            result.get_field_display(),
            result.trl,
            result.get_ip_type_display(),
            result.patent_numbers,
            "、".join(str(mode) for mode in result.transfer_modes.all()),
            result.asking_price_wan,
            result.get_status_display(),
            result.get_language_display(),
            result.keywords,
            timezone.localtime(result.published_at).strftime("%Y-%m-%d") if result.published_at else "",
            request.build_absolute_uri(reverse("achievements:detail", args=[result.pk])),
        ]
        for result in results.iterator(chunk_size=500)
    )
    return csv_response(filename="results.csv", header=header, rows=rows)


# -- detail --------------------------------------------------------------------------------------


@role_required(*READERS)
def achievement_detail(request, pk):
    achievement = get_object_or_404(selectors.achievement_detail_for_user(user=request.user), pk=pk)
    can_edit = selectors.achievement_user_can_edit(user=request.user, achievement=achievement)
    context = {
        "achievement": achievement,
        "can_edit": can_edit and achievement.status != AchievementStatus.TRANSFERRED,
        "can_publish": can_edit and achievement.status == AchievementStatus.DRAFT,
        "can_withdraw": can_edit and achievement.can_become(AchievementStatus.WITHDRAWN),
        "can_restore": can_edit and achievement.status == AchievementStatus.WITHDRAWN,
        "trl_label": dict(TRL_LEVELS).get(achievement.trl, achievement.trl),
        "show_visit": selectors.achievement_source_visit_visible_to(user=request.user, achievement=achievement),
        # The audit trail names officers and shows draft wording: it is for the portal's own staff.
        "history": history_entries(achievement) if user_has_role(request.user, PORTAL_ROLES) else None,
        "attachment_form": AttachmentForm() if can_edit else None,
    }
    return render(request, "achievements/detail.html", context)


# -- catalogue and edit --------------------------------------------------------------------------


def _source_visit(request):
    """The visit named by ?visit=<id>, found among the visits the user may see; anything else is a 404."""
    raw = request.GET.get("visit")
    if raw is None:
        return None
    if not (raw.isascii() and raw.isdigit()):
        raise Http404
    return get_object_or_404(visit_list_for_user(user=request.user).prefetch_related("teams"), pk=int(raw))


def _action_publishes(request) -> bool:
    return request.POST.get("action") == "publish"


@role_required(*EDITORS)
def achievement_create(request):
    visit = _source_visit(request)
    university = visit.university if visit else university_of_user(user=request.user)
    if university is None and not request.user.is_portal_admin:
        messages.error(request, _("Only an officer stationed at a university can catalogue results."))
        return redirect("achievements:list")
    initial = {}
    if visit is not None and len(visit.teams.all()) == 1:
        initial["team"] = visit.teams.all()[0].pk
    form = AchievementForm(request.POST or None, request.FILES or None, university=university, initial=initial)
    similar = []
    if request.method == "POST" and form.is_valid():
        data = form.achievement_data()
        target = university or form.cleaned_data["university"]
        try:
            achievement = services.achievement_create(
                user=request.user, university=target, source_visit=visit, publish=_action_publishes(request), **data
            )
        except services.PossibleDuplicate as duplicate:
            similar = duplicate.similar
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            if achievement.status == AchievementStatus.PUBLISHED:
                messages.success(request, _("Result published. Every portal user can now find it."))
            else:
                messages.success(
                    request,
                    _("Result saved as a draft. Enterprises and other universities will see it once you publish it."),
                )
            return redirect("achievements:detail", pk=achievement.pk)
    context = {"form": form, "similar": similar, "visit": visit, "university": university, "achievement": None}
    return render(request, "achievements/form.html", context)


def _editable(request, pk) -> Achievement:
    return get_object_or_404(selectors.achievement_editable_for_user(user=request.user), pk=pk)


@role_required(*EDITORS)
def achievement_edit(request, pk):
    achievement = _editable(request, pk)
    if achievement.status == AchievementStatus.TRANSFERRED:
        messages.error(request, _("A transferred result is final and can no longer be changed."))
        return redirect("achievements:detail", pk=achievement.pk)
    form = AchievementForm(
        request.POST or None,
        request.FILES or None,
        university=achievement.university,
        initial=AchievementForm.initial_for(achievement),
    )
    similar = []
    if request.method == "POST" and form.is_valid():
        try:
            achievement = services.achievement_update(
                achievement=achievement,
                user=request.user,
                publish=_action_publishes(request),
                **form.achievement_data(),
            )
        except services.PossibleDuplicate as duplicate:
            similar = duplicate.similar
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Changes saved."))
            return redirect("achievements:detail", pk=achievement.pk)
    context = {
        "form": form,
        "similar": similar,
        "visit": None,
        "university": achievement.university,
        "achievement": achievement,
    }
    return render(request, "achievements/form.html", context)


def _transition(request, pk, service, done_message):
    achievement = _editable(request, pk)
    try:
        service(achievement=achievement)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, done_message)
    return redirect("achievements:detail", pk=achievement.pk)


@require_POST
@role_required(*EDITORS)
def achievement_publish(request, pk):
    return _transition(
        request, pk, services.achievement_publish, _("Result published. Every portal user can now find it.")
    )


@require_POST
@role_required(*EDITORS)
def achievement_withdraw(request, pk):
    return _transition(
        request, pk, services.achievement_withdraw, _("Result withdrawn. It no longer appears in the lists.")
    )


@require_POST
@role_required(*EDITORS)
def achievement_restore(request, pk):
    return _transition(
        request, pk, services.achievement_restore, _("Result back in draft. Publish it again when it is ready.")
    )


# -- attachments ---------------------------------------------------------------------------------


@require_POST
@role_required(*EDITORS)
def attachment_upload(request, pk):
    achievement = _editable(request, pk)
    form = AttachmentForm(request.POST, request.FILES)
    if not form.is_valid():
        for errors in form.errors.values():
            messages.error(request, " ".join(errors))
        return redirect(f"{reverse('achievements:detail', args=[achievement.pk])}#attachments")
    added = 0
    for upload in form.cleaned_data["attachments"]:
        try:
            services.attachment_add(achievement=achievement, user=request.user, upload=upload)
        except ValidationError as error:
            messages.error(request, " ".join(error.messages))
        else:
            added += 1
    if added:
        messages.success(
            request, ngettext("%(count)d file attached.", "%(count)d files attached.", added) % {"count": added}
        )
    return redirect(f"{reverse('achievements:detail', args=[achievement.pk])}#attachments")


@role_required(*READERS)
def attachment_download(request, pk, attachment_pk):
    attachment = get_object_or_404(
        selectors.attachment_for_user(user=request.user, achievement_pk=pk, attachment_pk=attachment_pk)
    )
    try:
        handle = attachment.file.open("rb")
    except FileNotFoundError as missing:
        raise Http404 from missing
    response = FileResponse(
        handle, as_attachment=True, filename=attachment.original_name, content_type=attachment.content_type
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_POST
@role_required(*EDITORS)
def attachment_delete(request, pk, attachment_pk):
    achievement = _editable(request, pk)
    attachment = get_object_or_404(achievement.attachments.all(), pk=attachment_pk)
    services.attachment_delete(attachment=attachment, user=request.user)
    messages.success(request, _("Attachment “%(name)s” removed.") % {"name": attachment.original_name})
    return redirect(f"{reverse('achievements:detail', args=[achievement.pk])}#attachments")
