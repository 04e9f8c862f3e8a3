"""The dashboard's figures for the city platform and for scripts: the same selector and tables as the page."""

import csv
import datetime
import json
import sys
from decimal import Decimal

from django.core.management.base import BaseCommand, CommandError
from django.utils import translation

from core.choices import Field
from core.csv_export import neutralise
from dashboards.selectors import Scope, dashboard_figures
from dashboards.tables import dashboard_tables
from universities.models import University


def _json_default(value):
    if isinstance(value, Decimal):
        return str(value)
    if isinstance(value, datetime.date):
        return value.isoformat()
    raise TypeError(f"not JSON serialisable: {value!r}")


class Command(BaseCommand):
    help = "Print the dashboard's figures for a year (or a date range) as JSON or CSV."

    def add_arguments(self, parser):
        parser.add_argument("--year", type=int, help="Calendar year (default: this year).")
        parser.add_argument("--from", dest="date_from", type=datetime.date.fromisoformat, help="Start date YYYY-MM-DD.")
        parser.add_argument("--to", dest="date_to", type=datetime.date.fromisoformat, help="End date YYYY-MM-DD.")
        parser.add_argument("--university", help="Slug of one university (default: all).")
        parser.add_argument("--field", choices=Field.values, help="One technology field (default: all).")
        parser.add_argument("--format", choices=("json", "csv"), default="json")
        parser.add_argument("--language", default="zh-hans", help="Language of the labels (zh-hans or en).")

    def handle(self, *args, **options):
        year = options["year"] or datetime.date.today().year
        start = options["date_from"] or datetime.date(year, 1, 1)
        end = options["date_to"] or datetime.date(year, 12, 31)
        if start > end:
            raise CommandError("--from must not be after --to.")
        universities = University.objects.all()
        if options["university"]:
            universities = universities.filter(slug=options["university"])
            if not universities.exists():
                raise CommandError(f"No university with the slug {options['university']!r}.")
        scope = Scope(start=start, end=end, universities=universities, field=options["field"] or "")
        with translation.override(options["language"]):
            tables = dashboard_tables(dashboard_figures(scope=scope))
            if options["format"] == "json":
                report = {
                    "period": {"start": start, "end": end},
                    "university": options["university"] or None,
                    "field": options["field"] or None,
                    "tables": {table.key: table.as_dict() for table in tables},
                }
                self.stdout.write(json.dumps(report, ensure_ascii=False, indent=2, default=_json_default))
            else:
                self._write_csv(tables)

    def _write_csv(self, tables):
        """One block per table: its key and title, its header, its rows, then a blank line."""
        writer = csv.writer(self.stdout if self.stdout else sys.stdout)
        for table in tables:
            writer.writerow([table.key, neutralise(table.title)])
            writer.writerow([neutralise(column) for column in table.columns])
            for row in table.rows:
                writer.writerow(["" if value is None else neutralise(value) for value in row])
            writer.writerow([])
