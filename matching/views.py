from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import role_required
from accounts.models import Role
from achievements.selectors import achievement_list_for_user
from core.forms import attach_service_errors
from matching import selectors, services
from matching.forms import ForwardForm, RespondForm
from requests import views as need_views
from requests.selectors import need_detail_for_user


@require_POST
@role_required(Role.OFFICER)
def match_forward(request, need_pk):
    need = get_object_or_404(need_detail_for_user(user=request.user), pk=need_pk)
    form = ForwardForm(request.POST, officer=request.user)
    if form.is_valid():
        try:
            services.match_forward_to_enterprise(
                need=need,
                achievement=form.cleaned_data["achievement"],
                officer=request.user,
                note=form.cleaned_data["note"],
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("The result was forwarded to the enterprise."))
            return redirect("needs:detail", pk=need.pk)
    # Re-render the need page with the bound form, so the note the officer typed is not lost.
    return need_views.need_detail(request, need.pk, forward_form=form)


@require_POST
@role_required(Role.ENTERPRISE)
def match_respond(request, pk):
    match = get_object_or_404(selectors.match_respondable_for_user(user=request.user), pk=pk)
    form = RespondForm(request.POST)
    if not form.is_valid():
        messages.error(request, _("Choose “interested” or “not relevant”."))
        return redirect("needs:detail", pk=match.need_id)
    interested = form.cleaned_data["answer"] == "interested"
    try:
        services.match_respond(
            match=match, user=request.user, interested=interested, reason=form.cleaned_data["reason"]
        )
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if interested:
            messages.success(request, _("Thank you. The university's liaison officers will arrange an introduction."))
        else:
            messages.success(request, _("Thank you. The officers will take your reason into account."))
    return redirect("needs:detail", pk=match.need_id)


@require_POST
@role_required(Role.ENTERPRISE)
def interest_express(request, achievement_pk):
    achievement = get_object_or_404(achievement_list_for_user(user=request.user), pk=achievement_pk)
    try:
        services.interest_express(
            achievement=achievement, user=request.user, message=request.POST.get("message", "")[:2000]
        )
    except (ValidationError, PermissionDenied) as error:
        messages.error(request, " ".join(getattr(error, "messages", [str(error)])))
    else:
        messages.success(request, _("Your interest was sent to the university's liaison officers."))
    return redirect("achievements:detail", pk=achievement.pk)
