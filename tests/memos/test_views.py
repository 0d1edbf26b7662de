import io
import zipfile

from apps.memos.models import Memo, MemoBundle, MemoExport
from tests.conftest import login


def test_editor_shows_the_draft_and_saves(client, analyst, korean_startup):
    login(client, analyst)
    url = f"/startups/{korean_startup.pk}/memo/"
    page = client.get(url).content.decode()
    assert "## Summary" in page and "<h2>Summary</h2>" in page  # Markdown and its preview
    response = client.post(url, {"body": "# Memo\n\nStrong team.", "version": 0})
    assert response.status_code == 302 and Memo.objects.get().version == 1
    autosave = client.post(url, {"body": "# Memo\n\nStrong team, good data.", "version": 1}, HTTP_HX_REQUEST="true")
    assert b"Saved at" in autosave.content and b'value="2"' in autosave.content
    assert Memo.objects.get().body.endswith("good data.")


def test_stale_save_is_refused_and_keeps_the_text(client, analyst, korean_startup):
    login(client, analyst)
    url = f"/startups/{korean_startup.pk}/memo/"
    client.post(url, {"body": "First", "version": 0})
    response = client.post(url, {"body": "My unsaved paragraph", "version": 0})
    assert response.status_code == 409
    body = response.content.decode()
    assert "My unsaved paragraph" in body and "First" in body
    assert Memo.objects.get().body == "First"
    htmx = client.post(url, {"body": "Another try", "version": 0}, HTTP_HX_REQUEST="true")
    assert b"someone else saved first" in htmx.content
    assert Memo.objects.get().body == "First"


def test_preview_is_sanitised(client, analyst, korean_startup):
    login(client, analyst)
    html = client.post(f"/startups/{korean_startup.pk}/memo/preview/", {"body": "**b** <script>x</script>"}).content.decode()
    assert "<strong>b</strong>" in html and "<script" not in html


def test_partner_downloads_but_does_not_edit(client, partner, korean_startup, poppler):
    login(client, partner)
    pdf = client.get(f"/startups/{korean_startup.pk}/memo.pdf")
    assert pdf.status_code == 200 and pdf["Content-Type"] == "application/pdf" and pdf["Cache-Control"] == "no-store"
    assert client.post(f"/startups/{korean_startup.pk}/memo/", {"body": "x", "version": 0}).status_code == 403
    assert client.post(f"/startups/{korean_startup.pk}/memo/exports/").status_code == 403
    assert not Memo.objects.exists() and not MemoExport.objects.exists()


def test_outsider_gets_404_everywhere(client, outsider, secret_startup):
    login(client, outsider)
    for url in (f"/startups/{secret_startup.pk}/memo/", f"/startups/{secret_startup.pk}/memo.pdf", f"/startups/{secret_startup.pk}/memo/exports/1.pdf"):
        assert client.get(url).status_code == 404
    assert client.post(f"/startups/{secret_startup.pk}/memo/preview/", {"body": "x"}).status_code == 404


def test_exports_are_frozen_versions(client, analyst, korean_startup):
    login(client, analyst)
    client.post(f"/startups/{korean_startup.pk}/memo/", {"body": "# First", "version": 0})
    client.post(f"/startups/{korean_startup.pk}/memo/exports/")
    client.post(f"/startups/{korean_startup.pk}/memo/", {"body": "# Second", "version": 1})
    client.post(f"/startups/{korean_startup.pk}/memo/exports/")
    exports = list(MemoExport.objects.order_by("number"))
    assert [(e.number, e.body) for e in exports] == [(1, "# First"), (2, "# Second")]
    assert exports[0].scorecard["thesis"]["version"] == 1 and exports[0].pages >= 1
    download = client.get(f"/startups/{korean_startup.pk}/memo/exports/1.pdf")
    assert download.status_code == 200 and b"".join(download.streaming_content).startswith(b"%PDF")


def test_render_timeout_is_a_clear_error(client, analyst, korean_startup, settings):
    settings.MEMO_RENDER_TIMEOUT = 0.01
    login(client, analyst)
    assert client.get(f"/startups/{korean_startup.pk}/memo.pdf").status_code == 503


def test_api_memo_pdf(api, analyst, outsider, korean_startup, secret_startup):
    assert api.get(f"/api/v1/startups/{korean_startup.pk}/memo.pdf").status_code == 401
    api.force_authenticate(analyst)
    response = api.get(f"/api/v1/startups/{korean_startup.pk}/memo.pdf", HTTP_ACCEPT="application/pdf")
    assert response.status_code == 200 and response.content.startswith(b"%PDF")
    assert not Memo.objects.exists() and not MemoExport.objects.exists()  # a GET stores nothing
    api.force_authenticate(outsider)
    missing = api.get(f"/api/v1/startups/{secret_startup.pk}/memo.pdf")
    assert missing.status_code == 404 and missing.json()["detail"]


def test_bundle_of_memos_as_zip(client, partner, outsider, korean_startup, secret_startup, startup, committed):
    login(client, outsider)
    with committed():
        response = client.post("/memos/bundles/", {"startups": [korean_startup.pk, secret_startup.pk]})
    bundle = MemoBundle.objects.get()
    assert bundle.startup_ids == [korean_startup.pk]  # the confidential deal is not the outsider's to export
    assert response.url == f"/memos/bundles/{bundle.pk}/"
    assert (bundle.status, bundle.done, bundle.total) == ("done", 1, 1)
    download = client.get(f"/memos/bundles/{bundle.pk}/download/")
    archive = zipfile.ZipFile(io.BytesIO(b"".join(download.streaming_content)))
    assert len(archive.namelist()) == 1 and archive.namelist()[0].endswith(".pdf")
    login(client, partner)
    assert client.get(f"/memos/bundles/{bundle.pk}/").status_code == 404  # someone else's bundle does not exist for them
    page = client.get("/startups/").content.decode()
    assert 'name="startups"' in page


def test_pdf_download_names_survive_in_korean(client, analyst, korean_startup):
    login(client, analyst)
    header = client.get(f"/startups/{korean_startup.pk}/memo.pdf")["Content-Disposition"]
    assert header.startswith("attachment; filename*=utf-8''memo-%") and "=?utf-8?" not in header
