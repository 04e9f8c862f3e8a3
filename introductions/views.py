from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_POST

from accounts.access import STAFF_ROLES, role_required, user_has_role
from accounts.models import Role
from core.forms import attach_service_errors
from core.history import history_entries
from introductions import selectors, services
from introductions.forms import ConsentForm, MessageForm, ProposeForm, ReasonForm
from introductions.models import Introduction, IntroductionStatus
from universities.selectors import user_is_stationed_at
from universities.services import contact_data_view_record

PARTIES = (Role.OFFICER, Role.ENTERPRISE, *STAFF_ROLES)


def _id(value) -> int:
    if not (value or "").isdigit():
        raise Http404
    return int(value)


def _introduction_for(request, pk) -> Introduction:
    return get_object_or_404(selectors.introduction_list_for_user(user=request.user), pk=pk)


@role_required(*PARTIES)
def introduction_list(request):
    introductions = selectors.introduction_list_for_user(user=request.user)
    return render(request, "introductions/list.html", {"introductions": introductions})


@role_required(Role.OFFICER)
def introduction_propose(request):
    """Propose an introduction for an interested match (`?match=`) or an expression of interest (`?interest=`)."""
    source = request.GET if request.method == "GET" else request.POST
    match = interest = None
    if source.get("match"):
        match = get_object_or_404(selectors.match_introducible_by(officer=request.user), pk=_id(source["match"]))
        achievement, enterprise, need = match.achievement, match.need.enterprise, match.need
    else:
        interest = get_object_or_404(
            selectors.interest_introducible_by(officer=request.user), pk=_id(source.get("interest"))
        )
        achievement, enterprise, need = interest.achievement, interest.enterprise, None
    form = ProposeForm(request.POST or None, achievement=achievement)
    if request.method == "POST" and form.is_valid():
        try:
            introduction = services.introduction_propose(
                officer=request.user, match=match, interest=interest, **form.cleaned_data
            )
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, _("Introduction proposed. The enterprise has been asked to accept it."))
            return redirect("introductions:detail", pk=introduction.pk)
    context = {
        "form": form,
        "achievement": achievement,
        "enterprise": enterprise,
        "need": need,
        "match": match,
        "interest": interest,
    }
    return render(request, "introductions/propose.html", context)


@role_required(*PARTIES)
def introduction_detail(request, pk, consent_form=None, reason_form=None, message_form=None):
    introduction = _introduction_for(request, pk)
    is_pair = user_is_stationed_at(user=request.user, university_id=introduction.achievement.university_id)
    is_enterprise = request.user.is_enterprise_user
    is_staff = user_has_role(request.user, STAFF_ROLES)
    is_open = introduction.status == IntroductionStatus.PROPOSED
    show_contacts = introduction.contacts_revealed and (is_pair or is_enterprise or is_staff)
    if show_contacts and not is_pair:
        # The professor's phone and email are personal data: who saw them is logged.
        contact_data_view_record(viewer=request.user, contacts=[introduction.contact])
    context = {
        "introduction": introduction,
        "is_pair": is_pair,
        "is_enterprise": is_enterprise,
        "show_contacts": show_contacts,
        "can_consent": is_pair and is_open and not introduction.team_consented,
        "can_accept": is_enterprise and is_open and not introduction.enterprise_accepted,
        "can_close": (is_pair or is_enterprise) and is_open,
        "can_message": (is_pair or is_enterprise)
        and introduction.status
        in (
            IntroductionStatus.PROPOSED,
            IntroductionStatus.ACCEPTED,
        ),
        "consent_form": consent_form or ConsentForm(),
        "reason_form": reason_form or ReasonForm(),
        "message_form": message_form or MessageForm(),
        "thread": selectors.introduction_messages(introduction=introduction),
        "history": history_entries(introduction) if is_pair or is_staff else None,
    }
    return render(request, "introductions/detail.html", context)


def _run(request, introduction, form, call, *, success: str, form_name: str):
    """Run a service with a valid form; on an error re-render the page with what was typed."""
    if form.is_valid():
        try:
            call(**form.cleaned_data)
        except ValidationError as error:
            attach_service_errors(form, error)
        else:
            messages.success(request, success)
            return redirect("introductions:detail", pk=introduction.pk)
    return introduction_detail(request, introduction.pk, **{form_name: form})


@require_POST
@role_required(Role.OFFICER)
def introduction_consent(request, pk):
    introduction = _introduction_for(request, pk)
    return _run(
        request,
        introduction,
        ConsentForm(request.POST),
        lambda **data: services.introduction_record_team_consent(
            introduction=introduction, officer=request.user, **data
        ),
        success=_("The team's consent is recorded."),
        form_name="consent_form",
    )


@require_POST
@role_required(Role.ENTERPRISE)
def introduction_accept(request, pk):
    introduction = _introduction_for(request, pk)
    try:
        introduction = services.introduction_accept(introduction=introduction, user=request.user)
    except ValidationError as error:
        for message in error.messages:
            messages.error(request, message)
    else:
        if introduction.contacts_revealed:
            messages.success(request, _("Introduction agreed. The team's contact details are shown below."))
        else:
            messages.success(request, _("Accepted. The officers are asking the research team; you will be told."))
    return redirect("introductions:detail", pk=introduction.pk)


@require_POST
@role_required(Role.OFFICER, Role.ENTERPRISE)
def introduction_close(request, pk):
    """The enterprise declines, or the pair calls the introduction off, with a reason."""
    introduction = _introduction_for(request, pk)
    if request.user.is_enterprise_user:

        def call(reason):
            return services.introduction_decline(introduction=introduction, user=request.user, reason=reason)
    else:

        def call(reason):
            return services.introduction_cancel(introduction=introduction, officer=request.user, reason=reason)

    return _run(
        request,
        introduction,
        ReasonForm(request.POST),
        call,
        success=_("The introduction was called off; the other side has been told."),
        form_name="reason_form",
    )


@require_POST
@role_required(Role.OFFICER, Role.ENTERPRISE)
def introduction_message(request, pk):
    introduction = _introduction_for(request, pk)
    return _run(
        request,
        introduction,
        MessageForm(request.POST),
        lambda body: services.introduction_message_post(introduction=introduction, author=request.user, body=body),
        success=_("Message sent."),
        form_name="message_form",
    )
