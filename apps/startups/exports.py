"""Pipeline exports as CSV and XLSX that are safe to open in a spreadsheet.

Text that a spreadsheet would run as a formula (=, +, -, @, tab, CR at the start) is
neutralised with a leading apostrophe; numbers are written as numbers.
"""
import csv
import io
from decimal import Decimal

from django.db.models import QuerySet
from django.utils import timezone
from django.utils.translation import gettext as _
from openpyxl import Workbook

FORMULA_PREFIXES = ("=", "+", "-", "@", "\t", "\r")


def neutralise(value):
    """A cell value that cannot run as a formula; numbers and dates pass through."""
    if isinstance(value, str) and value.startswith(FORMULA_PREFIXES):
        return "'" + value
    return value


def _columns():
    return [
        ("id", _("ID"), lambda s: s.pk),
        ("name", _("Name"), lambda s: s.name),
        ("website", _("Website"), lambda s: s.website),
        ("domain", _("Domain"), lambda s: s.domain),
        ("one_liner", _("One-liner"), lambda s: s.one_liner),
        ("country", _("Country"), lambda s: s.country),
        ("stage", _("Funding stage"), lambda s: s.stage),
        ("pipeline_stage", _("Pipeline stage"), lambda s: s.pipeline_stage),
        ("sector", _("Sector"), lambda s: s.sector),
        ("tags", _("Tags"), lambda s: ", ".join(tag.name for tag in s.tags.all())),
        ("round_size", _("Round size"), lambda s: s.round_size),
        ("pre_money_valuation", _("Pre-money valuation"), lambda s: s.pre_money_valuation),
        ("currency", _("Currency"), lambda s: s.currency),
        ("source", _("Source"), lambda s: s.source),
        ("owner", _("Owner"), lambda s: s.owner.username),
        ("confidential", _("Confidential"), lambda s: s.confidential),
        ("created_at", _("Created"), lambda s: timezone.localtime(s.created_at).replace(tzinfo=None)),
        ("last_activity_at", _("Last activity"), lambda s: timezone.localtime(s.last_activity_at).replace(tzinfo=None)),
    ]


def table(startups: QuerySet) -> tuple[list[str], list[list]]:
    """Header labels and neutralised rows, in the user's language."""
    columns = _columns()
    rows = [[neutralise(get(startup)) for _key, _label, get in columns] for startup in startups]
    return [label for _key, label, _get in columns], rows


def to_csv(header: list[str], rows: list[list]) -> bytes:
    """UTF-8 with a byte-order mark, so Excel opens Korean text correctly."""
    buffer = io.StringIO()
    writer = csv.writer(buffer)
    writer.writerow(header)
    for row in rows:
        writer.writerow(["" if value is None else value for value in row])
    return buffer.getvalue().encode("utf-8-sig")


def to_xlsx(header: list[str], rows: list[list]) -> bytes:
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet(_("Pipeline"))
    sheet.append(header)
    for row in rows:
        sheet.append([float(value) if isinstance(value, Decimal) else value for value in row])
    buffer = io.BytesIO()
    workbook.save(buffer)
    return buffer.getvalue()
