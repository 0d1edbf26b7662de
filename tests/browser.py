"""Playwright helpers for the browser journeys (Debian's chromium, never a downloaded browser)."""
from pathlib import Path

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
CHROMIUM_ARGS = [
    "--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update",
    "--disable-sync", "--no-first-run", "--disable-quic",
]
PASSWORD = "pw-for-tests-1"


def open_page(browser, live_server, username, language, landing="/startups/"):
    """A signed-in page in the given UI language; CSP violations and page errors are collected in page.problems."""
    context = browser.new_context(locale=language, extra_http_headers={"Accept-Language": language}, viewport={"width": 1280, "height": 900},
                                  accept_downloads=True)
    page = context.new_page()
    page.problems = []
    page.on("console", lambda message: message.type == "error" and page.problems.append(message.text))
    page.on("pageerror", lambda error: page.problems.append(str(error)))
    page.goto(f"{live_server.url}/accounts/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.click("main form button[type=submit]")
    page.wait_for_url(f"{live_server.url}{landing}")
    return context, page


def shot(page, name):
    ARTIFACTS.mkdir(exist_ok=True)
    page.evaluate("document.fonts.ready.then(() => true)")
    page.screenshot(path=ARTIFACTS / f"{name}.png", full_page=True)
