"""Reading CSV and XLSX files from spreadsheets and other CRMs, and validating their rows.

CSV encodings: UTF-8 (with or without BOM) first, then CP949, which also reads EUC-KR
(Korean Excel's default). Nothing here writes to the database.

Every read is bounded before anything is kept: rows, columns, characters per cell and, for
XLSX, the bytes the workbook unpacks to. A workbook is streamed with expat, cell by cell:
openpyxl pads every row to the sheet's *declared* dimension and holds a whole row's XML in
memory, so a 1.6 KB file declaring `A1:XFD200000` grew a process past 5 GB (ENVIRONMENT.md).
"""
import csv
import functools
import io
import re
import zipfile
from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import islice
from xml.etree import ElementTree
from xml.parsers import expat

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import override

from . import stages
from .models import FundingStage, PipelineStage, Startup

MAX_ROWS = 50_000
MAX_COLUMNS = 200
MAX_CELL_CHARS = 100_000
MAX_XLSX_UNPACKED = 100 * 1024 * 1024  # bytes of XML a workbook may unpack to
MAX_SHARED_STRINGS = 2_000_000
SAMPLE_ROWS = 5
ENCODINGS = ("utf-8-sig", "cp949")
TARGETS = (
    "name", "website", "one_liner", "description", "country", "stage", "pipeline_stage", "sector", "tags",
    "round_size", "pre_money_valuation", "currency", "source",
)
# Header words (lower-case, no spaces) that suggest a target field, in English and Korean.
HINTS = {
    "name": ("name", "company", "companyname", "startup", "회사", "회사명", "기업", "기업명", "스타트업", "이름", "상호"),
    "website": ("website", "url", "homepage", "site", "웹사이트", "홈페이지"),
    "one_liner": ("oneliner", "tagline", "summary", "pitch", "한줄소개", "한줄", "요약"),
    "description": ("description", "about", "notes", "설명", "소개", "사업내용"),
    "country": ("country", "국가", "나라"),
    "stage": ("stage", "fundingstage", "round", "투자단계", "단계", "라운드"),
    "pipeline_stage": ("pipelinestage", "status", "dealstage", "파이프라인", "진행상태", "상태"),
    "sector": ("sector", "industry", "category", "분야", "산업", "업종"),
    "tags": ("tags", "tag", "keywords", "태그", "키워드"),
    "round_size": ("roundsize", "amount", "raise", "투자규모", "라운드규모", "투자금액"),
    "pre_money_valuation": ("premoney", "premoneyvaluation", "valuation", "기업가치", "투자전기업가치", "밸류에이션"),
    "currency": ("currency", "통화"),
    "source": ("source", "referral", "referredby", "출처", "소개자", "추천"),
}

# Python's csv module keeps one process-wide limit (131,072 by default, and a longer field is a
# csv.Error). Imports are the only CSV reader in the app; their limit is the cell limit.
csv.field_size_limit(MAX_CELL_CHARS)


class ImportFileError(Exception):
    """The file cannot be read as a table, or it is beyond the limits."""


@dataclass
class Table:
    header: list[str]
    rows: Iterator[tuple[int, list[str]]]  # (row number in the file, cells as wide as the header), bounded
    encoding: str = ""


def _too_many_columns():
    return ImportFileError(_("The file has more than %(max)s columns.") % {"max": MAX_COLUMNS})


def _long_cell(row: int):
    return ImportFileError(_("Row %(row)s has a cell longer than %(max)s characters.") % {"row": row, "max": f"{MAX_CELL_CHARS:,}"})


def _csv_rows(content: bytes) -> tuple[Iterator[tuple[int, list[str]]], str]:
    for encoding in ENCODINGS:
        try:
            text = content.decode(encoding)
            break
        except UnicodeDecodeError:
            continue
    else:
        raise ImportFileError(_("The file is neither UTF-8 nor Korean CP949/EUC-KR text."))
    try:
        dialect = csv.Sniffer().sniff(text[:4096], delimiters=",;\t")
    except csv.Error:
        dialect = csv.excel

    def rows():
        number = 0
        reader = csv.reader(io.StringIO(text), dialect)
        while True:
            try:
                row = next(reader)
            except StopIteration:
                return
            except csv.Error as error:
                if "field larger than field limit" in str(error):
                    raise _long_cell(number + 1) from None
                raise ImportFileError(_("Row %(row)s is not valid CSV.") % {"row": number + 1}) from None
            number += 1
            if len(row) > MAX_COLUMNS:
                raise _too_many_columns()
            yield number, [cell.strip() for cell in row]

    return rows(), encoding


def _local(name: str) -> str:
    """An element or attribute name without its namespace (expat joins them with a space)."""
    return name.rpartition(" ")[2]


def _expat_parser() -> expat.XMLParserType:
    parser = expat.ParserCreate(namespace_separator=" ")

    def refuse_doctype(*args):
        raise ImportFileError(_("This is not a readable Excel file."))

    parser.StartDoctypeDeclHandler = refuse_doctype  # no DTD, so no entities to expand
    return parser


def _stream(archive: zipfile.ZipFile, path: str, parser, drain=None):
    """Feed a workbook part to `parser` in pieces; after each piece, yield from drain()."""
    unpacked = 0
    with archive.open(path) as part:
        while chunk := part.read(64 * 1024):
            unpacked += len(chunk)
            if unpacked > MAX_XLSX_UNPACKED:
                raise ImportFileError(_("The workbook unpacks to more than %(max)s MB.") % {"max": MAX_XLSX_UNPACKED // 2**20})
            parser.Parse(chunk, False)
            if drain:
                yield from drain()
        parser.Parse(b"", True)
        if drain:
            yield from drain()


def _xml(archive: zipfile.ZipFile, path: str) -> ElementTree.Element:
    data = archive.read(path)
    if b"<!DOCTYPE" in data:
        raise ImportFileError(_("This is not a readable Excel file."))
    return ElementTree.fromstring(data)


def _active_sheet_path(archive: zipfile.ZipFile) -> str:
    """The part name of the sheet Excel opens on (the workbook's active tab)."""
    workbook = _xml(archive, "xl/workbook.xml")
    sheets = [element for element in workbook.iter() if element.tag.rpartition("}")[2] == "sheet"]
    views = [element for element in workbook.iter() if element.tag.rpartition("}")[2] == "workbookView"]
    active = int(views[0].get("activeTab", 0)) if views else 0
    sheet = sheets[min(active, len(sheets) - 1)]
    rid = next(value for key, value in sheet.attrib.items() if key.rpartition("}")[2] == "id" and key.startswith("{"))
    relations = _xml(archive, "xl/_rels/workbook.xml.rels")
    target = next(r.get("Target") for r in relations if r.get("Id") == rid)
    return target.lstrip("/") if target.startswith("/") else f"xl/{target}"


def _shared_strings(archive: zipfile.ZipFile) -> list[str]:
    if "xl/sharedStrings.xml" not in archive.namelist():
        return []
    strings: list[str] = []
    state = {"text": [], "size": 0, "in_t": False, "phonetic": 0}
    parser = _expat_parser()

    def start(name, attrs):
        tag = _local(name)
        if tag == "si":
            state["text"], state["size"] = [], 0
        elif tag == "rPh":
            state["phonetic"] += 1  # furigana runs are not part of the text
        elif tag == "t" and not state["phonetic"]:
            state["in_t"] = True

    def end(name):
        tag = _local(name)
        if tag == "t":
            state["in_t"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "si":
            if len(strings) >= MAX_SHARED_STRINGS:
                raise ImportFileError(_("The workbook holds more than %(max)s different texts.") % {"max": f"{MAX_SHARED_STRINGS:,}"})
            strings.append("".join(state["text"]))

    def text(data):
        if state["in_t"]:
            state["size"] += len(data)
            if state["size"] > MAX_CELL_CHARS:
                raise ImportFileError(_("A cell is longer than %(max)s characters.") % {"max": f"{MAX_CELL_CHARS:,}"})
            state["text"].append(data)

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    for _nothing in _stream(archive, "xl/sharedStrings.xml", parser):
        pass
    return strings


def _column(reference: str) -> int:
    """1 for A, 27 for AA: the column of a cell reference such as AB12."""
    number = 0
    for ch in reference:
        if not "A" <= ch <= "Z":
            break
        number = number * 26 + ord(ch) - 64
    return number


def _xlsx_rows(content: bytes) -> Iterator[tuple[int, list[str]]]:
    try:
        archive = zipfile.ZipFile(io.BytesIO(content))
        if sum(info.file_size for info in archive.infolist()) > MAX_XLSX_UNPACKED:
            raise ImportFileError(_("The workbook unpacks to more than %(max)s MB.") % {"max": MAX_XLSX_UNPACKED // 2**20})
        sheet_path = _active_sheet_path(archive)
        strings = _shared_strings(archive)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, StopIteration, ValueError, IndexError, ElementTree.ParseError, expat.ExpatError) as error:
        raise ImportFileError(_("This is not a readable Excel file.")) from error
    done: list[tuple[int, list[str]]] = []
    state = {"row": 0, "cells": {}, "column": 0, "type": "n", "text": [], "size": 0, "in_value": False, "phonetic": 0}
    parser = _expat_parser()

    def start(name, attrs):
        tag = _local(name)
        if tag == "row":
            state["row"] = int(attrs.get("r") or state["row"] + 1)
            state["cells"], state["column"] = {}, 0
        elif tag == "c":
            column = _column(attrs.get("r", "")) or state["column"] + 1
            if column > MAX_COLUMNS:
                raise _too_many_columns()
            state.update(column=column, type=attrs.get("t", "n"), text=[], size=0)
        elif tag == "rPh":
            state["phonetic"] += 1
        elif tag in ("v", "t") and not state["phonetic"]:
            state["in_value"] = True

    def end(name):
        tag = _local(name)
        if tag in ("v", "t"):
            state["in_value"] = False
        elif tag == "rPh":
            state["phonetic"] -= 1
        elif tag == "c":
            value = "".join(state["text"])
            if state["type"] == "s":
                value = strings[int(value)]
            elif state["type"] == "b":
                value = "TRUE" if value == "1" else "FALSE"
            state["cells"][state["column"]] = value.strip()
        elif tag == "row" and any(state["cells"].values()):
            done.append((state["row"], [state["cells"].get(i, "") for i in range(1, max(state["cells"]) + 1)]))

    def text(data):
        if state["in_value"]:
            state["size"] += len(data)
            if state["size"] > MAX_CELL_CHARS:
                raise _long_cell(state["row"])
            state["text"].append(data)

    def drain():
        rows = done[:]
        done.clear()
        yield from rows

    parser.StartElementHandler, parser.EndElementHandler, parser.CharacterDataHandler = start, end, text
    try:
        yield from _stream(archive, sheet_path, parser, drain)
    except ImportFileError:
        raise
    except (zipfile.BadZipFile, KeyError, ValueError, IndexError, expat.ExpatError) as error:
        raise ImportFileError(_("This is not a readable Excel file.")) from error


def open_table(name: str, content: bytes) -> Table:
    """The file's header, and an iterator over its data rows that stops at the limits."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        rows, encoding = _xlsx_rows(content), "xlsx"
    else:
        rows, encoding = _csv_rows(content)
    non_empty = ((number, cells) for number, cells in rows if any(cells))
    first = next(non_empty, None)
    if first is None:
        raise ImportFileError(_("The file is empty."))
    header = first[1]
    width = len(header)

    def bounded():
        for count, (number, cells) in enumerate(non_empty, start=1):
            if count > MAX_ROWS:
                raise ImportFileError(_("Import at most %(max)s rows at a time.") % {"max": f"{MAX_ROWS:,}"})
            yield number, (cells + [""] * width)[:width]

    return Table(header, bounded(), encoding)


def preview(name: str, content: bytes) -> Table:
    """The header and the first few rows only: what the upload request reads (as a list)."""
    table = open_table(name, content)
    table.rows = [cells for _number, cells in islice(table.rows, SAMPLE_ROWS)]
    return table


def guess_mapping(header: list[str]) -> dict[int, str]:
    """Column index -> target field, from the header words; each target used once."""
    mapping, used = {}, set()
    for index, title in enumerate(header):
        word = re.sub(r"[\s_\-./()]", "", title.casefold())
        for target, hints in HINTS.items():
            if target not in used and word in hints:
                mapping[index], used = target, used | {target}
                break
    return mapping


@functools.cache
def _choice_lookup(choices: tuple) -> dict[str, str]:
    """Accept keys and labels in both languages: 'series_a', 'Series A', '시리즈 A'."""
    lookup = {}
    for lang in ("en", "ko"):
        with override(lang):
            for key, label in choices:
                for text in (key, str(label)):
                    lookup[re.sub(r"[\s_\-]", "", text.casefold())] = key
    return lookup


class ImportRowForm(forms.ModelForm):
    tags = forms.CharField(required=False, max_length=1000)
    website = forms.URLField(required=False, assume_scheme="https", max_length=200)

    class Meta:
        model = Startup
        fields = [target for target in TARGETS if target != "tags"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["pipeline_stage"].required = False

    def _choice(self, field, choices):
        value = self.data.get(field, "")
        return _choice_lookup(tuple(choices)).get(re.sub(r"[\s_\-]", "", value.casefold()), value) if value else value

    def full_clean(self):
        # Normalise free-typed values before validating: stage labels, code case, number formatting.
        data = self.data.copy()
        data["stage"] = self._choice("stage", FundingStage.choices)
        data["pipeline_stage"] = self._choice("pipeline_stage", PipelineStage.choices) or PipelineStage.SOURCED
        for code in ("country", "currency"):
            data[code] = data.get(code, "").strip().upper()
        for number in ("round_size", "pre_money_valuation"):
            data[number] = re.sub(r"[,\s₩$€£]", "", data.get(number, ""))
        self.data = data
        super().full_clean()

    def clean_pipeline_stage(self):
        # A new startup has none of what a gated stage needs (a confirmed layer, a memo, a reason):
        # it enters an earlier stage and moves on through the board, which checks the gate.
        stage = self.cleaned_data["pipeline_stage"]
        needs = [str(check.label) for check in stages.gate(stage)]
        if needs:
            raise forms.ValidationError(
                _("A startup cannot be imported into %(stage)s: it needs %(missing)s. Import it into an earlier stage and move it on the board.")
                % {"stage": PipelineStage(stage).label, "missing": ", ".join(needs)}
            )
        return stage

    def profile_data(self) -> dict:
        data = {target: self.cleaned_data[target] for target in TARGETS if target != "tags"}
        data["tags"] = [name.strip() for name in re.split(r"[,;]", self.cleaned_data["tags"]) if name.strip()]
        return data


@dataclass
class RowCheck:
    number: int  # the row in the file (the header is row 1 when it is the first)
    data: dict | None  # the startup's fields in the services' shape, when the row is valid
    errors: list[dict] = field(default_factory=list)  # {"row", "column", "message"}


def check_rows(table: Table, mapping: dict[int, str]) -> Iterator[RowCheck]:
    """Validate each data row as it is read; errors name the file's row number and column."""
    columns = {target: index for index, target in mapping.items()}
    if "name" not in columns:
        raise ImportFileError(_("Map a column to the name field."))
    for number, row in table.rows:
        form = ImportRowForm(data={target: row[index] for target, index in columns.items()})
        if form.is_valid():
            yield RowCheck(number, form.profile_data())
            continue
        errors = [
            {"row": number, "column": table.header[columns[target]] if target in columns else target, "message": message}
            for target, messages in form.errors.items()
            for message in messages
        ]
        yield RowCheck(number, None, errors)
