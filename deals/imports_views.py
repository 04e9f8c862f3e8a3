"""Pages of the past-deal import: upload, preview with row errors, confirm; and the template files."""

import io
import uuid

from django import forms
from django.contrib import messages
from django.core.exceptions import ValidationError
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views.decorators.http import require_POST

from accounts.access import STAFF_ROLES, role_required
from core.csv_export import csv_response
from deals.imports import TEMPLATE_EXAMPLE, ImportRow, deal_import, parse_deal_file, template_header

SESSION_KEY = "deal_import"


class UploadForm(forms.Form):
    file = forms.FileField(
        label=gettext_lazy("Spreadsheet (CSV or Excel .xlsx)"),
        widget=forms.ClearableFileInput(attrs={"accept": ".csv,.xlsx"}),
    )


def _preview(request, form, report=None, token="", status=200):
    context = {"form": form, "report": report, "token": token, "columns": template_header()}
    return render(request, "deals/import.html", context, status=status)


@role_required(*STAFF_ROLES)
def import_upload(request):
    form = UploadForm(request.POST or None, request.FILES or None)
    if request.method != "POST" or not form.is_valid():
        return _preview(request, form, status=400 if request.method == "POST" else 200)
    upload = form.cleaned_data["file"]
    try:
        rows = parse_deal_file(name=upload.name, data=upload.read())
    except ValidationError as error:
        form.add_error("file", error)
        return _preview(request, form, status=400)
    report = deal_import(user=request.user, rows=rows, commit=False)
    token = ""
    if report.is_valid:
        # What the confirmation saves is exactly what was previewed: the rows, not a second upload.
        token = uuid.uuid4().hex
        request.session[SESSION_KEY] = {"token": token, "rows": [[row.line, row.values] for row in rows]}
    return _preview(request, UploadForm(), report, token, status=200 if report.is_valid else 400)


@require_POST
@role_required(*STAFF_ROLES)
def import_confirm(request):
    stored = request.session.get(SESSION_KEY) or {}
    if not stored or stored.get("token") != request.POST.get("token"):
        messages.error(request, _("This preview has expired; upload the file again."))
        return redirect("deals:import")
    rows = [ImportRow(line=line, values=values) for line, values in stored["rows"]]
    report = deal_import(user=request.user, rows=rows, commit=True)
    if not report.saved:
        # Something changed between preview and confirmation (another import, a result transferred).
        return _preview(request, UploadForm(), report, status=400)
    del request.session[SESSION_KEY]
    messages.success(request, _("%(count)d deals imported.") % {"count": len(rows)})
    return redirect("deals:deal_list")


@role_required(*STAFF_ROLES)
def import_template(request, kind):
    if kind not in ("csv", "xlsx"):
        raise Http404
    if kind == "csv":
        return csv_response(filename="deals-template.csv", header=template_header(), rows=[TEMPLATE_EXAMPLE])
    from openpyxl import Workbook

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "deals"
    sheet.append(template_header())
    sheet.append(TEMPLATE_EXAMPLE)
    for column in "ABCDEFGHIJ":
        sheet.column_dimensions[column].width = 24
    buffer = io.BytesIO()
    workbook.save(buffer)
    response = HttpResponse(
        buffer.getvalue(), content_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    )
    response["Content-Disposition"] = 'attachment; filename="deals-template.xlsx"'
    return response
