from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from requests.models import NeedStatus, TechNeed


@transaction.atomic
def need_transition(*, need: TechNeed, status: str, close_outcome: str = "", review_note: str = "") -> TechNeed:
    """Move a need along its lifecycle; refuses moves the lifecycle does not allow."""
    need = TechNeed.objects.select_for_update().get(pk=need.pk)
    if not need.can_become(status):
        raise ValidationError(
            _("A need that is %(current)s cannot become %(target)s.")
            % {"current": need.get_status_display(), "target": NeedStatus(status).label},
            code="invalid_transition",
        )
    if status == NeedStatus.CLOSED and not close_outcome:
        raise ValidationError(_("Say how the need ended before closing it."), code="outcome_required")
    need.status = status
    need.close_outcome = close_outcome
    if review_note:
        need.review_note = review_note
    if status == NeedStatus.OPEN and need.approved_at is None:
        need.approved_at = timezone.now()
    need.save()
    return need
