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
