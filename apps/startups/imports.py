"""Reading CSV and XLSX files from spreadsheets and other CRMs, and validating their rows.

CSV encodings: UTF-8 (with or without BOM) first, then CP949, which also reads EUC-KR
(Korean Excel's default). Nothing here writes to the database.
"""
import csv
import functools
import io
import re
from dataclasses import dataclass, field

from django import forms
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import load_workbook

from .models import FundingStage, PipelineStage, Startup

MAX_ROWS = 50_000
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


class ImportFileError(Exception):
    """The file cannot be read as a table."""


@dataclass
class Table:
    header: list[str]
    rows: list[list[str]]
    encoding: str = ""


def read_table(name: str, content: bytes) -> Table:
    """The file's header and rows as text, whatever spreadsheet or encoding it came from."""
    if name.lower().endswith((".xlsx", ".xlsm")):
        try:
            sheet = load_workbook(io.BytesIO(content), read_only=True, data_only=True).active
        except Exception as error:  # noqa: BLE001 - any corrupt workbook is the user's error, not ours
            raise ImportFileError(_("This is not a readable Excel file.")) from error
        values = [["" if v is None else str(v).strip() for v in row] for row in sheet.iter_rows(values_only=True)]
        encoding = "xlsx"
    else:
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
        values = [[cell.strip() for cell in row] for row in csv.reader(io.StringIO(text), dialect)]
    values = [row for row in values if any(row)]
    if not values:
        raise ImportFileError(_("The file is empty."))
    if len(values) - 1 > MAX_ROWS:
        raise ImportFileError(_("Import at most %(max)s rows at a time.") % {"max": f"{MAX_ROWS:,}"})
    width = len(values[0])
    return Table(values[0], [(row + [""] * width)[:width] for row in values[1:]], encoding)


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

    def profile_data(self) -> dict:
        data = {target: self.cleaned_data[target] for target in TARGETS if target != "tags"}
        data["tags"] = [name.strip() for name in re.split(r"[,;]", self.cleaned_data["tags"]) if name.strip()]
        return data


@dataclass
class Validation:
    rows: list[dict] = field(default_factory=list)  # valid rows, in the services' shape
    errors: list[dict] = field(default_factory=list)  # {"row", "column", "message"}


def validate(table: Table, mapping: dict[int, str]) -> Validation:
    """Check every row; errors name the file's row number (header is row 1) and column."""
    result = Validation()
    columns = {target: index for index, target in mapping.items()}
    if "name" not in columns:
        result.errors.append({"row": 1, "column": "", "message": _("Map a column to the name field.")})
        return result
    for number, row in enumerate(table.rows, start=2):
        form = ImportRowForm(data={target: row[index] for target, index in columns.items()})
        if form.is_valid():
            result.rows.append(form.profile_data())
            continue
        for target, messages in form.errors.items():
            column = table.header[columns[target]] if target in columns else target
            result.errors += [{"row": number, "column": column, "message": message} for message in messages]
    return result
