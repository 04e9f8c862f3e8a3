from django import forms
from django.utils.translation import gettext_lazy as _


class LookupSelectMultiple(forms.SelectMultiple):
    """A multiple select that renders only the chosen options; the rest are found by typing.

    static/js/lookup.js turns it into a search-as-you-type box (Tom Select) that asks
    `lookup_url` for matches, so a list of thousands never reaches the page.
    """

    def __init__(self, *, lookup_url: str, create_modal: str = "", attrs=None):
        attrs = {
            "data-lookup-url": lookup_url,
            "data-create-label": _("Add new:"),
            "data-no-results": _("Nothing found"),
            "data-remove-label": _("Remove"),
            **(attrs or {}),
        }
        if create_modal:
            attrs["data-create-modal"] = create_modal
        super().__init__(attrs=attrs)


def render_only_chosen(field: forms.ModelMultipleChoiceField, chosen) -> None:
    """Give the widget just the chosen rows; validation still uses the field's full, scoped queryset."""
    ids = [value for value in (chosen or []) if str(value).isdigit()]
    field.widget.choices = [(obj.pk, str(obj)) for obj in field.queryset.filter(pk__in=ids)]


class LookupSelect(forms.Select):
    """The single-choice twin of `LookupSelectMultiple`: one row, found by typing (static/js/lookup.js)."""

    def __init__(self, *, lookup_url: str, attrs=None):
        attrs = {
            "data-lookup-url": lookup_url,
            "data-no-results": _("Nothing found"),
            "data-remove-label": _("Remove"),
            **(attrs or {}),
        }
        super().__init__(attrs=attrs)


def render_only_chosen_one(field: forms.ModelChoiceField, chosen) -> None:
    """`render_only_chosen` for a single choice, keeping the empty option so nothing is pre-selected."""
    ids = [chosen] if chosen not in (None, "") and str(chosen).isdigit() else []
    field.widget.choices = [("", "—")] + [(obj.pk, str(obj)) for obj in field.queryset.filter(pk__in=ids)]
