import datetime
import secrets

from django.conf import settings
from django.contrib.auth.models import AbstractUser
from django.db import models
from django.utils import timezone
from django.utils.translation import gettext_lazy as _


class Role(models.TextChoices):
    BUREAU = "bureau", _("Bureau staff")
    OFFICER = "officer", _("Liaison officer")
    ENTERPRISE = "enterprise", _("Enterprise user")
    ADMIN = "admin", _("Administrator")


class User(AbstractUser):
    """A person who logs in to the portal.

    The role decides which part of the portal they work in; what they may see
    inside it is decided by `accounts.access`. Chinese names do not split into
    first and last name, so the portal shows `full_name`.
    """

    role = models.CharField(_("role"), max_length=16, choices=Role.choices, default=Role.ENTERPRISE)
    full_name = models.CharField(_("full name"), max_length=100, blank=True)
    preferred_language = models.CharField(
        _("preferred language"), max_length=8, choices=[("zh-hans", "简体中文"), ("en", "English")], default="zh-hans"
    )

    class Meta:
        verbose_name = _("user")
        verbose_name_plural = _("users")
        constraints = [
            models.CheckConstraint(
                condition=models.Q(role__in=Role.values),
                name="user_role_valid",
            ),
        ]

    def __str__(self):
        return self.full_name or self.username

    @property
    def is_bureau(self) -> bool:
        return self.role == Role.BUREAU

    @property
    def is_officer(self) -> bool:
        return self.role == Role.OFFICER

    @property
    def is_enterprise_user(self) -> bool:
        return self.role == Role.ENTERPRISE

    @property
    def is_portal_admin(self) -> bool:
        return self.role == Role.ADMIN or self.is_superuser


INVITATION_LIFETIME = datetime.timedelta(days=14)


def _invitation_token() -> str:
    return secrets.token_urlsafe(32)


def _invitation_expiry():
    return timezone.now() + INVITATION_LIFETIME


class Invitation(models.Model):
    """An enterprise manager's invitation for a colleague to join the enterprise in the portal.

    The link carries `token`; it works once (`accepted_at`) and only until `expires_at`,
    14 days after it was sent.
    """

    enterprise = models.ForeignKey(
        "needs.Enterprise", on_delete=models.CASCADE, related_name="invitations", verbose_name=_("enterprise")
    )
    email = models.EmailField(_("email"))
    token = models.CharField(max_length=64, unique=True, default=_invitation_token, editable=False)
    invited_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.PROTECT,
        related_name="invitations_sent",
        verbose_name=_("invited by"),
    )
    created_at = models.DateTimeField(_("invited at"), auto_now_add=True)
    expires_at = models.DateTimeField(_("expires at"), default=_invitation_expiry)
    accepted_at = models.DateTimeField(_("accepted at"), null=True, blank=True)
    accepted_by = models.OneToOneField(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="accepted_invitation",
        verbose_name=_("accepted by"),
    )

    class Meta:
        verbose_name = _("invitation")
        verbose_name_plural = _("invitations")
        ordering = ["-created_at"]

    def __str__(self):
        return f"{self.email} → {self.enterprise}"

    @property
    def is_expired(self) -> bool:
        return timezone.now() >= self.expires_at

    @property
    def is_usable(self) -> bool:
        return self.accepted_at is None and not self.is_expired
