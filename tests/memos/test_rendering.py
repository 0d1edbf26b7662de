"""User text cannot inject markup or make the PDF renderer fetch anything."""
import http.server
import threading

import pytest
from django.conf import settings

from apps.memos.rendering import RenderTimeout, html_to_pdf, html_to_pdf_with_limit, markdown_to_html


def test_markdown_is_sanitised():
    html = markdown_to_html('<script>alert(1)</script>\n\n![x](file:///etc/passwd)\n\n[ok](https://example.com) <b style="color:red">b</b>\n\n| a | b |\n|---|---|\n| 1 | 2 |')
    assert "<script" not in html and "<img" not in html and "<b " not in html  # raw HTML stays text
    assert "&lt;script&gt;" in html
    assert 'href="https://example.com"' in html and 'rel="noopener noreferrer nofollow"' in html
    assert "<table>" in html
    assert 'href="javascript' not in markdown_to_html("[x](javascript:alert(1))")


@pytest.fixture
def canary_server():
    hits = []

    class Handler(http.server.BaseHTTPRequestHandler):
        def do_GET(self):
            hits.append(self.path)
            self.send_response(200)
            self.send_header("Content-Type", "text/css")
            self.end_headers()
            self.wfile.write(b"body { color: red }")

        def log_message(self, *args):
            """Keep the test output quiet."""

    server = http.server.HTTPServer(("127.0.0.1", 0), Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_port}", hits
    server.shutdown()


def test_pdf_fetches_nothing_but_own_static_files(canary_server, tmp_path, poppler):
    import subprocess

    url, hits = canary_server
    canary = tmp_path / "canary.txt"
    canary.write_text("CANARY-SECRET")
    html = f"""<html><head>
      <link rel="stylesheet" href="{url}/style.css">
      <style>@import url("{url}/import.css"); body {{ background: url("file://{canary}"); }}</style>
    </head><body>
      <p>Visible text</p>
      <img src="{url}/pixel.png"><img src="file://{canary}">
      <iframe src="file://{canary}"></iframe><object data="file://{canary}"></object>
      <a href="{url}/link">a link is not fetched</a>
      <img src="data:image/gif;base64,R0lGODlhAQABAAAAACw=">
    </body></html>"""
    pdf, pages = html_to_pdf(html, [str(path) for path in settings.STATICFILES_DIRS])
    assert pages == 1 and pdf.startswith(b"%PDF")
    assert hits == []
    out = tmp_path / "out.pdf"
    out.write_bytes(pdf)
    text = subprocess.run(["pdftotext", str(out), "-"], capture_output=True, text=True).stdout
    assert "Visible text" in text and "CANARY" not in text


def test_static_fetcher_cannot_climb_out_of_static(tmp_path, canary_server):
    url, hits = canary_server
    html = '<p>x</p><img src="https://memo.invalid/static/../../../../etc/passwd"><img src="https://memo.invalid/static/%2e%2e/%2e%2e/pyproject.toml">'
    pdf, _ = html_to_pdf(html, [str(path) for path in settings.STATICFILES_DIRS])
    assert pdf.startswith(b"%PDF") and hits == []


def test_synchronous_render_has_a_time_limit():
    with pytest.raises(RenderTimeout):
        html_to_pdf_with_limit("<p>slow</p>" * 5000, [], timeout=0.05)
