"""Pipeline exports as CSV and XLSX that are safe to open in a spreadsheet.

Text that a spreadsheet would run as a formula is neutralised with a leading apostrophe:
=, +, -, @, tab, CR or LF at the start, once look-alikes are folded (full-width ＝, small ﹦)
and invisible characters (zero-width space, BOM, joiners) and spaces in front are skipped.
Numbers are written as numbers.

Rows are read in chunks of plain values (no model instances), so an export runs in constant
memory and fast enough for 200,000 startups: CSV streams within the request, a large XLSX is
written by a worker (ExportJob).
"""
import csv
import io
import unicodedata
from collections.abc import Callable, Iterator
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

from .models import Startup, Tag

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r", "\n")
CHUNK = 2000
# (column, values_list field) in the order of the file; tags are gathered per chunk.
COLUMNS = (
    ("id", "pk"), ("name", "name"), ("website", "website"), ("domain", "domain"), ("one_liner", "one_liner"),
    ("country", "country"), ("stage", "stage"), ("pipeline_stage", "pipeline_stage"), ("sector", "sector"), ("tags", None),
    ("round_size", "round_size"), ("pre_money_valuation", "pre_money_valuation"), ("currency", "currency"),
    ("source", "source"), ("owner", "owner__username"), ("confidential", "confidential"), ("created_at", "created_at"),
    ("last_activity_at", "last_activity_at"),
)


def _formula_start(value: str) -> str:
    """The character a spreadsheet looks at: after NFKC folding, skipping format characters
    (zero-width space, BOM, joiners) and spaces."""
    for ch in unicodedata.normalize("NFKC", value[:64]):
        if unicodedata.category(ch) != "Cf" and ch not in " \u00a0":
            return ch
    return ""


def neutralise(value):
    """A cell value that cannot run as a formula; numbers and dates pass through."""
    if not isinstance(value, str) or not value or (value[0].isascii() and value[0].isalnum()):
        return value  # the common case, decided without folding the text
    if value.startswith(FORMULA_PREFIXES) or _formula_start(value) in FORMULA_PREFIXES:
        return "'" + value
    return value


def header() -> list[str]:
    """Column labels in the active language."""
    labels = {
        "id": _("ID"), "name": _("Name"), "website": _("Website"), "domain": _("Domain"), "one_liner": _("One-liner"),
        "country": _("Country"), "stage": _("Funding stage"), "pipeline_stage": _("Pipeline stage"), "sector": _("Sector"),
        "tags": _("Tags"), "round_size": _("Round size"), "pre_money_valuation": _("Pre-money valuation"),
        "currency": _("Currency"), "source": _("Source"), "owner": _("Owner"), "confidential": _("Confidential"),
        "created_at": _("Created"), "last_activity_at": _("Last activity"),
    }
    return [str(labels[key]) for key, _field in COLUMNS]


def rows(startups: QuerySet[Startup], on_chunk: Callable[[int], None] | None = None) -> Iterator[list]:
    """The startups' cells in the list's order, neutralised, read CHUNK rows at a time."""
    fields = [field for _key, field in COLUMNS if field]
    tag_at = [key for key, _field in COLUMNS].index("tags")
    dates = [index for index, field in enumerate(fields) if field in ("created_at", "last_activity_at")]
    zone = timezone.get_current_timezone()
    values = startups.prefetch_related(None).values_list(*fields).iterator(chunk_size=CHUNK)
    Through = Startup.tags.through
    tag_names: dict[int, str] = {}
    done = 0
    while chunk := [list(row) for _index, row in zip(range(CHUNK), values)]:
        tags: dict[int, list[int]] = {}
        for startup_id, tag_id in Through.objects.filter(startup_id__in=[row[0] for row in chunk]).values_list("startup_id", "tag_id"):
            tags.setdefault(startup_id, []).append(tag_id)
        unknown = {tag_id for ids in tags.values() for tag_id in ids} - tag_names.keys()
        tag_names |= dict(Tag.objects.filter(pk__in=unknown).values_list("pk", "name")) if unknown else {}
        for row in chunk:
            for index in dates:
                row[index] = row[index].astimezone(zone).replace(tzinfo=None)
            cells = [neutralise(value) for value in row]
            cells.insert(tag_at, neutralise(", ".join(sorted(tag_names[tag_id] for tag_id in tags.get(row[0], ())))))
            yield cells
        done += len(chunk)
        if on_chunk:
            on_chunk(done)


class _Line:
    """A file-like object csv.writer writes one line into."""

    def write(self, text):
        return text


def csv_stream(header: list[str], rows: Iterator[list]) -> Iterator[bytes]:
    """UTF-8 with a byte-order mark (so Excel opens Korean text correctly), in chunks of lines."""
    writer = csv.writer(_Line())
    yield ("\ufeff" + writer.writerow(header)).encode()
    lines = []
    for row in rows:
        lines.append(writer.writerow(["" if value is None else value for value in row]))
        if len(lines) == CHUNK:
            yield "".join(lines).encode()
            lines = []
    yield "".join(lines).encode()


def write_xlsx(header: list[str], rows: Iterator[list], handle) -> None:
    """Write the workbook to a binary file; openpyxl's write-only mode keeps rows on disk, not in memory."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Pipeline"))
    sheet.append(header)
    for row in rows:
        sheet.append([float(value) if isinstance(value, Decimal) else value for value in row])
    workbook.save(handle)


def to_xlsx(header: list[str], rows: Iterator[list]) -> bytes:
    buffer = io.BytesIO()
    write_xlsx(header, rows, buffer)
    return buffer.getvalue()


def filename(fmt: str, when=None) -> str:
    return f"pipeline-{timezone.localdate(when) if when else timezone.localdate():%Y%m%d}.{fmt}"
