"""CSV downloads that Excel opens correctly in Chinese and that cannot smuggle formulas."""

import csv
from collections.abc import Iterable
from decimal import Decimal

from django.http import StreamingHttpResponse

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value) -> str:
    if isinstance(value, int | float | Decimal):
        return str(value)  # a number is data, never a formula
    text = "" if value is None else str(value)
    return "'" + text if text.startswith(FORMULA_PREFIXES) else text


class _Echo:
    def write(self, value):
        return value


def csv_response(*, filename: str, header: list[str], rows: Iterable[Iterable]) -> StreamingHttpResponse:
    """Stream rows as UTF-8 CSV with a byte-order mark, every cell neutralised."""
    writer = csv.writer(_Echo())

    def lines():
        yield "\ufeff"
        yield writer.writerow([neutralise(cell) for cell in header])
        for row in rows:
            yield writer.writerow([neutralise(cell) for cell in row])

    response = StreamingHttpResponse(lines(), content_type="text/csv; charset=utf-8")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
