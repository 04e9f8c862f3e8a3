"""Chart specs for Chart.js, read from the same tables the page shows under each chart."""

import datetime

from django.utils import dateformat
from django.utils.translation import gettext as _

from dashboards.selectors import LOCAL_RATE_GOAL

# Okabe–Ito: tells colours apart for the common kinds of colour blindness, and prints legibly in grey.
BLUE, ORANGE, GREEN, SKY, VERMILLION, PURPLE = "#0072B2", "#E69F00", "#009E73", "#56B4E9", "#D55E00", "#CC79A7"
GOAL_PERCENT = float(LOCAL_RATE_GOAL * 100)


def _number(value):
    return None if value is None else float(value)


def _series(table, column: int, *, skip_last=False):
    rows = table.rows[:-1] if skip_last else table.rows
    return [_number(row[column]) for row in rows]


def _labels(table, *, skip_last=False):
    rows = table.rows[:-1] if skip_last else table.rows
    return [str(row[0]) for row in rows]


def _month_labels(keys: list[str]) -> list[str]:
    """Short month names (三月 / Mar) within one year; the table keeps the full YYYY-MM."""
    if len({key[:4] for key in keys}) != 1:
        return keys
    return [dateformat.format(datetime.date(int(key[:4]), int(key[5:7]), 1), "M") for key in keys]


def dashboard_charts(tables: dict) -> list[dict]:
    """One spec per chart: the table it draws, its kind, labels and datasets (the table's own columns)."""
    local, by_month = tables["local_rate"], tables["contracts_by_month"]
    universities, visits, levels = tables["universities"], tables["visits"], tables["events_by_level"]
    charts = [
        {
            "table": "local_rate",
            "type": "line",
            "percent": True,
            "goal": GOAL_PERCENT,
            "goal_label": _("Goal 80%"),
            "labels": _month_labels(_labels(local, skip_last=True)),
            "datasets": [
                {"label": local.columns[3], "data": _series(local, 3, skip_last=True), "color": BLUE},
                {"label": local.columns[5], "data": _series(local, 5, skip_last=True), "color": ORANGE},
            ],
        },
        {
            "table": "contracts_by_month",
            "type": "bar",
            "labels": _month_labels(_labels(by_month, skip_last=True)),
            "datasets": [
                {"label": by_month.columns[2], "data": _series(by_month, 2, skip_last=True), "color": BLUE},
                {
                    "label": by_month.columns[1],
                    "data": _series(by_month, 1, skip_last=True),
                    "color": ORANGE,
                    "type": "line",
                    "axis": "y2",
                },
            ],
        },
        {
            "table": "universities",
            "type": "bar",
            "horizontal": True,
            "percent": True,
            "goal": GOAL_PERCENT,
            "goal_label": _("Goal 80%"),
            "labels": _labels(universities),
            "datasets": [
                {"label": universities.columns[9], "data": _series(universities, 9), "color": BLUE},
                {"label": universities.columns[10], "data": _series(universities, 10), "color": ORANGE},
            ],
        },
        {
            "table": "visits",
            "type": "bar",
            "labels": _labels(visits),
            "datasets": [{"label": visits.columns[1], "data": _series(visits, 1), "color": GREEN}],
        },
        {
            "table": "events_by_level",
            "type": "bar",
            "labels": _labels(levels),
            "datasets": [
                {"label": levels.columns[1], "data": _series(levels, 1), "color": BLUE},
                {"label": levels.columns[2], "data": _series(levels, 2), "color": SKY},
            ],
        },
    ]
    for key, color in (("contracts_by_mode", PURPLE), ("contracts_by_field", VERMILLION)):
        table = tables[key]
        charts.append(
            {
                "table": key,
                "type": "bar",
                "horizontal": True,
                "labels": _labels(table),
                "datasets": [{"label": table.columns[2], "data": _series(table, 2), "color": color}],
            }
        )
    return charts
