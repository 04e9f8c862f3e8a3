from django.contrib.auth.models import AbstractUser
from django.db import models
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
