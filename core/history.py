"""The audit trail of a record, as people read it: who changed what, when, from what to what."""

import datetime
from dataclasses import dataclass, field

from django.utils import timezone
from django.utils.formats import date_format
from django.utils.translation import gettext_lazy as _

ACTIONS = {"+": _("created"), "~": _("changed"), "-": _("deleted")}


@dataclass
class HistoryEntry:
    when: object
    who: object
    action: str
    changes: list[tuple[str, object, object]] = field(default_factory=list)


def history_entries(record, *, limit: int = 30) -> list[HistoryEntry]:
    """The newest `limit` versions of `record`, each with the fields it changed."""
    versions = list(record.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    entries = []
    for newer, older in zip(versions, [*versions[1:], None], strict=False):
        changes = []
        if older is not None and newer.history_type == "~":
            for change in newer.diff_against(older).changes:
                model_field = record._meta.get_field(change.field)
                changes.append(
                    (model_field.verbose_name, _display(model_field, change.old), _display(model_field, change.new))
                )
        entries.append(HistoryEntry(newer.history_date, newer.history_user, ACTIONS[newer.history_type], changes))
    return entries[:limit]


def _display(model_field, value):
    if value in (None, ""):
        return "—"
    if isinstance(value, datetime.datetime):
        return date_format(timezone.localtime(value), "Y-m-d H:i")
    if isinstance(value, bool):
        return _("yes") if value else _("no")
    if model_field.many_to_one or model_field.one_to_one:
        # A person reads a name, not a row id; a row deleted since keeps its id.
        related = model_field.related_model._default_manager.filter(pk=value).first()
        return str(related) if related is not None else value
    choices = dict(model_field.flatchoices) if model_field.choices else None
    return choices.get(value, value) if choices else value
