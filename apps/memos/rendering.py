"""Memo rendering: Markdown to safe HTML, and HTML to PDF with a fetcher that reaches nothing.

The PDF half imports nothing from Django: `python -m apps.memos.rendering` renders in a
child process so a synchronous render can be given a hard time limit.
"""
import json
import mimetypes
import os
import selectors
import subprocess
import sys
import time
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


ROOT = Path(__file__).resolve().parents[2]


def html_to_pdf_with_limit(html: str, static_dirs: list[str], timeout: float) -> tuple[bytes, int]:
    """Render in a child process that is killed after `timeout` seconds."""
    payload = json.dumps({"html": html, "static_dirs": [str(d) for d in static_dirs]}).encode()
    try:
        result = subprocess.run(
            [sys.executable, "-m", "apps.memos.rendering"], input=payload, capture_output=True, timeout=timeout,
            cwd=ROOT,
        )
    except subprocess.TimeoutExpired as error:
        raise RenderTimeout(f"rendering took longer than {timeout} s") from error
    if result.returncode != 0:
        raise RenderFailed(result.stderr.decode(errors="replace")[-2000:])
    pages, _, pdf = result.stdout.partition(b"\n")
    return pdf, int(pages)


class Renderer:
    """A child process that renders PDFs one after another, each within `timeout` seconds.

    A worker rendering a bundle uses one: WeasyPrint is imported once (about 0.8 s) rather than
    once per memo, and a memo that takes too long costs only that child, which is killed and
    replaced for the next memo. Jobs go in as one JSON line each; each answer comes back as
    "<pages> <bytes>\n" and the PDF.
    """

    def __init__(self, static_dirs: list[str], timeout: float):
        self.static_dirs, self.timeout, self.process = [str(d) for d in static_dirs], timeout, None

    def __enter__(self):
        return self

    def __exit__(self, *exc):
        self.close()

    def close(self) -> None:
        if self.process is not None:
            self.process.kill()
            self.process.wait()
            for stream in (self.process.stdin, self.process.stdout):
                stream.close()
            self.process = None

    def render(self, html: str) -> tuple[bytes, int]:
        """The PDF and its page count; RenderTimeout or RenderFailed (the child is then replaced)."""
        if self.process is None:
            self.process = subprocess.Popen(
                [sys.executable, "-m", "apps.memos.rendering", "--serve"], stdin=subprocess.PIPE, stdout=subprocess.PIPE,
                stderr=subprocess.DEVNULL, cwd=ROOT,
            )
        deadline = time.monotonic() + self.timeout
        try:
            self.process.stdin.write(json.dumps({"html": html, "static_dirs": self.static_dirs}).encode() + b"\n")
            self.process.stdin.flush()
            head = self._read_line(deadline)
            pages, size = (int(part) for part in head.split())
            return self._read(size, deadline), pages
        except RenderTimeout:
            self.close()
            raise
        except (OSError, ValueError) as error:
            self.close()
            raise RenderFailed(str(error)) from error

    def _read_line(self, deadline: float) -> bytes:
        line = b""
        while not line.endswith(b"\n"):
            line += self._read(1, deadline)
        return line

    def _read(self, size: int, deadline: float) -> bytes:
        chunks, fd = [], self.process.stdout.fileno()
        with selectors.DefaultSelector() as waiting:
            waiting.register(fd, selectors.EVENT_READ)
            while size:
                remaining = deadline - time.monotonic()
                if remaining <= 0 or not waiting.select(remaining):
                    raise RenderTimeout(f"rendering took longer than {self.timeout} s")
                chunk = os.read(fd, min(size, 1 << 20))
                if not chunk:
                    raise RenderFailed("the renderer stopped")
                chunks.append(chunk)
                size -= len(chunk)
        return b"".join(chunks)


def _serve() -> None:
    """The child side of Renderer: render each JSON line from stdin to stdout."""
    for line in sys.stdin.buffer:
        job = json.loads(line)
        pdf, page_count = html_to_pdf(job["html"], job["static_dirs"])
        sys.stdout.buffer.write(f"{page_count} {len(pdf)}\n".encode() + pdf)
        sys.stdout.buffer.flush()


if __name__ == "__main__":
    if "--serve" in sys.argv:
        _serve()
    else:
        job = json.loads(sys.stdin.buffer.read())
        pdf, page_count = html_to_pdf(job["html"], job["static_dirs"])
        sys.stdout.buffer.write(f"{page_count}\n".encode() + pdf)
