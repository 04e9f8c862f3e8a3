"""What the need detail page shows about forwarded results; requests.views.need_detail adds it to its context."""

from matching import selectors
from matching.forms import ForwardForm
from matching.services import NEED_STATUSES_TAKING_RESULTS
from universities.selectors import university_of_user


def need_matching_context(*, user, need, forward_form=None) -> dict:
    university = university_of_user(user=user) if getattr(user, "is_officer", False) else None
    may_forward = university is not None and need.status in NEED_STATUSES_TAKING_RESULTS
    if may_forward and forward_form is None:
        forward_form = ForwardForm(officer=user)
    return {
        "forwarded_matches": selectors.match_forwarded_list_for_user(user=user, need=need),
        "forward_form": forward_form if may_forward else None,
        # The pair of a result's university proposes introductions for the matches the enterprise liked.
        "officer_university_id": university.pk if university else None,
        "may_respond": selectors.match_respondable_for_user(user=user).filter(need=need).exists(),
    }
