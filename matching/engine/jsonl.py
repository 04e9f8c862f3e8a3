"""Reading achievements and needs from JSON Lines files (the `rank_matches` contract).

Every problem is reported with the file and the line number, and reading stops at the
first one: a bureau run on a half-read file would be silently wrong.
"""

import json
from pathlib import Path

from .types import TRANSFER_MODES, NeedDoc, ResultDoc

RESULT_FIELDS = ("id", "title", "abstract", "field", "university", "lang")
NEED_FIELDS = ("id", "title", "description", "industry", "lang", "budget_wan")


class InputError(ValueError):
    """A file the engine cannot use; the message names the file and line."""


def _records(path: Path, required: tuple[str, ...]):
    try:
        handle = path.open(encoding="utf-8")
    except OSError as error:
        raise InputError(f"{path}: cannot open the file ({error.strerror or error})") from error
    seen: dict[str, int] = {}
    with handle:
        try:
            lines = list(handle)
        except UnicodeDecodeError as error:
            raise InputError(f"{path}: the file is not UTF-8 text") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        where = f"{path}, line {number}"
        try:
            record = json.loads(line)
        except json.JSONDecodeError as error:
            raise InputError(f"{where}: invalid JSON ({error.msg})") from error
        if not isinstance(record, dict):
            raise InputError(f"{where}: expected a JSON object")
        missing = [name for name in required if name not in record]
        if missing:
            raise InputError(f"{where}: missing field(s) {', '.join(missing)}")
        if not isinstance(record["id"], str | int) or not str(record["id"]).strip():
            raise InputError(f"{where}: id must be a non-empty string")
        record_id = str(record["id"]).strip()
        if record_id in seen:
            raise InputError(f"{where}: duplicate id {record_id!r} (first on line {seen[record_id]})")
        seen[record_id] = number
        yield where, record_id, record


def _text(record: dict, name: str, where: str, *, required: bool = True) -> str:
    value = record.get(name)
    if value is None and not required:
        return ""
    if not isinstance(value, str):
        raise InputError(f"{where}: {name} must be text")
    if required and not value.strip():
        raise InputError(f"{where}: {name} is empty")
    return value.strip()


def _number(record: dict, name: str, where: str) -> float | None:
    value = record.get(name)
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float) or value < 0:
        raise InputError(f"{where}: {name} must be a non-negative number or null")
    return float(value)


def _modes(record: dict, name: str, where: str) -> tuple[str, ...]:
    value = record.get(name) or []
    if not isinstance(value, list) or any(mode not in TRANSFER_MODES for mode in value):
        raise InputError(f"{where}: {name} must be a list of {', '.join(TRANSFER_MODES)}")
    return tuple(value)


def _lang(record: dict, where: str) -> str:
    lang = _text(record, "lang", where)
    # Language tags such as zh-CN, zh-Hans or EN are accepted for the two languages we rank.
    for code in ("zh", "en"):
        if lang.lower() == code or lang.lower().startswith(code + "-") or lang.lower().startswith(code + "_"):
            return code
    raise InputError(f"{where}: lang must be 'zh' or 'en', not {lang!r}")


def read_results(path: str | Path) -> list[ResultDoc]:
    results = []
    for where, record_id, record in _records(Path(path), RESULT_FIELDS):
        keywords = record.get("keywords") or []
        if not isinstance(keywords, list) or not all(isinstance(k, str) for k in keywords):
            raise InputError(f"{where}: keywords must be a list of text")
        trl = record.get("trl")
        if trl is not None and (isinstance(trl, bool) or not isinstance(trl, int) or not 1 <= trl <= 9):
            raise InputError(f"{where}: trl must be a whole number from 1 to 9 or null")
        results.append(
            ResultDoc(
                id=record_id,
                title=_text(record, "title", where),
                abstract=_text(record, "abstract", where),
                keywords=tuple(k.strip() for k in keywords if k.strip()),
                field=_text(record, "field", where, required=False),
                university=_text(record, "university", where, required=False),
                lang=_lang(record, where),
                trl=trl,
                modes=_modes(record, "transfer_modes", where),
                asking_price_wan=_number(record, "asking_price_wan", where),
            )
        )
    return results


def read_needs(path: str | Path) -> list[NeedDoc]:
    needs = []
    for where, record_id, record in _records(Path(path), NEED_FIELDS):
        needs.append(
            NeedDoc(
                id=record_id,
                title=_text(record, "title", where),
                description=_text(record, "description", where),
                industry=_text(record, "industry", where, required=False),
                lang=_lang(record, where),
                budget_max_wan=_number(record, "budget_wan", where),
                modes=_modes(record, "preferred_modes", where),
            )
        )
    return needs


def read_qrels(path: str | Path) -> dict[str, dict[str, int]]:
    """`need_id<TAB>achievement_id<TAB>grade` lines; a header line is allowed."""
    qrels: dict[str, dict[str, int]] = {}
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot open the file ({error.strerror or error})") from error
    for number, line in enumerate(lines, start=1):
        parts = line.split("\t")
        if not line.strip() or (number == 1 and not parts[-1].strip().lstrip("-").isdigit()):
            continue
        if len(parts) != 3 or not parts[2].strip().isdigit():
            raise InputError(f"{path}, line {number}: expected need_id<TAB>achievement_id<TAB>grade")
        qrels.setdefault(parts[0].strip(), {})[parts[1].strip()] = int(parts[2])
    return qrels


def read_run(path: str | Path) -> dict[str, list[str]]:
    """A `rank_matches` TSV: the achievements of each need in rank order."""
    ranked: dict[str, list[tuple[int, str]]] = {}
    path = Path(path)
    try:
        lines = path.read_text(encoding="utf-8").splitlines()
    except OSError as error:
        raise InputError(f"{path}: cannot open the file ({error.strerror or error})") from error
    for number, line in enumerate(lines, start=1):
        if not line.strip():
            continue
        parts = line.split("\t")
        if len(parts) != 4 or not parts[2].strip().isdigit():
            raise InputError(f"{path}, line {number}: expected need_id<TAB>achievement_id<TAB>rank<TAB>score")
        ranked.setdefault(parts[0], []).append((int(parts[2]), parts[1]))
    return {need: [doc for _, doc in sorted(rows)] for need, rows in ranked.items()}
