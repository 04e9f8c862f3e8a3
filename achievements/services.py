from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement, AchievementStatus


@transaction.atomic
def achievement_transition(*, achievement: Achievement, status: str) -> Achievement:
    """Move a result along its status pipeline; refuses moves the pipeline does not allow."""
    achievement = Achievement.objects.select_for_update().get(pk=achievement.pk)
    if not achievement.can_become(status):
        raise ValidationError(
            _("A result that is %(current)s cannot become %(target)s.")
            % {"current": achievement.get_status_display(), "target": AchievementStatus(status).label},
            code="invalid_transition",
        )
    achievement.status = status
    fields = ["status", "updated_at"]
    if status == AchievementStatus.PUBLISHED and achievement.published_at is None:
        achievement.published_at = timezone.now()
        fields.append("published_at")
    achievement.save(update_fields=fields)
    return achievement
