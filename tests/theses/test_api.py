from apps.theses.models import ThesisVersion
from apps.theses.selectors import active_version
from apps.theses.services import draft_create


def test_theses_and_versions(api, analyst, partner):
    draft_create(actor=partner, based_on=active_version())
    api.force_authenticate(analyst)
    theses = api.get("/api/v1/theses/").json()
    thesis = theses["results"][0] if "results" in theses else theses[0]
    assert thesis["name"] == "Generative AI 2023" and thesis["active_version"] == 1
    versions = api.get(f"/api/v1/theses/{thesis['id']}/versions/").json()
    assert [v["version"] for v in versions] == [1]  # the draft is hidden from analysts
    assert {c["key"] for c in versions[0]["criteria"]} >= {"data_moat", "ux_arbitrage_risk", "second_gen_potential"}
    api.force_authenticate(partner)
    assert [v["status"] for v in api.get(f"/api/v1/theses/{thesis['id']}/versions/").json()] == ["draft", "published"]
    assert ThesisVersion.objects.count() == 2


def test_anonymous_is_401(api):
    assert api.get("/api/v1/theses/").status_code == 401
