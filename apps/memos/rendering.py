"""Memo rendering: Markdown to safe HTML, and HTML to PDF with a fetcher that reaches nothing.

The PDF half imports nothing from Django: `python -m apps.memos.rendering` renders in a
child process so a synchronous render can be given a hard time limit.
"""
import json
import mimetypes
import subprocess
import sys
from pathlib import Path
from urllib.parse import unquote, urlsplit

import nh3
from markdown_it import MarkdownIt

# Documents are rendered as if served from this host; only its /static/ path resolves,
# to files on disk. Nothing else — file://, http(s)://, redirects — is ever fetched.
BASE_URL = "https://memo.invalid/"
STATIC_PREFIX = BASE_URL + "static/"

_markdown = MarkdownIt("commonmark", {"html": False, "linkify": False}).enable("table").enable("strikethrough")
ALLOWED_TAGS = {
    "p", "br", "hr", "h1", "h2", "h3", "h4", "h5", "h6", "strong", "em", "s", "code", "pre", "blockquote",
    "ul", "ol", "li", "table", "thead", "tbody", "tr", "th", "td", "a",
}


class RenderTimeout(Exception):
    """The PDF took longer than its time limit."""


class RenderFailed(Exception):
    """The PDF renderer crashed."""


def markdown_to_html(text: str) -> str:
    """User Markdown as HTML that cannot inject markup, styles or anything that loads."""
    return nh3.clean(
        _markdown.render(text or ""),
        tags=ALLOWED_TAGS,
        attributes={"a": {"href"}, "th": {"align"}, "td": {"align"}},
        url_schemes={"http", "https", "mailto"},
        link_rel="noopener noreferrer nofollow",
    )


def _static_fetcher_class():
    from weasyprint.urls import URLFetcher, URLFetcherResponse

    class StaticOnlyFetcher(URLFetcher):
        """Serves the project's own static files and data: URIs; refuses everything else."""

        def __init__(self, static_dirs):
            super().__init__(timeout=2, allow_redirects=False, allowed_protocols={"data", "https"})
            self.static_dirs = [Path(d).resolve() for d in static_dirs]

        def fetch(self, url, headers=None):
            if url.startswith("data:"):
                return super().fetch(url, headers)
            if not url.startswith(STATIC_PREFIX):
                raise ValueError(f"blocked: {url}")
            relative = unquote(urlsplit(url).path).removeprefix("/static/")
            for root in self.static_dirs:
                path = (root / relative).resolve()
                if path.is_relative_to(root) and path.is_file():
                    mime = mimetypes.guess_type(path.name)[0] or "application/octet-stream"
                    return URLFetcherResponse(url, path.read_bytes(), {"Content-Type": mime})
            raise ValueError(f"not a static file: {url}")

    return StaticOnlyFetcher


def html_to_pdf(html: str, static_dirs: list[str]) -> tuple[bytes, int]:
    """Render HTML to PDF in this process; returns the bytes and the page count."""
    from weasyprint import HTML

    document = HTML(string=html, base_url=BASE_URL, url_fetcher=_static_fetcher_class()(static_dirs)).render()
    return document.write_pdf(), len(document.pages)


def html_to_pdf_with_limit(html: str, static_dirs: list[str], timeout: float) -> tuple[bytes, int]:
    """Render in a child process that is killed after `timeout` seconds."""
    payload = json.dumps({"html": html, "static_dirs": [str(d) for d in static_dirs]}).encode()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "apps.memos.rendering"], input=payload, capture_output=True, timeout=timeout,
            cwd=Path(__file__).resolve().parents[2],
        )
    except subprocess.TimeoutExpired as error:
        raise RenderTimeout(f"rendering took longer than {timeout} s") from error
    if result.returncode != 0:
        raise RenderFailed(result.stderr.decode(errors="replace")[-2000:])
    pages, _, pdf = result.stdout.partition(b"\n")
    return pdf, int(pages)


if __name__ == "__main__":
    job = json.loads(sys.stdin.buffer.read())
    pdf, page_count = html_to_pdf(job["html"], job["static_dirs"])
    sys.stdout.buffer.write(f"{page_count}\n".encode() + pdf)
