"""The dashboard's figures as tables: what the page shows under each chart, what the CSV and Excel exports
hold and what `kpi_report` prints. One function builds them all from `dashboard_figures`, so the three agree.
"""

from dataclasses import dataclass, field
from decimal import Decimal

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from core.choices import Field, TransferMode
from dashboards.links import achievement_list_url, deal_list_url, visit_list_url
from deals.models import EventLevel


@dataclass
class Table:
    key: str
    title: str
    columns: list[str]
    rows: list[list] = field(default_factory=list)
    # The list behind each cell, where one exists (same shape as rows; None where there is no list).
    links: list[list] = field(default_factory=list)
    note: str = ""

    def linked_rows(self):
        """Rows of (value, url) pairs for the page."""
        for index, row in enumerate(self.rows):
            links = self.links[index] if index < len(self.links) else []
            yield [(value, links[column] if column < len(links) else None) for column, value in enumerate(row)]

    def as_dict(self) -> dict:
        return {"title": self.title, "columns": self.columns, "rows": self.rows}


def percent(share: Decimal | None) -> Decimal | None:
    """A share (0.333) as a percentage with one decimal (33.3); None stays None."""
    return None if share is None else (share * 100).quantize(Decimal("0.1"))


def _label(choices, key) -> str:
    try:
        return str(choices(key).label)
    except ValueError:
        return str(key)


def dashboard_tables(figures: dict) -> list[Table]:
    start, end = figures["period"]["start"], figures["period"]["end"]
    language = get_language()
    names = {row["university"].pk: row["university"].display_name(language) for row in figures["universities"]}
    tables = []

    local = figures["local_rate"]
    tables.append(
        Table(
            "local_rate",
            _("Local transformation rate by month"),
            [
                _("Month"),
                _("Results with a signed deal"),
                _("Of which in Wuhan"),
                _("Wuhan rate (%)"),
                _("Of which in Hubei"),
                _("Hubei rate (%)"),
            ],
            [
                [m["month"], m["results"], m["wuhan"], percent(m["wuhan_rate"]), m["hubei"], percent(m["hubei_rate"])]
                for m in local["months"]
            ]
            + [
                [
                    _("Whole period"),
                    local["results"],
                    local["wuhan"],
                    percent(local["wuhan_rate"]),
                    local["hubei"],
                    percent(local["hubei_rate"]),
                ]
            ],
        )
    )

    results, needs, lead = figures["results"], figures["needs"], figures["lead_times"]
    tables.append(
        Table(
            "results",
            _("Research results"),
            [_("Figure"), _("Count")],
            [
                [_("Catalogued in the period"), results["catalogued"]],
                [_("Published in the period"), results["published"]],
                [_("In negotiation now"), results["negotiating"]],
                [_("Transferred (assigned or equity) now"), results["transferred"]],
            ],
        )
    )
    tables.append(
        Table(
            "needs",
            _("Technology needs"),
            [_("Figure"), _("Count")],
            [
                [_("Submitted in the period"), needs["submitted"]],
                [_("Open now"), needs["open"]],
                [_("Matched now"), needs["matched"]],
                [_("Solved now"), needs["solved"]],
            ],
            note=_("Needs belong to enterprises: the university and centre filters do not narrow them."),
        )
    )
    tables.append(
        Table(
            "lead_times",
            _("Days from need approval"),
            [_("Until"), _("Needs"), _("Median days")],
            [
                [_("First forwarded result"), lead["to_forward"]["needs"], lead["to_forward"]["median_days"]],
                [_("First signed deal"), lead["to_signing"]["needs"], lead["to_signing"]["median_days"]],
            ],
            note=_("Needs approved in the period; the first forward is read from the match history."),
        )
    )

    contracts = figures["contracts"]
    money = [_("Contracts"), _("Amount (10k yuan)")]
    tables.append(
        Table(
            "contracts_by_month",
            _("Signed contracts by month"),
            [_("Month"), *money],
            [[row["key"], row["count"], row["amount"]] for row in contracts["by_month"]]
            + [[_("Whole period"), contracts["count"], contracts["amount"]]],
        )
    )
    tables.append(
        Table(
            "contracts_by_mode",
            _("Signed contracts by transfer mode"),
            [_("Transfer mode"), *money],
            [[_label(TransferMode, row["key"]), row["count"], row["amount"]] for row in contracts["by_mode"]],
            [
                [None, deal_list_url(mode=row["key"], signed_from=start, signed_to=end), None]
                for row in contracts["by_mode"]
            ],
        )
    )
    tables.append(
        Table(
            "contracts_by_field",
            _("Signed contracts by field"),
            [_("Field"), *money],
            [[_label(Field, row["key"]), row["count"], row["amount"]] for row in contracts["by_field"]],
            [
                [None, deal_list_url(field=row["key"], signed_from=start, signed_to=end), None]
                for row in contracts["by_field"]
            ],
        )
    )
    tables.append(
        Table(
            "contracts_by_university",
            _("Signed contracts by university"),
            [_("University"), *money],
            [[names.get(row["key"], row["key"]), row["count"], row["amount"]] for row in contracts["by_university"]],
            [
                [None, deal_list_url(university=row["key"], signed_from=start, signed_to=end), None]
                for row in contracts["by_university"]
            ],
        )
    )

    activity = figures["activity"]
    months = [m["month"] for m in local["months"]]
    tables.append(
        Table(
            "visits",
            _("Campus visits per liaison pair"),
            [_("Liaison pair"), _("Visits"), _("Per month"), *months],
            [
                [row["label"], row["total"], row["per_month"], *(row["months"][m] for m in months)]
                for row in activity["visits"]
            ],
            [
                [None, visit_list_url(university=row["university"], date_from=start, date_to=end)]
                + [None] * (1 + len(months))
                for row in activity["visits"]
            ],
        )
    )
    digest = activity["digest"]
    tables.append(
        Table(
            "activity",
            _("Follow-ups and digests"),
            [_("Figure"), _("Count")],
            [
                [_("Follow-ups overdue today"), activity["overdue_follow_ups"]],
                [_("Digest items in the period"), digest["items"]],
                [_("Digest items acted on"), digest["acted_on"]],
                [_("Digest items ignored"), digest["ignored"]],
            ],
            note=_("A digest item is acted on once its match is no longer only suggested."),
        )
    )

    events = figures["events"]
    tables.append(
        Table(
            "events_by_level",
            _("Matchmaking sessions against the yearly targets"),
            [_("Level"), _("Held"), _("Yearly target"), _("Share of target (%)")],
            [
                [
                    _label(EventLevel, row["level"]),
                    row["held"],
                    row["target"],
                    percent(Decimal(row["held"]) / row["target"]) if row["target"] else None,
                ]
                for row in events["levels"]
            ],
            note=_("Sessions are counted city-wide; the signings per session count the results in the filter."),
        )
    )
    tables.append(
        Table(
            "events",
            _("Signings per session"),
            [_("Session"), _("Date"), _("Level"), _("Signings"), _("Amount (10k yuan)")],
            [
                [
                    row["name"],
                    row["held_on"].isoformat(),
                    _label(EventLevel, row["level"]),
                    row["signings"],
                    row["amount"],
                ]
                for row in events["events"]
            ],
            [
                [None, None, None, deal_list_url(event=row["event"], signed_from=start, signed_to=end), None]
                for row in events["events"]
            ],
        )
    )

    plan_names = {
        "institutions": _("Demonstration tech-transfer service institutions (by 2020)"),
        "brokers": _("Professional technology brokers (by 2020)"),
    }
    tables.append(
        Table(
            "plan_targets",
            _("The 2018–2020 plan's other targets"),
            [_("Target"), _("Goal"), _("Figure in the portal")],
            [
                [plan_names[row["key"]], row["target"], row["value"] if row["value"] is not None else _("No data")]
                for row in figures["plan_targets"]
            ],
            note=_("The portal does not record these institutions or brokers, so it shows no figure for them."),
        )
    )

    uni_rows, uni_links = [], []
    for row in figures["universities"]:
        pk = row["university"].pk
        deals = {"university": pk, "signed_from": start, "signed_to": end}
        uni_rows.append(
            [
                names[pk],
                row["catalogued"],
                row["published"],
                row["negotiating"],
                row["transferred"],
                row["contracts"],
                row["amount"],
                row["results"],
                row["wuhan"],
                percent(row["wuhan_rate"]),
                percent(row["hubei_rate"]),
                row["visits"],
                row["overdue_follow_ups"],
                row["digest_acted_on"],
                row["digest_ignored"],
            ]
        )
        uni_links.append(
            [
                None,
                achievement_list_url(university=pk),
                achievement_list_url(university=pk, status="published"),
                achievement_list_url(university=pk, status="negotiating"),
                achievement_list_url(university=pk, status="transferred"),
                deal_list_url(**deals),
                None,
                deal_list_url(**deals),
                deal_list_url(**deals, landing="wuhan"),
                None,
                None,
                visit_list_url(university=pk, date_from=start, date_to=end),
                None,
                None,
                None,
            ]
        )
    tables.append(
        Table(
            "universities",
            _("By university"),
            [
                _("University"),
                _("Results catalogued"),
                _("Published"),
                _("In negotiation"),
                _("Transferred"),
                _("Contracts"),
                _("Amount (10k yuan)"),
                _("Results with a signed deal"),
                _("Of which in Wuhan"),
                _("Wuhan rate (%)"),
                _("Hubei rate (%)"),
                _("Visits"),
                _("Follow-ups overdue"),
                _("Digest items acted on"),
                _("Digest items ignored"),
            ],
            uni_rows,
            uni_links,
        )
    )
    return tables
