"""Browser journeys in Debian's chromium (Playwright): htmx updates in place, Korean renders
in the shipped web font. Screenshots land in test-artifacts/ for review."""
import pytest

from apps.accounts.models import Role
from apps.startups.models import Startup
from tests.browser import ARTIFACTS, open_page
from tests.factories import StartupFactory, UserFactory

pytestmark = pytest.mark.browser


def fonts_for(context, page, selector):
    cdp = context.new_cdp_session(page)
    cdp.send("DOM.enable")
    cdp.send("CSS.enable")
    root = cdp.send("DOM.getDocument")["root"]["nodeId"]
    node = cdp.send("DOM.querySelector", {"nodeId": root, "selector": selector})["nodeId"]
    return {font["familyName"] for font in cdp.send("CSS.getPlatformFontsForNode", {"nodeId": node})["fonts"]}


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
@pytest.mark.parametrize("language", ["en", "ko"])
def test_analyst_logs_a_startup_and_finds_it(browser, live_server, language):
    ARTIFACTS.mkdir(exist_ok=True)
    analyst = UserFactory(username="alice", role=Role.ANALYST)
    StartupFactory(owner=analyst, name="다른회사", one_liner="물류 로봇")
    context, page = open_page(browser, live_server, "alice", language)

    page.click("a[href='/startups/new/']")
    page.fill("#id_country", "K1")
    page.locator("#id_country").blur()
    page.locator("#error-country span").wait_for()  # inline validation, no submit
    page.fill("#id_name", "한빛 로보틱스")
    page.fill("#id_country", "kr")
    page.fill("#id_one_liner", "창고 로봇을 위한 자체 비전 모델")
    page.fill("#id_tags", "robotics, 물류")
    page.screenshot(path=ARTIFACTS / f"startup-form-{language}.png", full_page=True)
    page.click("#startup-form button[type=submit]")
    page.wait_for_url("**/startups/*/")
    assert Startup.objects.get(name="한빛 로보틱스").country == "KR"
    page.evaluate("document.fonts.ready.then(() => true)")
    assert "Screen Gothic" in fonts_for(context, page, ".lead")
    page.screenshot(path=ARTIFACTS / f"startup-detail-{language}.png", full_page=True)

    page.goto(f"{live_server.url}/startups/")
    page.evaluate("window.__noReload = true")
    page.fill("input[name=q]", "로보틱스")
    page.wait_for_function("() => document.querySelectorAll('#results tbody tr').length === 1")
    assert page.evaluate("window.__noReload") is True  # updated in place by htmx
    assert "q=" in page.url  # the URL carries the search
    assert "한빛 로보틱스" in page.inner_text("#results")
    page.screenshot(path=ARTIFACTS / f"startup-list-{language}.png", full_page=True)
    context.close()
