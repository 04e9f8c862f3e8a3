from django import template

register = template.Library()


@register.filter
def cell(value) -> str:
    """A figure exactly as the CSV writes it (no locale grouping), so the page and the file agree; a dash for
    a figure that cannot be computed (a rate with nothing to divide)."""
    return "—" if value is None else str(value)


@register.filter
def sort_value(value) -> str:
    return "" if value is None else str(value)


@register.filter
def get(mapping, key):
    return mapping[key]
