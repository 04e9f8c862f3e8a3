from django.contrib import messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.core.paginator import Paginator
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import STAFF_ROLES, role_required
from accounts.models import Role
from achievements.selectors import achievement_list_for_user
from core.forms import attach_service_errors
from matching import selectors, services
from matching.forms import DigestForwardForm, DismissForm, ForwardForm, RespondForm
from matching.models import DigestSection, MatchState
from matching.reasons import reason_text
from matching.tasks import digest_regenerate as digest_regenerate_later
from requests import views as need_views
from requests.selectors import need_detail_for_user
from universities.selectors import user_is_stationed_at

DIGESTS_PER_PAGE = 20


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


# -- digests -------------------------------------------------------------------------------------


@role_required(Role.OFFICER, *STAFF_ROLES)
def digest_list(request):
    digests = selectors.digest_list_for_user(user=request.user)
    page = Paginator(digests, DIGESTS_PER_PAGE).get_page(request.GET.get("page"))
    return render(request, "matching/digest_list.html", {"page_obj": page})


def _digest_for(request, pk):
    return get_object_or_404(selectors.digest_list_for_user(user=request.user), pk=pk)


@role_required(Role.OFFICER, *STAFF_ROLES)
def digest_detail(request, pk, bound_forms=None):
    digest = _digest_for(request, pk)
    bound_forms = bound_forms or {}
    sections = selectors.digest_sections(digest=digest)
    may_act = user_is_stationed_at(user=request.user, university_id=digest.pair.university_id)
    for section in sections:
        for item in section["items"]:
            explanation = item.match.explanation if item.match else {}
            item.actionable = may_act and item.match is not None and item.match.state == MatchState.SUGGESTED
            if item.actionable and item.section != DigestSection.SCOUTING:
                item.forward_form = bound_forms.get(("forward", item.pk)) or DigestForwardForm(
                    initial={"note": reason_text(explanation)}, prefix=f"item{item.pk}"
                )
                item.dismiss_form = bound_forms.get(("dismiss", item.pk)) or DismissForm(prefix=f"dismiss{item.pk}")
    context = {"digest": digest, "sections": sections, "may_act": may_act}
    return render(request, "matching/digest_detail.html", context)


def _item_for(request, digest_pk, item_pk):
    digest = _digest_for(request, digest_pk)
    return get_object_or_404(
        digest.items.select_related("match__need", "match__achievement"), pk=item_pk, match__isnull=False
    )


def _act(request, digest_pk, item, call, *, form=None, form_key=None, success):
    """Run one action on a digest item; on an error show the digest again with what was typed."""
    if form is not None and not form.is_valid():
        return digest_detail(request, digest_pk, bound_forms={(form_key, item.pk): form})
    try:
        call(**(form.cleaned_data if form is not None else {}))
    except ValidationError as error:
        if form is None:
            for message in error.messages:
                messages.error(request, message)
        else:
            attach_service_errors(form, error)
            return digest_detail(request, digest_pk, bound_forms={(form_key, item.pk): form})
    else:
        messages.success(request, success)
    return redirect(f"{reverse('matching:digest_detail', args=[digest_pk])}#item-{item.pk}")


@require_POST
@role_required(Role.OFFICER)
def digest_item_forward(request, digest_pk, item_pk):
    item = _item_for(request, digest_pk, item_pk)
    form = DigestForwardForm(request.POST, prefix=f"item{item.pk}")
    return _act(
        request,
        digest_pk,
        item,
        lambda note: services.match_forward_to_enterprise(
            need=item.match.need, achievement=item.match.achievement, officer=request.user, note=note
        ),
        form=form,
        form_key="forward",
        success=_("The result was forwarded to the enterprise."),
    )


@require_POST
@role_required(Role.OFFICER)
def digest_item_team(request, digest_pk, item_pk):
    item = _item_for(request, digest_pk, item_pk)
    return _act(
        request,
        digest_pk,
        item,
        lambda: services.match_forward_to_team(match=item.match, officer=request.user),
        success=_("Noted: a follow-up reminds you to take the need to the research team within a week."),
    )


@require_POST
@role_required(Role.OFFICER)
def digest_item_dismiss(request, digest_pk, item_pk):
    item = _item_for(request, digest_pk, item_pk)
    form = DismissForm(request.POST, prefix=f"dismiss{item.pk}")
    return _act(
        request,
        digest_pk,
        item,
        lambda reason: services.match_dismiss(match=item.match, officer=request.user, reason=reason),
        form=form,
        form_key="dismiss",
        success=_("Dismissed. It will not be suggested again."),
    )


@require_POST
@role_required(Role.OFFICER, *STAFF_ROLES)
def digest_regenerate(request, pk):
    digest = _digest_for(request, pk)
    digest_regenerate_later(pair=digest.pair, period_start=digest.period_start)
    messages.success(request, _("The digest is being regenerated. Reload the page in a minute."))
    return redirect("matching:digest_detail", pk=digest.pk)
