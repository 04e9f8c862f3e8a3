import re
from difflib import SequenceMatcher

from django.db.models import Count, Prefetch, Q, QuerySet

from accounts.access import STAFF_ROLES, user_has_role
from achievements.filters import DEFAULT_SORT, AchievementFilter
from achievements.models import Achievement, AchievementStatus, Attachment
from universities.selectors import university_of_user, user_can_edit_at, user_can_read_at

PUBLIC_STATUSES = (AchievementStatus.PUBLISHED, AchievementStatus.NEGOTIATING, AchievementStatus.TRANSFERRED)

# How alike two titles must be (difflib's ratio, 0 to 1) for the form to ask "is this a duplicate?".
# 0.85 catches a title retyped with a word added or changed, and leaves related but different results alone.
SIMILAR_TITLE_RATIO = 0.85
_NOT_A_WORD_CHARACTER = re.compile(r"[\W_]+")


def achievement_list_for_user(*, user) -> QuerySet[Achievement]:
    """Published results of every university, plus an officer's own university's drafts; staff see all."""
    queryset = Achievement.objects.select_related("university", "team")
    if user_has_role(user, STAFF_ROLES):
        return queryset
    visible = Q(status__in=PUBLIC_STATUSES)
    university = university_of_user(user=user)
    if university is not None:
        visible |= Q(university=university)
    return queryset.filter(visible)


def achievement_statuses_visible_to(*, user) -> tuple[str, ...]:
    """The statuses a user can ever see: the status filter offers only these."""
    if user_has_role(user, STAFF_ROLES) or university_of_user(user=user) is not None:
        return tuple(AchievementStatus.values)
    return tuple(PUBLIC_STATUSES)


def achievement_editable_for_user(*, user) -> QuerySet[Achievement]:
    """Results the user may change: an officer's own university's; every one for admins; none for the rest.

    Edit pages look results up here, so another university's draft is a 404 and its existence stays hidden.
    """
    queryset = Achievement.objects.select_related("university", "team")
    if getattr(user, "is_portal_admin", False):
        return queryset
    university = university_of_user(user=user)
    return queryset.filter(university=university) if university is not None else queryset.none()


def achievement_user_can_edit(*, user, achievement: Achievement) -> bool:
    return user_can_edit_at(user=user, university=achievement.university)


def achievement_list_with_details(*, user) -> QuerySet[Achievement]:
    """The rows of the results list and its CSV: a fixed number of queries whatever the number of rows."""
    return (
        achievement_list_for_user(user=user)
        .prefetch_related("transfer_modes")
        .annotate(attachment_count=Count("attachments"))
        .order_by(*DEFAULT_SORT)
    )


def achievement_filter_for_user(*, user, data) -> AchievementFilter:
    """The results list filtered by `data` (the query string), limited to what the user may see."""
    return AchievementFilter(
        data,
        queryset=achievement_list_with_details(user=user),
        statuses=achievement_statuses_visible_to(user=user),
    )


def achievement_detail_for_user(*, user) -> QuerySet[Achievement]:
    return (
        achievement_list_for_user(user=user)
        .select_related("source_visit", "catalogued_by")
        .prefetch_related(
            "transfer_modes",
            Prefetch("attachments", queryset=Attachment.objects.select_related("uploaded_by")),
        )
    )


def achievement_source_visit_visible_to(*, user, achievement: Achievement) -> bool:
    """Visits belong to the university's pair: the link to the visit is shown only to those who can open it."""
    visit = achievement.source_visit
    return (
        visit is not None
        and visit.deleted_at is None
        and user_can_read_at(user=user, university=achievement.university)
    )


def attachment_for_user(*, user, achievement_pk: int, attachment_pk: int) -> QuerySet[Attachment]:
    """An attachment, found only through a result the user may see."""
    return Attachment.objects.filter(
        pk=attachment_pk, achievement__in=achievement_list_for_user(user=user).filter(pk=achievement_pk)
    )


def _normalised_title(title: str) -> str:
    return _NOT_A_WORD_CHARACTER.sub("", title.casefold())


def achievement_similar_titles(
    *, university, title: str, exclude_pk: int | None = None, limit: int = 5
) -> list[Achievement]:
    """Results of the same university whose title is very close to `title`, closest first.

    Titles are compared without case, spaces or punctuation. The cheap upper bounds of
    SequenceMatcher rule out most titles before the full comparison runs.
    """
    wanted = _normalised_title(title)
    if not wanted:
        return []
    candidates = Achievement.objects.filter(university=university).only("id", "title", "status")
    if exclude_pk is not None:
        candidates = candidates.exclude(pk=exclude_pk)
    matcher = SequenceMatcher(autojunk=False)
    matcher.set_seq2(wanted)
    close = []
    for candidate in candidates.iterator(chunk_size=1000):
        matcher.set_seq1(_normalised_title(candidate.title))
        if (
            matcher.real_quick_ratio() >= SIMILAR_TITLE_RATIO
            and matcher.quick_ratio() >= SIMILAR_TITLE_RATIO
            and (ratio := matcher.ratio()) >= SIMILAR_TITLE_RATIO
        ):
            close.append((ratio, candidate))
    close.sort(key=lambda pair: (-pair[0], pair[1].pk))
    return [candidate for _ratio, candidate in close[:limit]]


def achievement_newest_at(*, university, limit: int = 6) -> QuerySet[Achievement]:
    return (
        Achievement.objects.filter(university=university)
        .exclude(status=AchievementStatus.WITHDRAWN)
        .select_related("team")
        .order_by("-created_at")[:limit]
    )
