"""Korean ships complete: every message in the catalogue is translated, and the compiled
.mo (committed, since a fresh machine has no gettext) matches the .po."""
import gettext
import re
from pathlib import Path

LOCALE = Path(__file__).resolve().parents[2] / "locale" / "ko" / "LC_MESSAGES"


def _unquote(block: str) -> str:
    return "".join(re.findall(r'"((?:[^"\\]|\\.)*)"', block)).encode().decode("unicode_escape").encode("latin-1").decode()


def po_entries():
    text = (LOCALE / "django.po").read_text()
    for block in text.split("\n\n")[1:]:
        fuzzy = "#, fuzzy" in block or ", fuzzy" in block
        msgid = re.search(r'^msgid ((?:".*"\n?)+)', block, re.M)
        if not msgid:
            continue
        plural = "msgid_plural" in block
        msgstr = re.search(r'^msgstr(?:\[0\])? ((?:".*"\n?)+)', block, re.M)
        yield _unquote(msgid.group(1)), _unquote(msgstr.group(1)) if msgstr else "", fuzzy, plural


def test_every_message_is_translated():
    entries = list(po_entries())
    assert len(entries) > 300
    missing = [msgid for msgid, msgstr, fuzzy, _ in entries if not msgstr or fuzzy]
    assert not missing, missing


def test_compiled_catalogue_matches_the_po():
    with open(LOCALE / "django.mo", "rb") as handle:
        catalogue = gettext.GNUTranslations(handle)
    for msgid, msgstr, _, plural in po_entries():
        if not plural:
            assert catalogue.gettext(msgid) == msgstr, msgid
