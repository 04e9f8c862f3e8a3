"""Importing past deals from the bureau's spreadsheets (CSV or Excel .xlsx).

Two steps: `parse_deal_file` reads the file into rows (each with its line number in the sheet), and
`deal_import` runs every row through the deal services inside one transaction. The preview runs it and
rolls back; the confirmation runs it again and keeps it only if every row passed. Errors name the line.
"""

import csv
import datetime
import io
import re
from dataclasses import dataclass, field

from django.core.exceptions import PermissionDenied, ValidationError
from django.db import transaction
from django.db.models import Q
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from achievements.models import Achievement
from core.choices import TransferMode
from deals.models import Deal, DealStage, Landing, MatchmakingEvent
from deals.services import _clean_amount, deal_record_past
from requests.models import Enterprise
from universities.models import University

MAX_ROWS = 2000
MAX_BYTES = 2 * 1024 * 1024

# (key, header in the template); a header is recognised by its Chinese or English part, any case.
COLUMNS = [
    ("university", gettext_lazy("University"), "高校 University"),
    ("result", gettext_lazy("Research result"), "成果名称 Research result"),
    ("enterprise", gettext_lazy("Enterprise"), "企业名称或统一社会信用代码 Enterprise"),
    ("mode", gettext_lazy("Transfer mode"), "转化方式 Transfer mode"),
    ("amount_wan", gettext_lazy("Amount (10k yuan)"), "金额（万元） Amount (10k yuan)"),
    ("signed_on", gettext_lazy("Signed on"), "签约日期 Signed on"),
    ("landing", gettext_lazy("Lands in"), "落地 Lands in"),
    ("registration_number", gettext_lazy("Contract registration number"), "合同登记号 Registration number"),
    ("stage", gettext_lazy("Stage"), "阶段 Stage"),
    ("event", gettext_lazy("Session"), "对接活动 Session"),
]
REQUIRED = ("result", "enterprise", "mode", "amount_wan", "signed_on", "landing")
TEMPLATE_EXAMPLE = [
    "武汉大学",
    "直播低延迟音视频编码算法",
    "武汉斗鱼网络科技有限公司",
    "许可 Licence",
    "450.00",
    "2020-11-23",
    "武汉 Wuhan",
    "",
    "签约 Contract signed",
    "斗鱼直播专场对接会",
]
# Words the bureau's sheets use besides the portal's own labels.
EXTRA_ALIASES = {
    "landing": {"湖北": "hubei", "湖北省内": "hubei", "省内": "hubei", "省外": "outside", "outside": "outside"},
    "mode": {"技术转让": "assignment", "专利转让": "assignment", "技术许可": "licence", "专利许可": "licence",
             "license": "licence", "入股": "equity"},
}  # fmt: skip
_DATE = re.compile(r"^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$")


def template_header() -> list[str]:
    return [header for _key, _label, header in COLUMNS]


@dataclass
class ImportRow:
    line: int
    values: dict[str, str]
    errors: list[str] = field(default_factory=list)


@dataclass
class ImportReport:
    rows: list[ImportRow]
    saved: bool = False

    @property
    def error_count(self) -> int:
        return sum(1 for row in self.rows if row.errors)

    @property
    def is_valid(self) -> bool:
        return bool(self.rows) and self.error_count == 0


# -- reading the file ----------------------------------------------------------------------------


def _normal(text) -> str:
    return re.sub(r"[\s（）()]+", "", str(text or "")).casefold()


def _header_aliases() -> dict[str, str]:
    aliases = {}
    for key, label, header in COLUMNS:
        aliases[_normal(header)] = key
        aliases[_normal(key)] = key
        for part in header.split(" ", 1):
            aliases[_normal(part)] = key
        for language in ("en", "zh-hans"):
            with translation.override(language):
                aliases[_normal(str(label))] = key
    return aliases


def _cell(value) -> str:
    if value is None:
        return ""
    if isinstance(value, datetime.datetime):
        return value.date().isoformat()
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _read_csv(data: bytes) -> list[list[str]]:
    for encoding in ("utf-8-sig", "gb18030"):  # Excel in China saves CSV in GB18030 unless told otherwise
        try:
            text = data.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ValidationError(_("The file is not readable text; save it as CSV (UTF-8) or Excel (.xlsx)."))
    return [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text))]


def _read_xlsx(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds of errors for a damaged or foreign file
        raise ValidationError(_("This Excel file cannot be read; save it again as .xlsx.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [[_cell(value) for value in row] for row in sheet.iter_rows(values_only=True)]
    finally:
        workbook.close()


def parse_deal_file(*, name: str, data: bytes) -> list[ImportRow]:
    """The rows of an uploaded sheet, keyed by column, each with its line number (the header is line 1)."""
    if len(data) > MAX_BYTES:
        raise ValidationError(_("The file is larger than 2 MB; split it into several files."))
    lower = name.lower()
    if lower.endswith(".xlsx"):
        table = _read_xlsx(data)
    elif lower.endswith(".csv"):
        table = _read_csv(data)
    else:
        raise ValidationError(_("Upload a CSV file or an Excel (.xlsx) file."))
    if not table or not any(table[0]):
        raise ValidationError(_("The file is empty; start from the template."))
    aliases = _header_aliases()
    keys = [aliases.get(_normal(header)) for header in table[0]]
    missing = [str(label) for key, label, _header in COLUMNS if key in REQUIRED and key not in keys]
    if missing:
        raise ValidationError(
            _("These columns are missing: %(columns)s. Start from the template.") % {"columns": "、".join(missing)}
        )
    rows = []
    for line, cells in enumerate(table[1:], start=2):
        if not any(cells):
            continue  # blank lines between blocks are common in hand-kept sheets
        values = {key: cells[index] if index < len(cells) else "" for index, key in enumerate(keys) if key}
        rows.append(ImportRow(line=line, values=values))
    if len(rows) > MAX_ROWS:
        raise ValidationError(_("At most %(limit)d deals per file.") % {"limit": MAX_ROWS})
    if not rows:
        raise ValidationError(_("The file has no deals below its header line."))
    return rows


# -- checking and saving -------------------------------------------------------------------------


def _choice_aliases(choices, extra: dict[str, str] | None = None) -> dict[str, str]:
    aliases = {_normal(word): value for word, value in (extra or {}).items()}
    for value, label in choices.choices:
        aliases[_normal(value)] = value
        for language in ("en", "zh-hans"):
            with translation.override(language):
                aliases[_normal(str(label))] = value
    return aliases


def _parse_choice(raw: str, aliases: dict[str, str]) -> str | None:
    if _normal(raw) in aliases:
        return aliases[_normal(raw)]
    for part in raw.split():  # "许可 Licence", as in the template
        if _normal(part) in aliases:
            return aliases[_normal(part)]
    return None


def _parse_date(raw: str) -> datetime.date | None:
    match = _DATE.match(raw.strip())
    if not match:
        return None
    try:
        return datetime.date(*(int(part) for part in match.groups()))
    except ValueError:
        return None


class _RowError(Exception):
    def __init__(self, messages: list[str]):
        self.messages = messages


def _resolve(values: dict[str, str]) -> dict:
    """The row's values turned into the services' arguments; every problem of the row at once."""
    values = {key: (value or "").strip() for key, value in values.items()}
    errors = []
    for key in REQUIRED:
        if not values.get(key):
            label = next(str(label) for column, label, _header in COLUMNS if column == key)
            errors.append(_("%(column)s is empty.") % {"column": label})
    university = achievement = enterprise = mode = landing = signed_on = amount = event = None
    if values.get("university"):
        name = values["university"]
        university = University.objects.filter(Q(name_zh=name) | Q(name_en__iexact=name) | Q(short_name=name)).first()
        if university is None:
            errors.append(_("No university is called “%(name)s”.") % {"name": name})
    if values.get("result"):
        results = Achievement.objects.filter(title=values["result"])
        if university is not None:
            results = results.filter(university=university)
        found = list(results[:2])
        if not found:
            errors.append(_("No research result is titled “%(title)s”.") % {"title": values["result"]})
        elif len(found) > 1:
            errors.append(_("Several results have this title; name the university."))
        else:
            achievement = found[0]
    if values.get("enterprise"):
        key = values["enterprise"]
        enterprise = Enterprise.objects.filter(Q(credit_code=key.upper()) | Q(name=key)).first()
        if enterprise is None:
            errors.append(_("No registered enterprise has the name or credit code “%(key)s”.") % {"key": key})
    if values.get("mode"):
        mode = _parse_choice(values["mode"], _choice_aliases(TransferMode, EXTRA_ALIASES["mode"]))
        if mode is None:
            errors.append(_("Unknown transfer mode “%(value)s”.") % {"value": values["mode"]})
    if values.get("amount_wan"):
        try:
            amount = _clean_amount(values["amount_wan"])
        except ValidationError as error:
            errors.extend(_messages(error))
    if values.get("signed_on"):
        signed_on = _parse_date(values["signed_on"])
        if signed_on is None:
            errors.append(
                _("The signing date “%(value)s” is not a date like 2020-11-23.") % {"value": values["signed_on"]}
            )
    if values.get("landing"):
        landing = _parse_choice(values["landing"], _choice_aliases(Landing, EXTRA_ALIASES["landing"]))
        if landing is None:
            errors.append(
                _("Unknown landing “%(value)s”: write Wuhan, Hubei or outside Hubei.") % {"value": values["landing"]}
            )
    stage = DealStage.SIGNED
    if values.get("stage"):
        stage = _parse_choice(values["stage"], _choice_aliases(DealStage))
        if stage not in (DealStage.SIGNED, DealStage.REGISTERED, DealStage.IMPLEMENTED):
            errors.append(_("Only signed, registered or implemented deals can be imported."))
    if values.get("event"):
        event = MatchmakingEvent.objects.filter(name=values["event"]).order_by("-held_on").first()
        if event is None:
            errors.append(_("No matchmaking session is called “%(name)s”.") % {"name": values["event"]})
    if errors:
        raise _RowError(errors)
    if Deal.objects.filter(
        achievement=achievement, enterprise=enterprise, signed_on=signed_on, amount_wan=amount
    ).exists():
        raise _RowError([_("This deal is already recorded in the portal.")])
    return {
        "achievement": achievement,
        "enterprise": enterprise,
        "mode": mode,
        "amount_wan": amount,
        "signed_on": signed_on,
        "landing": landing,
        "registration_number": values.get("registration_number") or None,
        "implemented": stage == DealStage.IMPLEMENTED,
        "event": event,
    }


def _messages(error: ValidationError) -> list[str]:
    if hasattr(error, "error_dict"):
        return [message for messages in error.message_dict.values() for message in messages]
    return list(error.messages)


def deal_import(*, user, rows: list[ImportRow], commit: bool) -> ImportReport:
    """Run every row through the deal services in one transaction; keep it only if `commit` and all passed.

    Each row runs in its own savepoint, so one bad row is reported and the next rows are still checked
    against what the good rows before them did (a result assigned twice in one file is caught).
    """
    for row in rows:
        row.errors = []
    with transaction.atomic():
        for row in rows:
            try:
                with transaction.atomic():
                    deal_record_past(user=user, **_resolve(row.values))
            except _RowError as error:
                row.errors = error.messages
            except ValidationError as error:
                row.errors = _messages(error)
            except PermissionDenied:
                raise
        report = ImportReport(rows=rows)
        if not (commit and report.is_valid):
            transaction.set_rollback(True)
        else:
            report.saved = True
    return report
