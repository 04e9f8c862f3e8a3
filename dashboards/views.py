from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import render
from django.utils.translation import get_language

from accounts.access import PORTAL_ROLES, STAFF_ROLES, role_required, user_has_role
from core.choices import Field
from core.csv_export import csv_response
from dashboards.charts import dashboard_charts
from dashboards.exports import xlsx_response
from dashboards.filters import DashboardFilter
from dashboards.links import deal_list_url
from dashboards.selectors import Scope, dashboard_figures, dashboard_universities_for_user
from dashboards.tables import dashboard_tables, percent
from deals.models import EventLevel
from universities.models import Centre


def _dashboard_filter(request) -> DashboardFilter:
    """The filters from the URL, scoped to the user: an officer's university is forced, another one is a 404."""
    allowed = dashboard_universities_for_user(user=request.user)
    if allowed is None:
        raise PermissionDenied
    data = request.GET.copy()
    if not user_has_role(request.user, STAFF_ROLES):
        own = allowed.get()
        if data.get("university") not in (None, "", str(own.pk)):
            raise Http404
        data["university"] = str(own.pk)
    filterset = DashboardFilter(data, queryset=allowed)
    filterset.filters["university"].queryset = allowed
    filterset.form.fields["university"].queryset = allowed
    return filterset


def _figures(filterset: DashboardFilter):
    start, end = filterset.period()
    valid = filterset.is_valid()
    scope = Scope(
        start=start,
        end=end,
        universities=filterset.qs if valid else filterset.queryset,
        field=(filterset.form.cleaned_data.get("field") or "") if valid else "",
    )
    figures = dashboard_figures(scope=scope)
    return scope, figures, dashboard_tables(figures)


@role_required(*PORTAL_ROLES)
def dashboard_index(request):
    filterset = _dashboard_filter(request)
    scope, figures, tables = _figures(filterset)
    by_key = {table.key: table for table in tables}
    cleaned = filterset.form.cleaned_data if filterset.is_valid() else {}
    return render(
        request,
        "dashboards/index.html",
        {
            "filter": filterset,
            "scope": scope,
            "figures": figures,
            "kpi": _kpi(figures),
            "tables": by_key,
            "plain_tables": ("results", "needs", "lead_times", "activity", "contracts_by_university"),
            "charts": dashboard_charts(by_key),
            "query": request.GET.urlencode(),
            "deal_links": deal_list_url() is not None,
            "selected_university": (
                cleaned["university"].display_name(get_language()) if cleaned.get("university") else ""
            ),
            "selected_field": Field(cleaned["field"]).label if cleaned.get("field") else "",
            "selected_centre": Centre(cleaned["centre"]).label if cleaned.get("centre") else "",
        },
    )


def _kpi(figures: dict) -> dict:
    """The headline numbers of the cards, derived from the same figures as the tables."""
    local = figures["local_rate"]
    wuhan, goal = percent(local["wuhan_rate"]), percent(local["goal"])
    levels = [
        {"label": EventLevel(row["level"]).label, "held": row["held"], "target": row["target"]}
        for row in figures["events"]["levels"]
    ]
    return {
        "wuhan": wuhan,
        "hubei": percent(local["hubei_rate"]),
        "goal": int(goal),
        "on_goal": wuhan is not None and wuhan >= goal,
        "wuhan_width": min(float(wuhan or 0), 100.0),
        "visits": sum(row["total"] for row in figures["activity"]["visits"]),
        "levels": levels,
        "events_held": sum(level["held"] for level in levels),
        "events_target": sum(level["target"] or 0 for level in levels),
    }


@role_required(*PORTAL_ROLES)
def dashboard_export(request, key: str, fmt: str):
    """One table (or, for Excel, `all` of them) for the same filters as the page."""
    filterset = _dashboard_filter(request)
    scope, _, tables = _figures(filterset)
    stem = f"dashboard-{scope.start:%Y%m%d}-{scope.end:%Y%m%d}"
    if key == "all" and fmt == "xlsx":
        return xlsx_response(filename=f"{stem}.xlsx", tables=tables)
    table = next((table for table in tables if table.key == key), None)
    if table is None:
        raise Http404
    if fmt == "csv":
        return csv_response(filename=f"{stem}-{key}.csv", header=table.columns, rows=table.rows)
    return xlsx_response(filename=f"{stem}-{key}.xlsx", tables=[table])
