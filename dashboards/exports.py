"""Excel downloads of the dashboard's tables: one sheet per table, UTF-8 text, no cell run as a formula."""

import io
import re
from decimal import Decimal

from django.http import HttpResponse
from openpyxl import Workbook
from openpyxl.styles import Font

from core.csv_export import neutralise

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _cell(value):
    # Numbers stay numbers so Excel can sum them; text gets the same guard as the CSV export.
    if isinstance(value, int | float | Decimal):
        return value
    return neutralise(value)


def _sheet_title(title: str, used: set[str]) -> str:
    base = re.sub(r"[\[\]:*?/\\]", " ", title)[:28] or "Sheet"
    name, n = base, 2
    while name in used:
        name, n = f"{base} {n}", n + 1
    used.add(name)
    return name


def xlsx_bytes(tables) -> bytes:
    workbook = Workbook()
    workbook.remove(workbook.active)
    used: set[str] = set()
    for table in tables:
        sheet = workbook.create_sheet(_sheet_title(table.title, used))
        sheet.append([neutralise(column) for column in table.columns])
        for cell in sheet[1]:
            cell.font = Font(bold=True)
        for row in table.rows:
            sheet.append([_cell(value) for value in row])
        if table.note:
            sheet.append([])
            sheet.append([neutralise(table.note)])
        sheet.column_dimensions["A"].width = 36
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()


def xlsx_response(*, filename: str, tables) -> HttpResponse:
    response = HttpResponse(xlsx_bytes(tables), content_type=XLSX)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response
