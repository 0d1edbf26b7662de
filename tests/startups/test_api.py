"""API v1 /startups/: shape, visibility, optimistic locking, soft delete (DESIGN.md)."""
import pytest
from rest_framework.authtoken.models import Token

from apps.startups.models import Startup
from tests.factories import StartupFactory

LIST = "/api/v1/startups/"

FULL = {
    "name": "Hanbit Robotics",
    "website": "https://WWW.Hanbit.example/about",
    "one_liner": "Robots that learn",
    "description": "Trains its own models.",
    "country": "kr",
    "stage": "series_a",
    "pipeline_stage": "screening",
    "sector": "Robotics",
    "tags": ["robotics", "b2b"],
    "round_size": "5000000.00",
    "pre_money_valuation": "20000000.00",
    "currency": "usd",
    "source": "Partner referral",
    "founders": [{"name": "김하늘", "role": "CEO", "profile_url": "https://example.com/kim"}],
    "confidential": False,
}


def test_anonymous_gets_401_json(api, startup):
    for url in (LIST, f"{LIST}{startup.pk}/"):
        response = api.get(url)
        assert response.status_code == 401
        assert response["Content-Type"].startswith("application/json")


def test_token_auth(api, analyst, startup):
    token = Token.objects.create(user=analyst)
    api.credentials(HTTP_AUTHORIZATION=f"Token {token.key}")
    assert api.get(LIST).status_code == 200


def test_create_and_read_full_shape(api, analyst):
    api.force_authenticate(analyst)
    response = api.post(LIST, FULL, format="json")
    assert response.status_code == 201, response.data
    body = response.json()
    assert body["domain"] == "hanbit.example"
    assert body["country"] == "KR" and body["currency"] == "USD"
    assert body["owner"] == analyst.pk and body["version"] == 1 and body["pipeline_stage"] == "screening"
    assert sorted(body["tags"]) == ["b2b", "robotics"]
    assert body["founders"] == FULL["founders"]
    expected = {
        "id", "created_at", "updated_at", "version", "name", "website", "domain", "one_liner", "description",
        "country", "stage", "pipeline_stage", "sector", "tags", "round_size", "pre_money_valuation", "currency",
        "source", "founders", "owner", "confidential", "deal_team",
    }
    assert set(body) == expected
    assert api.get(f"{LIST}{body['id']}/").json() == body


def test_default_pipeline_stage_is_sourced(api, analyst):
    api.force_authenticate(analyst)
    assert api.post(LIST, {"name": "Tiny"}, format="json").json()["pipeline_stage"] == "sourced"


@pytest.mark.parametrize(
    "field, value",
    [("name", ""), ("stage", "series_z"), ("pipeline_stage", "won"), ("country", "KOR"), ("website", "not a url"),
     ("currency", "W"), ("round_size", "-5"), ("owner", 999999)],
)
def test_bad_input_names_the_field_and_changes_nothing(api, analyst, field, value):
    api.force_authenticate(analyst)
    response = api.post(LIST, {**FULL, field: value}, format="json")
    assert response.status_code == 400
    assert field in response.json()
    assert not Startup.objects.exists()


def test_partner_cannot_create(api, partner):
    api.force_authenticate(partner)
    assert api.post(LIST, FULL, format="json").status_code == 403
    assert not Startup.objects.exists()


def test_confidential_hidden_from_outsider(api, outsider, secret_startup, startup):
    api.force_authenticate(outsider)
    names = [row["name"] for row in api.get(LIST).json()["results"]]
    assert names == ["Open Deal"]
    assert api.get(f"{LIST}{secret_startup.pk}/").status_code == 404
    response = api.patch(f"{LIST}{secret_startup.pk}/", {"name": "x", "version": 1}, format="json")
    assert response.status_code == 404
    assert Startup.objects.get(pk=secret_startup.pk).name == "Project Falcon"


def test_team_member_sees_confidential(api, analyst, secret_startup):
    api.force_authenticate(analyst)
    assert api.get(f"{LIST}{secret_startup.pk}/").status_code == 200
    assert any(row["name"] == "Project Falcon" for row in api.get(LIST).json()["results"])


def test_patch_with_version_and_conflict(api, analyst, startup):
    api.force_authenticate(analyst)
    url = f"{LIST}{startup.pk}/"
    response = api.patch(url, {"one_liner": "Sharper pitch", "version": 1}, format="json")
    assert response.status_code == 200 and response.json()["version"] == 2
    stale = api.patch(url, {"one_liner": "Older idea", "version": 1}, format="json")
    assert stale.status_code == 409
    assert "detail" in stale.json()
    assert Startup.objects.get(pk=startup.pk).one_liner == "Sharper pitch"


def test_patch_without_version_is_400(api, analyst, startup):
    api.force_authenticate(analyst)
    response = api.patch(f"{LIST}{startup.pk}/", {"one_liner": "x"}, format="json")
    assert response.status_code == 400 and "version" in response.json()


def test_put_replaces_founders_and_tags(api, analyst, startup):
    api.force_authenticate(analyst)
    response = api.put(f"{LIST}{startup.pk}/", {**FULL, "tags": ["only"], "founders": [], "version": 1}, format="json")
    assert response.status_code == 200
    assert response.json()["tags"] == ["only"] and response.json()["founders"] == []


def test_partner_cannot_edit(api, partner, startup):
    api.force_authenticate(partner)
    assert api.patch(f"{LIST}{startup.pk}/", {"name": "x", "version": 1}, format="json").status_code == 403


def test_delete_is_soft_and_admin_only(api, analyst, admin_user, startup):
    url = f"{LIST}{startup.pk}/"
    api.force_authenticate(analyst)
    assert api.delete(url).status_code == 403
    api.force_authenticate(admin_user)
    assert api.delete(url).status_code == 204
    assert Startup.objects.get(pk=startup.pk).deleted_at is not None
    assert api.get(url).status_code == 404
    assert api.get(LIST).json()["count"] == 0


def test_list_filters_and_search(api, analyst):
    StartupFactory(owner=analyst, name="Alpha Vision", stage="seed", country="US")
    StartupFactory(owner=analyst, name="베타랩", stage="series_a", country="KR", description="한국어 음성 인식")
    api.force_authenticate(analyst)
    assert [r["name"] for r in api.get(LIST, {"q": "음성"}).json()["results"]] == ["베타랩"]
    assert [r["name"] for r in api.get(LIST, {"stage": "seed"}).json()["results"]] == ["Alpha Vision"]
    assert [r["name"] for r in api.get(LIST, {"country": "kr"}).json()["results"]] == ["베타랩"]


def test_api_list_query_count_is_constant(api, analyst, django_assert_max_num_queries):
    api.force_authenticate(analyst)
    for n in range(3):
        StartupFactory(owner=analyst, name=f"Few {n}")
    with django_assert_max_num_queries(10) as small:
        api.get(LIST)
    for n in range(30):
        StartupFactory(owner=analyst, name=f"Many {n}")
    with django_assert_max_num_queries(len(small.captured_queries)):
        api.get(LIST)


@pytest.mark.parametrize("path", ["/api/v1/startups/0.5/", "/api/v1/nothing/", "/api/v1/startups/99999/"])
def test_api_404s_are_json(api, analyst, path):
    api.force_authenticate(analyst)
    response = api.get(path)
    assert response.status_code == 404
    assert response.json() == {"detail": "Not found."} or "detail" in response.json()


def test_schema_and_docs_are_served_locally(client, analyst):
    client.force_login(analyst)
    schema = client.get("/api/schema/")
    assert schema.status_code == 200 and b"/api/v1/startups/" in schema.content
    docs = client.get("/api/docs/").content.decode()
    assert "swagger-ui" in docs
    assert "cdn." not in docs and "jsdelivr" not in docs and "unpkg" not in docs


def test_list_rejects_invalid_filters_and_page_size(api, analyst, startup):
    api.force_authenticate(analyst)
    for params in ({"stage": "unicorn"}, {"country": "K1"}, {"owner": "x"}, {"owner": 2**70}, {"page_size": "0"}, {"page_size": "x"}):
        response = api.get("/api/v1/startups/", params)
        assert response.status_code == 400, params
        assert set(response.json()) == set(params)
    assert api.get("/api/v1/startups/", {"owner": 999999, "stage": ""}).json()["count"] == 0  # unknown owner: nothing matches


def test_text_fields_refuse_numbers_and_the_api_speaks_json_only(api, analyst):
    api.force_authenticate(analyst)
    response = api.post("/api/v1/startups/", {"name": 42, "tags": ["ok", 7]}, format="json")
    assert response.status_code == 400 and set(response.json()) == {"name", "tags"}
    form = api.post("/api/v1/startups/", {"name": "Form Co"}, format="multipart")
    assert form.status_code == 415


def test_unsafe_call_without_csrf_or_token_gets_json(client, analyst):
    from django.test import Client

    browser = Client(enforce_csrf_checks=True)
    browser.force_login(analyst)
    response = browser.post("/api/v1/startups/x/", {})
    assert response.status_code == 404 and response.json()["detail"]
    response = browser.patch("/api/v1/nowhere", {})
    assert response["Content-Type"].startswith("application/json")


def test_schema_needs_a_login(api, analyst):
    assert api.get("/api/schema/").status_code == 401
    api.force_authenticate(analyst)
    assert api.get("/api/schema/").status_code == 200


@pytest.mark.parametrize("name", ["ß" * 200, "ﷺ" * 200, "㍿" * 150])
def test_names_that_grow_under_normalisation_are_saved(api, analyst, name):
    """Probe 4: these were a 500 (value too long for name_key) on create and PATCH."""
    api.force_authenticate(analyst)
    created = api.post(LIST, {"name": name}, format="json")
    assert created.status_code == 201
    patched = api.patch(f"{LIST}{created.json()['id']}/", {"name": name[:-1] + "Ω", "version": 1}, format="json")
    assert patched.status_code == 200 and Startup.objects.get().name == name[:-1] + "Ω"


def test_text_beyond_its_limit_is_a_400_naming_the_field(api, analyst, startup):
    """Probe 11: descriptions of 1-2.4 MB were accepted."""
    api.force_authenticate(analyst)
    response = api.post(LIST, {"name": "Long", "description": "x" * 1_000_000}, format="json")
    assert response.status_code == 400 and "description" in response.json()
    patch = api.patch(f"{LIST}{startup.pk}/", {"description": "x" * 20_001, "version": 1}, format="json")
    assert patch.status_code == 400 and "description" in patch.json()
    reason = api.patch(f"{LIST}{startup.pk}/", {"pipeline_stage": "passed", "stage_reason": "x" * 2001, "version": 1}, format="json")
    assert reason.status_code == 400 and "stage_reason" in reason.json()
    team = api.patch(f"{LIST}{startup.pk}/", {"deal_team": [analyst.pk] * 51, "version": 1}, format="json")
    assert team.status_code == 400 and "deal_team" in team.json()
    assert Startup.objects.count() == 1 and Startup.objects.get().version == 1


@pytest.mark.parametrize("depth", [33, 2000, 100_000])
def test_deeply_nested_json_is_a_400(api, analyst, depth):
    """Probe 9: 2,000 nested arrays were a RecursionError in DRF's JSON parser (a 500)."""
    api.force_authenticate(analyst)
    body = '{"name": "Deep", "tags": ' + "[" * depth + "]" * depth + "}"
    response = api.generic("POST", LIST, body, content_type="application/json")
    assert response.status_code == 400 and "nested deeper than 32" in response.json()["detail"]
    assert not Startup.objects.exists()


def test_a_body_beyond_the_upload_limit_is_a_json_400(api, analyst, settings):
    """DRF reads a JSON body through Django's DATA_UPLOAD_MAX_MEMORY_SIZE check; past it the
    answer was Django's HTML 400 page, now JSON like every /api/ error."""
    settings.DATA_UPLOAD_MAX_MEMORY_SIZE = 1000
    api.force_authenticate(analyst)
    response = api.post(LIST, {"name": "Big", "one_liner": "x" * 2000}, format="json")
    assert response.status_code == 400 and response.json() == {"detail": "The request body is too large."}
    assert not Startup.objects.exists()
