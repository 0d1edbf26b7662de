import csv
import io

from openpyxl import load_workbook

from apps.startups.exports import neutralise
from tests.conftest import login
from tests.factories import StartupFactory


def text(response) -> str:
    return b"".join(response.streaming_content).decode("utf-8-sig")


def test_neutralise():
    assert neutralise("=HYPERLINK(\"http://evil\")") == "'=HYPERLINK(\"http://evil\")"
    for dangerous in ("+1", "-2+3", "@SUM(A1)", "\tx", "\rx"):
        assert neutralise(dangerous).startswith("'")
    assert neutralise("Plain") == "Plain" and neutralise(12.5) == 12.5 and neutralise(None) is None


def test_csv_export_is_safe_filtered_and_korean(client, analyst, outsider, secret_startup):
    StartupFactory(owner=analyst, name="=cmd|' /C calc'!A0", country="US", round_size=1500000)
    StartupFactory(owner=analyst, name="한빛 로보틱스", country="KR")
    login(client, outsider)
    response = client.get("/startups/export.csv", {"country": "KR"})
    assert response["Cache-Control"] == "no-store" and "attachment" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(text(response))))
    names = [row[1] for row in rows[1:]]
    assert names == ["한빛 로보틱스"]  # filtered, and the confidential KR deal is not the outsider's
    everything = list(csv.reader(io.StringIO(text(client.get("/startups/export.csv")))))
    assert "'=cmd|' /C calc'!A0" in [row[1] for row in everything]
    assert "Project Falcon" not in {row[1] for row in everything}


def test_xlsx_export_keeps_numbers_and_neutralises_formulas(client, analyst):
    StartupFactory(owner=analyst, name="@SUM(1+1)*cmd", round_size=2500000, country="KR")
    login(client, analyst)
    response = client.get("/startups/export.xlsx")
    sheet = load_workbook(io.BytesIO(response.content)).active
    header = [cell.value for cell in sheet[1]]
    row = {header[i]: cell for i, cell in enumerate(sheet[2])}
    assert row["Name"].value == "'@SUM(1+1)*cmd" and row["Name"].data_type == "s"
    assert row["Round size"].value == 2500000 and row["Round size"].data_type == "n"


def test_unknown_export_format_is_404(client, analyst):
    login(client, analyst)
    assert client.get("/startups/export.pdf").status_code == 404
