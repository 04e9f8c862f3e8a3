import re
import unicodedata
from collections.abc import Sequence
from decimal import Decimal
from pathlib import PurePath

from django.core.exceptions import PermissionDenied, ValidationError
from django.core.files.uploadedfile import UploadedFile
from django.db import transaction
from django.utils import timezone
from django.utils.translation import gettext as _

from achievements.models import Achievement, AchievementSearchTerm, AchievementStatus, Attachment
from achievements.selectors import PUBLIC_STATUSES, achievement_similar_titles
from achievements.validators import attachment_content_types
from core.search import search_index
from universities.selectors import user_can_edit_at

MAX_ATTACHMENTS = 20
_KEYWORD_SEPARATORS = re.compile(r"[,，、;；]+")
# Fields checked by the services themselves (who may use them) rather than by `full_clean`.
_CHECKED_BY_SERVICE = {"university", "team", "catalogued_by", "source_visit"}


class PossibleDuplicate(ValidationError):
    """The title is very close to results the university already has; `similar` lists them.

    The form shows them and asks the officer to confirm; nothing is saved until they do.
    """

    def __init__(self, similar: list[Achievement]):
        super().__init__(
            _("This title is very close to results your university already has. Check them before saving."),
            code="possible_duplicate",
        )
        self.similar = similar


# -- rules shared by create and update ----------------------------------------------------------


def _check_can_edit(*, user, university) -> None:
    if not user_can_edit_at(user=user, university=university):
        raise PermissionDenied(_("Only the liaison officers of this university can change its results."))


def _normalise_keywords(keywords: str) -> str:
    """'电池，储能、 battery' → '电池, 储能, battery': one separator, no blanks, no repeats."""
    words = [word.strip() for word in _KEYWORD_SEPARATORS.split(keywords or "")]
    return ", ".join(dict.fromkeys(word for word in words if word))


def _check_team(*, team, university) -> None:
    if team is not None and team.university_id != university.pk:
        raise ValidationError({"team": _("This research team belongs to another university.")})


def _check_source_visit(*, visit, university) -> None:
    if visit is not None and (visit.university_id != university.pk or visit.deleted_at is not None):
        raise ValidationError({"source_visit": _("A result can only be catalogued from a visit to its university.")})


def _check_publishable(*, transfer_modes) -> None:
    if not list(transfer_modes):
        raise ValidationError({"transfer_modes": _("Choose at least one transfer mode before publishing.")})


def _check_attachments(*, achievement: Achievement | None, uploads: Sequence[UploadedFile]) -> list[str]:
    """Every upload's checked content type; one error per bad file, all of them at once."""
    existing = achievement.attachments.count() if achievement is not None and achievement.pk else 0
    if existing + len(uploads) > MAX_ATTACHMENTS:
        raise ValidationError(
            {"attachments": _("A result can have at most %(limit)d attachments.") % {"limit": MAX_ATTACHMENTS}}
        )
    try:
        return attachment_content_types(uploads)
    except ValidationError as error:
        raise ValidationError({"attachments": error.messages}) from error


def _check_not_duplicate(*, university, title: str, exclude_pk: int | None = None) -> None:
    similar = achievement_similar_titles(university=university, title=title, exclude_pk=exclude_pk)
    if similar:
        raise PossibleDuplicate(similar)


def _apply_fields(achievement: Achievement, **fields) -> None:
    for name, value in fields.items():
        setattr(achievement, name, value)
    achievement.keywords = _normalise_keywords(achievement.keywords)
    achievement.full_clean(exclude=_CHECKED_BY_SERVICE, validate_unique=False)


def achievement_search_text(achievement: Achievement) -> str:
    """Everything a result is found by: title, abstract, keywords, team name and patent numbers."""
    team_name = achievement.team.name if achievement.team_id else ""
    parts = [achievement.title, achievement.abstract, achievement.keywords, team_name, achievement.patent_numbers]
    return "\n".join(part for part in parts if part)


@transaction.atomic
def achievement_reindex(*, achievement: Achievement) -> None:
    """Rebuild the stored search terms of one result."""
    search_index(term_model=AchievementSearchTerm, document=achievement, text=achievement_search_text(achievement))


# -- results -------------------------------------------------------------------------------------


@transaction.atomic
def achievement_create(
    *,
    user,
    university,
    title: str,
    abstract: str,
    field: str,
    trl: int,
    ip_type: str,
    language: str = "zh",
    keywords: str = "",
    patent_numbers: str = "",
    asking_price_wan: Decimal | None = None,
    team=None,
    transfer_modes=(),
    source_visit=None,
    attachments: Sequence[UploadedFile] = (),
    publish: bool = False,
    allow_duplicate: bool = False,
) -> Achievement:
    """Catalogue a result at `university` as a draft, or published at once if `publish`.

    Refuses, before anything is written: a user who may not edit at the university, a team or
    visit of another university, attachments that are not PDF/PNG/JPEG or too large, publishing
    without a transfer mode, and (unless `allow_duplicate`) a title very close to an existing one.
    """
    _check_can_edit(user=user, university=university)
    _check_team(team=team, university=university)
    _check_source_visit(visit=source_visit, university=university)
    if publish:
        _check_publishable(transfer_modes=transfer_modes)
    content_types = _check_attachments(achievement=None, uploads=attachments)
    achievement = Achievement(university=university, catalogued_by=user, source_visit=source_visit, team=team)
    _apply_fields(
        achievement,
        title=title,
        abstract=abstract,
        field=field,
        trl=trl,
        ip_type=ip_type,
        language=language,
        keywords=keywords,
        patent_numbers=patent_numbers,
        asking_price_wan=asking_price_wan,
    )
    if not allow_duplicate:
        _check_not_duplicate(university=university, title=achievement.title)
    achievement._history_user = user
    achievement.save()
    achievement.transfer_modes.set(transfer_modes)
    achievement_reindex(achievement=achievement)
    for upload, content_type in zip(attachments, content_types, strict=True):
        _attachment_save(achievement=achievement, user=user, upload=upload, content_type=content_type)
    if publish:
        achievement = achievement_publish(achievement=achievement)
    return achievement


@transaction.atomic
def achievement_update(
    *,
    achievement: Achievement,
    user,
    title: str,
    abstract: str,
    field: str,
    trl: int,
    ip_type: str,
    language: str = "zh",
    keywords: str = "",
    patent_numbers: str = "",
    asking_price_wan: Decimal | None = None,
    team=None,
    transfer_modes=(),
    attachments: Sequence[UploadedFile] = (),
    publish: bool = False,
    allow_duplicate: bool = False,
) -> Achievement:
    """Change a result's fields (and add attachments); the duplicate check runs only when the title changes.

    A published result must keep at least one transfer mode; a transferred result is final and
    cannot be changed.
    """
    achievement = Achievement.objects.select_for_update().select_related("university").get(pk=achievement.pk)
    _check_can_edit(user=user, university=achievement.university)
    if achievement.status == AchievementStatus.TRANSFERRED:
        raise ValidationError(_("A transferred result is final and can no longer be changed."), code="final")
    _check_team(team=team, university=achievement.university)
    if publish or achievement.status in PUBLIC_STATUSES:
        _check_publishable(transfer_modes=transfer_modes)
    content_types = _check_attachments(achievement=achievement, uploads=attachments)
    old_title = achievement.title
    achievement.team = team
    _apply_fields(
        achievement,
        title=title,
        abstract=abstract,
        field=field,
        trl=trl,
        ip_type=ip_type,
        language=language,
        keywords=keywords,
        patent_numbers=patent_numbers,
        asking_price_wan=asking_price_wan,
    )
    title_changed = _normalised(achievement.title) != _normalised(old_title)
    if title_changed and not allow_duplicate:
        _check_not_duplicate(university=achievement.university, title=achievement.title, exclude_pk=achievement.pk)
    achievement._history_user = user
    achievement.save()
    achievement.transfer_modes.set(transfer_modes)
    achievement_reindex(achievement=achievement)
    for upload, content_type in zip(attachments, content_types, strict=True):
        _attachment_save(achievement=achievement, user=user, upload=upload, content_type=content_type)
    if publish and achievement.status == AchievementStatus.DRAFT:
        achievement = achievement_publish(achievement=achievement)
    return achievement


def _normalised(title: str) -> str:
    return " ".join(title.split()).casefold()


@transaction.atomic
def achievement_publish(*, achievement: Achievement) -> Achievement:
    """Make a draft readable by every logged-in user. It must offer at least one transfer mode."""
    _check_publishable(transfer_modes=achievement.transfer_modes.all())
    return achievement_transition(achievement=achievement, status=AchievementStatus.PUBLISHED)


@transaction.atomic
def achievement_withdraw(*, achievement: Achievement) -> Achievement:
    """Take a result off the lists. Its record and history stay; a withdrawn result can return to draft."""
    return achievement_transition(achievement=achievement, status=AchievementStatus.WITHDRAWN)


@transaction.atomic
def achievement_restore(*, achievement: Achievement) -> Achievement:
    """Bring a withdrawn result back as a draft, to be corrected and published again."""
    return achievement_transition(achievement=achievement, status=AchievementStatus.DRAFT)


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


# -- attachments ---------------------------------------------------------------------------------


def _clean_file_name(name: str) -> str:
    """The name the user's file had, without folders or control characters, for the download."""
    name = PurePath((name or "").replace("\\", "/")).name
    name = "".join(ch for ch in name if unicodedata.category(ch)[0] != "C").strip()
    return (name or "attachment")[-200:]


def _attachment_save(*, achievement: Achievement, user, upload: UploadedFile, content_type: str) -> Attachment:
    attachment = Attachment(
        achievement=achievement,
        original_name=_clean_file_name(upload.name),
        content_type=content_type,
        size=upload.size,
        uploaded_by=user,
    )
    attachment.file.save(upload.name, upload, save=False)
    attachment._history_user = user
    attachment.save()
    return attachment


@transaction.atomic
def attachment_add(*, achievement: Achievement, user, upload: UploadedFile) -> Attachment:
    """Attach one PDF, PNG or JPEG file (checked by its content, at most 10 MB) to a result."""
    achievement = Achievement.objects.select_for_update().select_related("university").get(pk=achievement.pk)
    _check_can_edit(user=user, university=achievement.university)
    (content_type,) = _check_attachments(achievement=achievement, uploads=[upload])
    return _attachment_save(achievement=achievement, user=user, upload=upload, content_type=content_type)


@transaction.atomic
def attachment_delete(*, attachment: Attachment, user) -> None:
    """Remove an attachment. The row's history keeps who removed what; the file goes once the change is saved."""
    _check_can_edit(user=user, university=attachment.achievement.university)
    storage, name = attachment.file.storage, attachment.file.name
    attachment._history_user = user
    attachment.delete()
    transaction.on_commit(lambda: storage.delete(name))
