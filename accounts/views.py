from django.contrib import messages
from django.contrib.auth import login
from django.core.exceptions import PermissionDenied, ValidationError
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import ngettext
from django.views.decorators.http import require_POST
from django_ratelimit.decorators import ratelimit

from accounts import selectors, services
from accounts.access import STAFF_ROLES, role_required
from accounts.forms import EnterpriseRegistrationForm, EnterpriseRejectForm, InvitationAcceptForm, InvitationForm
from accounts.models import Role
from core.forms import attach_service_errors
from core.views import rate_limited
from requests.models import Enterprise, EnterpriseStatus

# Logs the new user in without asking which backend authenticated them.
_BACKEND = "django.contrib.auth.backends.ModelBackend"


# -- registration --------------------------------------------------------------------------------


@ratelimit(key="ip", rate="5/h", method="POST", block=False)
def enterprise_register(request):
    """Public: a company signs up; it is pending until bureau staff approve it."""
    # `block=False` and this check: the project has no ratelimit middleware, so a blocked
    # request would otherwise be a bare 403 rather than the "too often" page (429).
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    if request.user.is_authenticated:
        return redirect("home")
    form = EnterpriseRegistrationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            membership = services.enterprise_register(
                name=data["name"],
                credit_code=data["credit_code"],
                district=data["district"],
                industry=data["industry"],
                contact_person=data["contact_person"],
                email=data["email"],
                phone=data["phone"],
                username=data["username"],
                password=data["password1"],
            )
        except ValidationError as error:
            attach_service_errors(form, error, field_aliases={"password": "password1"})
        else:
            login(request, membership.user, backend=_BACKEND)
            messages.success(
                request, _("Your enterprise is registered. Bureau staff will review it; you will be notified.")
            )
            return redirect("home")
    return render(request, "accounts/register.html", {"form": form})


# -- review by bureau staff ----------------------------------------------------------------------


@role_required(*STAFF_ROLES)
def enterprise_review(request):
    return render(request, "accounts/review.html", {"enterprises": selectors.enterprise_pending_list()})


@require_POST
@role_required(*STAFF_ROLES)
def enterprise_approve(request, pk):
    # Staff may see every enterprise; one already reviewed (a double click) gets the service's message.
    enterprise = get_object_or_404(Enterprise, pk=pk)
    try:
        services.enterprise_approve(enterprise=enterprise, reviewer=request.user)
    except ValidationError as error:
        messages.error(request, " ".join(error.messages))
    else:
        messages.success(request, _("%(name)s was approved.") % {"name": enterprise.name})
    return redirect("accounts:enterprise_review")


@require_POST
@role_required(*STAFF_ROLES)
def enterprise_approve_bulk(request):
    ids = [value for value in request.POST.getlist("enterprise") if value.isdigit()]
    if not ids:
        messages.warning(request, _("Tick the enterprises you want to approve."))
        return redirect("accounts:enterprise_review")
    enterprises = selectors.enterprise_pending_list().filter(pk__in=ids)
    approved, skipped = services.enterprise_approve_many(enterprises=enterprises, reviewer=request.user)
    count = len(approved)
    messages.success(
        request, ngettext("%(count)d enterprise approved.", "%(count)d enterprises approved.", count) % {"count": count}
    )
    if skipped:
        count = len(skipped)
        messages.warning(
            request,
            ngettext(
                "%(count)d enterprise had already been reviewed.",
                "%(count)d enterprises had already been reviewed.",
                count,
            )
            % {"count": count},
        )
    return redirect("accounts:enterprise_review")


@role_required(*STAFF_ROLES)
def enterprise_reject(request, pk):
    enterprise = get_object_or_404(Enterprise, pk=pk)
    if enterprise.status != EnterpriseStatus.PENDING:
        messages.warning(request, _("%(name)s has already been reviewed.") % {"name": enterprise.name})
        return redirect("accounts:enterprise_review")
    form = EnterpriseRejectForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.enterprise_reject(enterprise=enterprise, reviewer=request.user, reason=form.cleaned_data["reason"])
        except ValidationError as error:
            attach_service_errors(form, error, field_aliases={"password": "password1"})
        else:
            messages.success(request, _("%(name)s was rejected.") % {"name": enterprise.name})
            return redirect("accounts:enterprise_review")
    return render(request, "accounts/reject.html", {"enterprise": enterprise, "form": form})


# -- team and invitations ------------------------------------------------------------------------


@ratelimit(key="user_or_ip", rate="20/h", method="POST", block=False)
@role_required(Role.ENTERPRISE)
def enterprise_team(request):
    """The manager's page: who is in the enterprise, open invitations, and a form to invite a colleague."""
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    membership = selectors.enterprise_membership_of(user=request.user)
    if membership is None or not membership.is_manager:
        raise PermissionDenied
    form = InvitationForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            invitation = services.invitation_create(membership=membership, email=form.cleaned_data["email"])
        except ValidationError as error:
            attach_service_errors(form, error, field_aliases={"password": "password1"})
        else:
            messages.success(request, _("An invitation was sent to %(email)s.") % {"email": invitation.email})
            return redirect("accounts:enterprise_team")
    context = {
        "enterprise": membership.enterprise,
        "members": selectors.enterprise_team(enterprise=membership.enterprise),
        "invitations": selectors.invitation_list_for_enterprise(enterprise=membership.enterprise),
        "form": form,
    }
    return render(request, "accounts/team.html", context)


@ratelimit(key="ip", rate="10/h", method="POST", block=False)
def invitation_accept(request, token):
    """Public: the invitee picks a username and password and joins the enterprise."""
    if getattr(request, "limited", False):
        return rate_limited(request, None)
    invitation = selectors.invitation_by_token(token=token)
    problem = None
    if invitation is None:
        problem = services.INVITATION_UNKNOWN
    elif invitation.accepted_at is not None:
        problem = services.INVITATION_USED
    elif invitation.is_expired:
        problem = services.INVITATION_EXPIRED
    context = {"invitation": invitation, "problem": problem}
    if problem is not None:
        return render(request, "accounts/invitation_accept.html", context, status=410 if invitation else 404)
    if request.user.is_authenticated:
        return render(request, "accounts/invitation_accept.html", {**context, "logged_in": True})
    form = InvitationAcceptForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        try:
            membership = services.invitation_accept(
                token=token,
                username=form.cleaned_data["username"],
                password=form.cleaned_data["password1"],
                full_name=form.cleaned_data["full_name"],
            )
        except ValidationError as error:
            attach_service_errors(form, error, field_aliases={"password": "password1"})
        else:
            login(request, membership.user, backend=_BACKEND)
            messages.success(request, _("Welcome! You have joined %(name)s.") % {"name": membership.enterprise.name})
            return redirect("home")
    return render(request, "accounts/invitation_accept.html", {**context, "form": form})
