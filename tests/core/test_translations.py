"""The Chinese UI is complete: no message is left untranslated, and the compiled catalogue is current."""

from pathlib import Path

import polib
from django.conf import settings

PO_FILE = Path(settings.BASE_DIR) / "locale" / "zh_Hans" / "LC_MESSAGES" / "django.po"


def test_every_chinese_message_is_translated_and_none_is_fuzzy():
    catalogue = polib.pofile(str(PO_FILE))
    assert [entry.msgid for entry in catalogue.untranslated_entries()] == []
    assert [entry.msgid for entry in catalogue.fuzzy_entries()] == []


def test_the_compiled_catalogue_matches_its_source():
    source = {(entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural for entry in polib.pofile(str(PO_FILE))}
    compiled = {
        (entry.msgctxt, entry.msgid): entry.msgstr or entry.msgstr_plural
        for entry in polib.mofile(str(PO_FILE.with_suffix(".mo")))
    }
    assert compiled == source, "run `make messages` to recompile the catalogue"
