from django.conf import settings
from django.contrib.auth.password_validation import validate_password
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.text import format_lazy
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation, Role, User
from core.tasks import email_deliver
from notifications.services import notify
from requests.models import Enterprise, EnterpriseMembership, EnterpriseStatus
from requests.selectors import enterprise_users
from requests.validators import normalise_credit_code

DUPLICATE_CREDIT_CODE = _(
    "An enterprise with this unified social credit code is already registered. "
    "If it is yours, ask its manager to invite you, or contact the bureau."
)
DUPLICATE_USERNAME = _("This username is taken. Please choose another.")
INVITATION_UNKNOWN = _("This invitation link is not valid. Please check that you copied the whole link.")
INVITATION_USED = _("This invitation has already been used. If it was you, please log in.")
INVITATION_EXPIRED = _("This invitation has expired. Please ask your enterprise's manager to invite you again.")


def user_set_language(*, user: User, language: str) -> None:
    if user.preferred_language != language:
        user.preferred_language = language
        user.save(update_fields=["preferred_language"])


def _enterprise_user_build(*, username: str, password: str, email: str, full_name: str, errors: dict) -> User:
    """An unsaved enterprise user; problems with the username or password are added to `errors`."""
    user = User(username=username, email=email, full_name=full_name, role=Role.ENTERPRISE)
    if User.objects.filter(username__iexact=username).exists():
        errors.setdefault("username", []).append(DUPLICATE_USERNAME)
    try:
        user.clean_fields(exclude=["password"])
    except ValidationError as error:
        for field, messages in error.message_dict.items():
            errors.setdefault(field, []).extend(messages)
    try:
        validate_password(password, user)
    except ValidationError as error:
        errors.setdefault("password", []).extend(error.messages)
    user.set_password(password)
    return user


@transaction.atomic
def enterprise_register(
    *,
    name: str,
    credit_code: str,
    district: str,
    industry: str,
    contact_person: str,
    email: str,
    phone: str,
    username: str,
    password: str,
) -> EnterpriseMembership:
    """Register a company and its first user, who becomes its manager; the bureau is told to review it.

    The enterprise starts pending. A second submit of the same form (a double click) finds
    the credit code taken and fails with a ValidationError rather than creating a twin.
    """
    credit_code = normalise_credit_code(credit_code)
    errors: dict[str, list] = {}
    enterprise = Enterprise(
        name=name.strip(),
        credit_code=credit_code,
        district=district,
        industry=industry,
        contact_person=contact_person.strip(),
        email=email,
        phone=phone.strip(),
        status=EnterpriseStatus.PENDING,
    )
    try:
        enterprise.full_clean(validate_unique=False)
    except ValidationError as error:
        errors.update(error.message_dict)
    if "credit_code" not in errors and Enterprise.objects.filter(credit_code=credit_code).exists():
        errors["credit_code"] = [DUPLICATE_CREDIT_CODE]
    user = _enterprise_user_build(
        username=username, password=password, email=email, full_name=contact_person.strip(), errors=errors
    )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user.save()
            enterprise.save()
            membership = EnterpriseMembership.objects.create(user=user, enterprise=enterprise, is_manager=True)
    except IntegrityError:
        # Another request registered the same code or username between our check and the insert.
        if Enterprise.objects.filter(credit_code=credit_code).exists():
            raise ValidationError({"credit_code": [DUPLICATE_CREDIT_CODE]}) from None
        raise ValidationError({"username": [DUPLICATE_USERNAME]}) from None
    notify(
        recipients=User.objects.filter(role=Role.BUREAU, is_active=True),
        event_key=f"enterprise-registered:{enterprise.pk}",
        subject=format_lazy(_("A new enterprise waits for approval: {name}"), name=enterprise.name),
        body=format_lazy(
            _("{name} (credit code {code}) registered in the portal. Please review it."),
            name=enterprise.name,
            code=enterprise.credit_code,
        ),
        url=reverse("accounts:enterprise_review"),
    )
    return membership


def _enterprise_lock_pending(*, enterprise: Enterprise) -> Enterprise:
    enterprise = Enterprise.objects.select_for_update().get(pk=enterprise.pk)
    if enterprise.status != EnterpriseStatus.PENDING:
        raise ValidationError(
            format_lazy(
                _("{name} has already been reviewed ({status})."),
                name=enterprise.name,
                status=enterprise.get_status_display(),
            ),
            code="not_pending",
        )
    return enterprise


@transaction.atomic
def enterprise_approve(*, enterprise: Enterprise, reviewer: User) -> Enterprise:
    """Approve a pending enterprise, so its users may post technology needs; they are notified."""
    enterprise = _enterprise_lock_pending(enterprise=enterprise)
    enterprise.status = EnterpriseStatus.APPROVED
    enterprise.rejection_reason = ""
    enterprise._change_reason = f"approved by {reviewer.username}"
    enterprise.save(update_fields=["status", "rejection_reason"])
    notify(
        recipients=enterprise_users(enterprise_id=enterprise.pk),
        event_key=f"enterprise-approved:{enterprise.pk}",
        subject=format_lazy(_("Your enterprise was approved: {name}"), name=enterprise.name),
        body=_("You can now post technology needs in the portal."),
        url=reverse("home"),
    )
    return enterprise


@transaction.atomic
def enterprise_reject(*, enterprise: Enterprise, reviewer: User, reason: str) -> Enterprise:
    """Reject a pending enterprise with a reason its users can read on their home page."""
    reason = reason.strip()
    if not reason:
        raise ValidationError({"reason": [_("Please give the reason for the rejection.")]})
    enterprise = _enterprise_lock_pending(enterprise=enterprise)
    enterprise.status = EnterpriseStatus.REJECTED
    enterprise.rejection_reason = reason
    enterprise._change_reason = f"rejected by {reviewer.username}"
    enterprise.save(update_fields=["status", "rejection_reason"])
    notify(
        recipients=enterprise_users(enterprise_id=enterprise.pk),
        event_key=f"enterprise-rejected:{enterprise.pk}",
        subject=format_lazy(_("Your enterprise registration was not approved: {name}"), name=enterprise.name),
        body=format_lazy(_("Reason: {reason}"), reason=reason),
        url=reverse("home"),
    )
    return enterprise


def enterprise_approve_many(*, enterprises, reviewer: User) -> tuple[list[Enterprise], list[Enterprise]]:
    """Approve each enterprise in its own transaction; returns (approved, skipped because already reviewed)."""
    approved, skipped = [], []
    for enterprise in enterprises:
        try:
            approved.append(enterprise_approve(enterprise=enterprise, reviewer=reviewer))
        except ValidationError:
            skipped.append(enterprise)
    return approved, skipped


@transaction.atomic
def invitation_create(*, membership: EnterpriseMembership, email: str) -> Invitation:
    """The enterprise's manager invites a colleague; the email with the link leaves after the commit."""
    if not membership.is_manager:
        raise ValidationError(_("Only the enterprise's manager may invite colleagues."), code="not_manager")
    email = email.strip()
    enterprise = membership.enterprise
    if User.objects.filter(email__iexact=email, enterprise_membership__enterprise=enterprise).exists():
        raise ValidationError({"email": [_("Someone with this email is already a member of your enterprise.")]})
    invitation = Invitation.objects.create(enterprise=enterprise, email=email, invited_by=membership.user)
    link = f"{settings.PORTAL_BASE_URL}{reverse('accounts:invitation_accept', args=[invitation.token])}"
    # The invitee has no account yet, so no language preference: the email is in Chinese and English.
    context = {"invitation": invitation, "link": link, "inviter": membership.user}
    bodies, subjects = [], []
    for language in ("zh-hans", "en"):
        with translation.override(language):
            subjects.append(
                str(format_lazy(_("Invitation to join {name} in the liaison portal"), name=enterprise.name))
            )
            bodies.append(render_to_string("accounts/invitation_email.txt", context).strip())
    # dict.fromkeys drops a repeat, should a text not be translated yet.
    subject = " / ".join(dict.fromkeys(subjects))
    body = "\n\n----\n\n".join(dict.fromkeys(bodies))
    transaction.on_commit(lambda: email_deliver.delay(subject=subject, body=body, to=[email]))
    return invitation


@transaction.atomic
def invitation_accept(*, token: str, username: str, password: str, full_name: str = "") -> EnterpriseMembership:
    """Create the invitee's account as a non-manager member of the enterprise; the link then stops working."""
    invitation = Invitation.objects.select_for_update().select_related("enterprise").filter(token=token).first()
    if invitation is None:
        raise ValidationError(INVITATION_UNKNOWN, code="unknown")
    if invitation.accepted_at is not None:
        raise ValidationError(INVITATION_USED, code="used")
    if invitation.is_expired:
        raise ValidationError(INVITATION_EXPIRED, code="expired")
    errors: dict[str, list] = {}
    user = _enterprise_user_build(
        username=username, password=password, email=invitation.email, full_name=full_name.strip(), errors=errors
    )
    if errors:
        raise ValidationError(errors)
    try:
        with transaction.atomic():
            user.save()
    except IntegrityError:
        raise ValidationError({"username": [DUPLICATE_USERNAME]}) from None
    membership = EnterpriseMembership.objects.create(user=user, enterprise=invitation.enterprise, is_manager=False)
    invitation.accepted_at = timezone.now()
    invitation.accepted_by = user
    invitation.save(update_fields=["accepted_at", "accepted_by"])
    return membership
