"""Imports: mapping guessed, every error named by row and column, all or nothing, Korean encodings."""
import io

from django.core.files.uploadedfile import SimpleUploadedFile
from openpyxl import Workbook

from apps.scoring.models import RescoreJob, Scorecard
from apps.startups.imports import guess_mapping, open_table
from apps.startups.models import ImportJob, Startup
from tests.conftest import login


def csv_file(rows, encoding="utf-8", name="pipeline.csv"):
    text = "\n".join(",".join(row) for row in rows) + "\n"
    return SimpleUploadedFile(name, text.encode(encoding), content_type="text/csv")


def upload(client, file):
    response = client.post("/startups/import/", {"file": file})
    assert response.status_code == 302, response.content.decode()[:2000]
    return ImportJob.objects.latest("created_at")


def check(client, committed, job, mapping):
    """Post the dry run (the worker checks every row when the request commits), then read the page."""
    with committed():
        assert client.post(f"/startups/import/{job.pk}/", {**mapping, "check": "1"}).status_code == 302
    return client.get(f"/startups/import/{job.pk}/")


def test_mapping_is_guessed_in_both_languages():
    assert guess_mapping(["회사명", "홈페이지", "투자 단계", "국가", "Tags"]) == {0: "name", 1: "website", 2: "stage", 3: "country", 4: "tags"}
    assert guess_mapping(["Company", "Website", "Round Size", "Unknown"]) == {0: "name", 1: "website", 2: "round_size"}


def test_hundred_rows_with_two_bad_ones_write_nothing_and_name_those_rows(client, analyst, committed):
    rows = [["Company", "Website", "Stage", "Country", "Round size"]]
    rows += [[f"Co {n}", f"https://co{n}.example", "Seed", "KR", "1,000,000"] for n in range(100)]
    rows[31][2] = "Series Z"  # file row 32
    rows[77][3] = "Korea"  # file row 78
    login(client, analyst)
    job = upload(client, csv_file(rows))
    mapping = {"col_0": "name", "col_1": "website", "col_2": "stage", "col_3": "country", "col_4": "round_size"}
    page = check(client, committed, job, mapping)
    job.refresh_from_db()
    assert (job.status, job.total, job.valid, job.error_count) == ("checked", 100, 98, 2)
    assert sorted({(e["row"], e["column"]) for e in job.errors}) == [(32, "Stage"), (78, "Country")]
    assert "2 problems to fix" in page.content.decode() and 'name="commit"' not in page.content.decode()
    with committed():
        client.post(f"/startups/import/{job.pk}/", {**mapping, "commit": "1"})  # forced past the dry run
    job.refresh_from_db()
    assert job.status == "failed" and {e["row"] for e in job.errors} == {32, 78}
    assert not Startup.objects.exists()


def test_valid_file_imports_everything_and_scores_it(client, analyst, committed):
    rows = [["회사명", "한줄소개", "투자 단계", "태그", "투자규모", "통화"]]
    rows += [[f"회사 {n}", "외부 API로 광고 문구를 만든다", "시리즈 A", "광고;b2b", "500000000", "krw"] for n in range(30)]
    login(client, analyst)
    job = upload(client, csv_file(rows, encoding="cp949"))
    assert job.encoding == "cp949"
    with committed():
        client.post(f"/startups/import/{job.pk}/", {"col_0": "name", "col_1": "one_liner", "col_2": "stage", "col_3": "tags", "col_4": "round_size", "col_5": "currency", "commit": "1"})
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 30)
    first = Startup.objects.get(name="회사 0")
    assert first.stage == "series_a" and first.currency == "KRW" and first.round_size == 500000000 and first.owner == analyst
    assert sorted(t.name for t in first.tags.all()) == ["b2b", "광고"]
    assert RescoreJob.objects.get(kind="import").status == "done"
    assert Scorecard.objects.count() == 30
    progress = client.get(f"/startups/import/{job.pk}/").content.decode()
    assert "30 of 30 rows" in progress


def test_cp949_round_trips_korean_names():
    table = open_table("export.csv", "이름,국가\n한빛로보틱스,KR\n㈜클리닉노트,KR\n".encode("cp949"))
    assert table.encoding == "cp949" and [row[0] for _number, row in table.rows] == ["한빛로보틱스", "㈜클리닉노트"]
    assert open_table("bom.csv", "\ufeff이름\n한빛\n".encode("utf-8")).header == ["이름"]


def test_xlsx_import(client, analyst, committed):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["Name", "Round size", "Country"])
    sheet.append(["Sheet Co", 1500000, "us"])
    sheet.append(["Second", 2.5, "kr"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    login(client, analyst)
    job = upload(client, SimpleUploadedFile("pipeline.xlsx", buffer.getvalue()))
    assert job.header == ["Name", "Round size", "Country"] and job.sample == [["Sheet Co", "1500000", "us"], ["Second", "2.5", "kr"]]
    page = check(client, committed, job, {"col_0": "name", "col_1": "round_size", "col_2": "country"})
    job.refresh_from_db()
    assert (job.error_count, job.valid) == (0, 2) and 'name="commit"' in page.content.decode()


def test_unreadable_files_are_refused(client, analyst):
    login(client, analyst)
    response = client.post("/startups/import/", {"file": SimpleUploadedFile("x.xlsx", b"not a workbook")})
    assert response.status_code == 422 and not ImportJob.objects.exists()
    response = client.post("/startups/import/", {"file": SimpleUploadedFile("x.pdf", b"%PDF")})
    assert response.status_code == 422


def test_only_analysts_and_admins_import(client, partner, analyst):
    login(client, partner)
    assert client.get("/startups/import/").status_code == 403
    login(client, analyst)
    job = upload(client, csv_file([["Name"], ["A"]]))
    login(client, partner)
    assert client.get(f"/startups/import/{job.pk}/").status_code == 404  # someone else's import does not exist for them


def test_dry_run_flags_rows_that_duplicate_existing_startups(client, analyst, committed):
    from apps.startups.services import startup_create

    startup_create(actor=analyst, data={"name": "(주)한빛로보틱스", "website": "https://hanbit.example"})
    login(client, analyst)
    job = upload(client, csv_file([["Name", "Website"], ["Hanbit Robotics", "http://www.hanbit.example/en"], ["한빛 로보틱스 주식회사", ""], ["New Co", ""]]))
    page = check(client, committed, job, {"col_0": "name", "col_1": "website"})
    assert [(d["row"], d["existing"].name) for d in page.context["duplicates"]] == [(2, "(주)한빛로보틱스"), (3, "(주)한빛로보틱스")]


# --- Bounds and faults (issue 12's probes) ---------------------------------------------------
import tracemalloc  # noqa: E402
import zipfile  # noqa: E402
from datetime import timedelta  # noqa: E402

import pytest  # noqa: E402
from django.utils import timezone  # noqa: E402

from apps.startups import imports, jobs  # noqa: E402
from apps.startups.models import StageTransition  # noqa: E402

SHEET_NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'


def workbook(sheet_data: str, dimension: str = "A1:C2", prolog: str = "") -> bytes:
    """A minimal .xlsx whose one sheet declares `dimension` and holds `sheet_data` (inline strings)."""
    rel = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("[Content_Types].xml", (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
            '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/>'
            "</Types>"))
        archive.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        archive.writestr("xl/workbook.xml", f'<workbook {SHEET_NS} xmlns:r="{rel}"><sheets><sheet name="S" sheetId="1" r:id="rId1"/></sheets></workbook>')
        archive.writestr("xl/_rels/workbook.xml.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="{rel}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>')
        archive.writestr("xl/worksheets/sheet1.xml", f'{prolog}<worksheet {SHEET_NS}><dimension ref="{dimension}"/><sheetData>{sheet_data}</sheetData></worksheet>')
    return buffer.getvalue()


def cell(ref: str, text: str) -> str:
    return f'<c r="{ref}" t="inlineStr"><is><t>{text}</t></is></c>'


def peak_mb(action) -> float:
    tracemalloc.start()
    try:
        action()
        return tracemalloc.get_traced_memory()[1] / 2**20
    finally:
        tracemalloc.stop()


def test_xlsx_declaring_a_huge_dimension_is_read_in_bounded_memory(client, analyst, committed):
    """Probe 1: a 1.6 KB sheet declaring A1:XFD200000 with three cells grew the request past
    2.8 GB: openpyxl padded every row to the 16,384 declared columns. The declaration is
    ignored now; memory stays flat through the upload and through the worker's check."""
    bomb = workbook(f'<row r="1">{cell("A1", "Name")}{cell("B1", "Country")}</row><row r="400">{cell("A400", "Far Co")}</row>',
                    dimension="A1:XFD200000")
    assert len(bomb) < 2000
    login(client, analyst)
    upload_peak = peak_mb(lambda: upload(client, SimpleUploadedFile("bomb.xlsx", bomb)))
    job = ImportJob.objects.get()
    assert job.header == ["Name", "Country"] and job.sample == [["Far Co", ""]]
    check_peak = peak_mb(lambda: check(client, committed, job, {"col_0": "name", "col_1": "country"}))
    job.refresh_from_db()
    assert (job.status, job.total, job.valid) == ("checked", 1, 1)
    assert upload_peak < 8 and check_peak < 8, (upload_peak, check_peak)


def test_xlsx_rows_and_columns_are_bounded_while_streaming(monkeypatch):
    """Probe 1 (the 2-million-row file) and a row with cells past the column limit: the reader
    stops at the limit, having kept no more than a row at a time."""
    monkeypatch.setattr(imports, "MAX_ROWS", 100)
    rows = "".join(f'<row r="{n}">{cell(f"A{n}", f"Co {n}")}</row>' for n in range(1, 5001))
    table = imports.open_table("many.xlsx", workbook(rows))
    read = []
    tracemalloc.start()
    with pytest.raises(imports.ImportFileError, match="at most 100 rows"):
        read.extend(table.rows)
    peak = tracemalloc.get_traced_memory()[1] / 2**20
    tracemalloc.stop()
    assert len(read) == 100 and peak < 8
    wide = workbook(f'<row r="1">{cell("A1", "Name")}{cell("GS1", "201st column")}</row>')
    with pytest.raises(imports.ImportFileError, match="more than 200 columns"):
        imports.open_table("wide.xlsx", wide)
    huge_cell = workbook(f'<row r="1">{cell("A1", "Name")}</row><row r="2">{cell("A2", "x" * 100_001)}</row>')
    with pytest.raises(imports.ImportFileError, match="Row 2 has a cell longer than 100,000 characters"):
        list(imports.open_table("cell.xlsx", huge_cell).rows)
    doctype = workbook(f'<row r="1">{cell("A1", "&e;")}</row>', prolog='<!DOCTYPE x [<!ENTITY e "entity">]>')
    with pytest.raises(imports.ImportFileError, match="not a readable Excel file"):
        list(imports.open_table("dtd.xlsx", doctype).rows)


def test_csv_field_over_the_csv_module_limit_is_a_clear_error(client, analyst, committed):
    """Probe 6: a field over 131,072 characters was a 500 (field larger than field limit)."""
    login(client, analyst)
    content = "Name,Description\n" + "Ok,short\n" * 8 + "Long," + "x" * 140_000 + "\n"
    job = upload(client, SimpleUploadedFile("long.csv", content.encode()))
    assert len(job.sample) == 5  # the upload reads only the first rows
    check(client, committed, job, {"col_0": "name", "col_1": "description"})
    job.refresh_from_db()
    assert job.status == "failed" and job.reason == "Row 10 has a cell longer than 100,000 characters."
    response = client.post("/startups/import/", {"file": SimpleUploadedFile("first.csv", ("Name\n" + "x" * 140_000 + "\n").encode())})
    assert response.status_code == 422 and "longer than 100,000 characters" in response.content.decode()


def test_upload_reads_only_the_header_and_too_many_columns_are_refused(client, analyst, monkeypatch):
    """Probe 7: the upload request checked every row (a 50,000-row file timed out) and a 40,000
    column header was a 500 or a 15 MB mapping page."""
    login(client, analyst)
    wide = ",".join(f"c{n}" for n in range(40_000)) + "\n" + ",".join("x" for _ in range(40_000)) + "\n"
    response = client.post("/startups/import/", {"file": SimpleUploadedFile("wide.csv", wide.encode())})
    assert response.status_code == 422 and "more than 200 columns" in response.content.decode()
    assert not ImportJob.objects.exists()
    checked = []
    monkeypatch.setattr(imports.ImportRowForm, "is_valid", lambda form: checked.append(1) or True)
    rows = [["Name"]] + [[f"Co {n}"] for n in range(3000)]
    job = upload(client, csv_file(rows))
    page = client.get(f"/startups/import/{job.pk}/")
    assert checked == [] and page.status_code == 200 and job.total == 0  # nothing validated in a request
    assert len(page.context["form"].fields) == 1


def test_rows_into_a_gated_stage_or_with_growing_names_are_checked_per_row(client, analyst, committed):
    """Probes 3 and 4 in imports: a gated stage is a row error; names that grow under
    normalisation are imported (they used to pass the check, then fail the commit)."""
    rows = [["Name", "Status"]] + [[f"Co {n}", "IC" if n == 3 else "Meeting"] for n in range(5)] + [["ß" * 200, "sourced"]]
    login(client, analyst)
    job = upload(client, csv_file(rows))
    check(client, committed, job, {"col_0": "name", "col_1": "pipeline_stage"})
    job.refresh_from_db()
    assert [(e["row"], e["column"]) for e in job.errors] == [(5, "Status")]
    assert "cannot be imported into IC" in job.errors[0]["message"]
    rows[4][1] = "Diligence"
    job = upload(client, csv_file(rows))
    with committed():
        client.post(f"/startups/import/{job.pk}/", {"col_0": "name", "col_1": "pipeline_stage", "commit": "1"})
    job.refresh_from_db()
    assert (job.status, job.done) == ("done", 6)
    assert Startup.objects.filter(name="ß" * 200).exists()
    assert StageTransition.objects.filter(from_stage="", to_stage="meeting").count() == 4
    assert StageTransition.objects.filter(to_stage="diligence").count() == 1


def test_an_import_that_fails_says_why_and_never_stays_running(client, analyst, committed, monkeypatch):
    """Probe 4: an error at commit left the job "Importing 0 of 101" for ever (no failure path)."""
    login(client, analyst)
    job = upload(client, csv_file([["Name"], ["A"], ["B"]]))

    def broken(owner, rows):
        raise RuntimeError("disk full")

    monkeypatch.setattr(jobs, "_bulk_create", broken)
    with committed():
        client.post(f"/startups/import/{job.pk}/", {"col_0": "name", "commit": "1"})
    job.refresh_from_db()
    assert job.status == "failed" and "unexpected error" in job.reason and job.finished_at
    assert "Nothing was imported" in client.get(f"/startups/import/{job.pk}/").content.decode()
    assert not Startup.objects.exists()


def test_sweep_requeues_an_import_whose_worker_died_then_gives_up(analyst, settings, committed):
    """Probe 5: after the worker's main process was killed, the job stayed "Importing" until
    Redis redelivered the task an hour later; the beat sweep did not look at imports."""
    from apps.startups.tasks import sweep

    job = jobs.import_upload(actor=analyst, name="deals.csv", content=b"Name\nAlpha\nBeta\n", language="en")
    long_ago = timezone.now() - timedelta(seconds=settings.JOB_STUCK_AFTER_SECONDS + 1)
    ImportJob.objects.filter(pk=job.pk).update(status="running", mapping={"0": "name"}, heartbeat_at=long_ago, attempts=1)
    fresh = jobs.import_upload(actor=analyst, name="fresh.csv", content=b"Name\nGamma\n", language="en")
    ImportJob.objects.filter(pk=fresh.pk).update(status="running", mapping={"0": "name"}, heartbeat_at=timezone.now(), attempts=1)
    with committed():
        assert sweep() == {"checks": 0, "imports": 1, "exports": 0}
    job.refresh_from_db()
    assert (job.status, job.done, job.attempts) == ("done", 2, 2)
    assert ImportJob.objects.get(pk=fresh.pk).status == "running"  # alive: left alone
    assert sorted(Startup.objects.values_list("name", flat=True)) == ["Alpha", "Beta"]
    ImportJob.objects.filter(pk=fresh.pk).update(heartbeat_at=long_ago, attempts=settings.JOB_MAX_ATTEMPTS)
    sweep()
    fresh.refresh_from_db()
    assert fresh.status == "failed" and "stopped 3 times" in fresh.reason


def test_a_second_run_of_a_finished_import_imports_nothing(analyst, committed):
    job = jobs.import_upload(actor=analyst, name="deals.csv", content=b"Name\nAlpha\n", language="en")
    with committed():
        jobs.import_queue(job=job, mapping={0: "name"})
        jobs.import_queue(job=job, mapping={0: "name"})  # a double click queues it once
    jobs.import_run(job_id=job.pk)  # as if Redis redelivered the task
    assert Startup.objects.count() == 1 and ImportJob.objects.get(pk=job.pk).status == "done"


def test_an_import_over_the_task_time_limit_says_so(analyst, monkeypatch):
    from celery.exceptions import SoftTimeLimitExceeded

    job = jobs.import_upload(actor=analyst, name="deals.csv", content=b"Name\nAlpha\n", language="ko")
    ImportJob.objects.filter(pk=job.pk).update(status="queued", mapping={"0": "name"})

    def too_slow(owner, rows):
        raise SoftTimeLimitExceeded

    monkeypatch.setattr(jobs, "_bulk_create", too_slow)
    jobs.import_run(job_id=job.pk)
    job.refresh_from_db()
    assert job.status == "failed" and "파일을 나누세요" in job.reason  # in the uploader's language
