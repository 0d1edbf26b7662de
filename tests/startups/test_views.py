"""Startup pages: list with htmx partials, detail with notes, forms with inline validation."""
from django.urls import reverse

from apps.startups.models import Note, Startup
from tests.conftest import login
from tests.factories import NoteFactory, StartupFactory

FORM = {
    "name": "Seoul Vision",
    "website": "seoulvision.example",
    "one_liner": "Vision models for factories",
    "description": "Trains its own defect-detection models.",
    "country": "kr",
    "stage": "seed",
    "pipeline_stage": "sourced",
    "sector": "Manufacturing",
    "tags": "vision, factory",
    "round_size": "1000000",
    "pre_money_valuation": "",
    "currency": "krw",
    "source": "",
    "founders-TOTAL_FORMS": "1",
    "founders-INITIAL_FORMS": "0",
    "founders-MIN_NUM_FORMS": "0",
    "founders-MAX_NUM_FORMS": "20",
    "founders-0-name": "이서준",
    "founders-0-role": "CEO",
    "founders-0-profile_url": "",
}


def test_list_page_and_htmx_partial(client, analyst, startup):
    login(client, analyst)
    page = client.get(reverse("startups:list"))
    assert page.status_code == 200
    assert b"<html" in page.content and b"Open Deal" in page.content
    partial = client.get(reverse("startups:list"), {"q": "open"}, HTTP_HX_REQUEST="true")
    assert b"<html" not in partial.content
    assert b'id="results"' in partial.content and b"Open Deal" in partial.content


def test_list_search_and_filters_without_javascript(client, analyst):
    StartupFactory(owner=analyst, name="Alpha", pipeline_stage="ic", country="US")
    StartupFactory(owner=analyst, name="Beta", pipeline_stage="sourced", country="KR")
    login(client, analyst)
    body = client.get(reverse("startups:list"), {"pipeline_stage": "ic"}).content.decode()
    assert "Alpha" in body and "Beta" not in body
    body = client.get(reverse("startups:list"), {"country": "kr", "stage": "bogus"}).content.decode()
    assert "Beta" in body and "Alpha" not in body


def test_list_paginates(client, analyst):
    StartupFactory.create_batch(30, owner=analyst)
    login(client, analyst)
    first = client.get(reverse("startups:list"))
    assert len(first.context["page"]) == 25
    second = client.get(reverse("startups:list"), {"page": 2})
    assert len(second.context["page"]) == 5


def test_list_hides_confidential_from_outsider(client, outsider, secret_startup, startup):
    login(client, outsider)
    body = client.get(reverse("startups:list"), {"q": "Falcon"}).content.decode()
    assert "Project Falcon" not in body
    assert client.get(reverse("startups:detail", args=[secret_startup.pk])).status_code == 404
    assert client.get(reverse("startups:edit", args=[secret_startup.pk])).status_code == 404
    response = client.post(reverse("startups:note_create", args=[secret_startup.pk]), {"body": "peek"})
    assert response.status_code == 404
    assert not Note.objects.exists()


def test_list_query_count_is_constant(client, analyst, django_assert_max_num_queries):
    login(client, analyst)
    StartupFactory.create_batch(2, owner=analyst)
    with django_assert_max_num_queries(20) as small:
        client.get(reverse("startups:list"))
    StartupFactory.create_batch(25, owner=analyst)
    with django_assert_max_num_queries(len(small.captured_queries)):
        client.get(reverse("startups:list"))


def test_detail_shows_notes_timeline(client, partner, startup):
    NoteFactory(startup=startup, body="Met the founders <script>alert(1)</script>")
    login(client, partner)
    body = client.get(reverse("startups:detail", args=[startup.pk])).content.decode()
    assert "Met the founders &lt;script&gt;" in body
    assert "<script>alert(1)" not in body


def test_partner_comments_via_htmx(client, partner, startup):
    login(client, partner)
    response = client.post(reverse("startups:note_create", args=[startup.pk]), {"body": "Strong team"}, HTTP_HX_REQUEST="true")
    assert response.status_code == 200
    assert b"Strong team" in response.content and b"<html" not in response.content
    assert Note.objects.get().author == partner


def test_empty_note_is_refused_in_place(client, partner, startup):
    login(client, partner)
    response = client.post(reverse("startups:note_create", args=[startup.pk]), {"body": " "}, HTTP_HX_REQUEST="true")
    assert response["HX-Retarget"] == "#note-form"
    assert not Note.objects.exists()


def test_partner_cannot_create_or_edit(client, partner, startup):
    login(client, partner)
    assert client.get(reverse("startups:create")).status_code == 403
    assert client.post(reverse("startups:edit", args=[startup.pk]), FORM).status_code == 403
    assert Startup.objects.get(pk=startup.pk).name == "Open Deal"


def test_analyst_creates_startup(client, analyst):
    login(client, analyst)
    response = client.post(reverse("startups:create"), FORM)
    startup = Startup.objects.get()
    assert response.status_code == 302 and response.url == reverse("startups:detail", args=[startup.pk])
    assert startup.domain == "seoulvision.example" and startup.country == "KR" and startup.currency == "KRW"
    assert startup.owner == analyst
    assert sorted(t.name for t in startup.tags.all()) == ["factory", "vision"]
    assert [f.name for f in startup.founders.all()] == ["이서준"]


def test_invalid_form_shows_errors_and_saves_nothing(client, analyst):
    login(client, analyst)
    response = client.post(reverse("startups:create"), {**FORM, "name": "", "country": "K1"})
    assert response.status_code == 422
    body = response.content.decode()
    assert 'id="error-name"' in body and "This field is required." in body
    assert "two-letter ISO 3166" in body
    assert not Startup.objects.exists()


def test_inline_validation_never_saves(client, analyst):
    login(client, analyst)
    response = client.post(reverse("startups:create") + "?validate=1", FORM, HTTP_HX_REQUEST="true")
    assert response.status_code == 200 and b"<html" not in response.content
    assert not Startup.objects.exists()


def test_inline_validation_flags_bad_values_not_untouched_fields(client, analyst):
    login(client, analyst)
    data = {**FORM, "name": "", "country": "K1"}
    body = client.post(reverse("startups:create") + "?validate=1", data, HTTP_HX_REQUEST="true").content.decode()
    assert "two-letter ISO 3166" in body
    assert "This field is required." not in body


def test_edit_and_stale_edit_keeps_text(client, analyst, startup):
    login(client, analyst)
    url = reverse("startups:edit", args=[startup.pk])
    data = {**FORM, "version": "1"}
    assert client.post(url, {**data, "one_liner": "First save"}).status_code == 302
    response = client.post(url, {**data, "one_liner": "My unsaved words"})
    assert response.status_code == 409
    body = response.content.decode()
    assert "My unsaved words" in body and "First save" in body
    assert Startup.objects.get(pk=startup.pk).one_liner == "First save"


def test_admin_soft_deletes(client, admin_user, analyst, startup):
    login(client, analyst)
    assert client.post(reverse("startups:delete", args=[startup.pk])).status_code == 403
    login(client, admin_user)
    assert client.post(reverse("startups:delete", args=[startup.pk])).status_code == 302
    assert Startup.objects.get(pk=startup.pk).deleted_at is not None
    assert client.get(reverse("startups:detail", args=[startup.pk])).status_code == 404


def test_admin_restores_a_deleted_startup(client, admin_user, analyst, startup, committed):
    from apps.scoring.models import Scorecard

    login(client, admin_user)
    client.post(reverse("startups:delete", args=[startup.pk]))
    assert "Open Deal" in client.get(reverse("startups:trash")).content.decode()
    assert "Open Deal" not in client.get(reverse("startups:list")).content.decode()
    assert b"Open Deal" not in b"".join(client.get("/startups/export.csv").streaming_content)
    with committed():
        response = client.post(reverse("startups:restore", args=[startup.pk]))
    assert response.status_code == 302
    assert Startup.objects.get(pk=startup.pk).deleted_at is None
    assert Scorecard.objects.filter(startup=startup).exists()  # back in rescoring
    login(client, analyst)
    assert client.get(reverse("startups:trash")).status_code == 403
    assert client.post(reverse("startups:restore", args=[startup.pk])).status_code == 404


def test_duplicates_flagged_on_create_and_listed(client, analyst, outsider, secret_startup):
    from apps.startups.services import startup_create

    startup_create(actor=analyst, data={"name": "클리닉노트 주식회사", "website": "https://clinicnote.example"})
    startup_create(actor=analyst, data={"name": "ClinicNote", "website": "https://www.CLINICNOTE.example/en"})
    startup_create(actor=analyst, data={"name": "Acme Inc.", "website": ""})
    login(client, analyst)
    validate = client.post(reverse("startups:create") + "?validate=1", {**FORM, "name": "ACME Ltd", "website": ""}, HTTP_HX_REQUEST="true")
    assert "Possible duplicates" in validate.content.decode() and "Acme Inc." in validate.content.decode()
    page = client.get(reverse("startups:duplicates")).content.decode()
    assert "clinicnote.example" in page and "ClinicNote" in page and "클리닉노트 주식회사" in page  # different scripts, same domain
    login(client, outsider)
    assert "Project Falcon" not in client.get(reverse("startups:duplicates")).content.decode()


def test_names_that_grow_under_normalisation_are_saved_from_the_form(client, analyst):
    """Probe 4: a 200-character "ß" name was a 500 on the web create form."""
    login(client, analyst)
    response = client.post(reverse("startups:create"), {**FORM, "name": "ß" * 200})
    assert response.status_code == 302 and Startup.objects.get().name == "ß" * 200


def test_description_beyond_its_limit_is_refused_in_place(client, analyst):
    """Probe 11: a 1 MB description was accepted (and made its PDF take 15 s)."""
    login(client, analyst)
    response = client.post(reverse("startups:create"), {**FORM, "description": "x" * 1_000_000})
    assert response.status_code == 422 and "at most 20000 characters" in response.content.decode()
    assert not Startup.objects.exists()


def test_deleted_page_and_duplicates_are_paginated(client, admin_user, analyst, django_assert_max_num_queries):
    """Probe 15: the Deleted page listed every deleted startup in one page (150,000 timed out)."""
    from django.utils import timezone

    from tests.factories import StartupFactory

    for n in range(60):
        StartupFactory(owner=analyst, name=f"Gone {n:02d}", deleted_at=timezone.now())
    for n in range(30):
        StartupFactory(owner=analyst, name=f"Twin {n:02d}", website="")
        StartupFactory(owner=analyst, name=f"Twin {n:02d} Inc.", website="")
    from apps.startups.models import Startup as Model
    from apps.startups.models import normalise_name

    for startup in Model.objects.all():
        Model.objects.filter(pk=startup.pk).update(name_key=normalise_name(startup.name))
    login(client, admin_user)
    first = client.get(reverse("startups:trash"))
    assert len(first.context["page"].object_list) == 25 and "Page 1 of 3" in first.content.decode()
    with django_assert_max_num_queries(12):
        last = client.get(reverse("startups:trash"), {"page": 3})
    assert len(last.context["page"].object_list) == 10
    duplicates = client.get(reverse("startups:duplicates"))
    assert len(duplicates.context["groups"]) == 25 and "Page 1 of 2" in duplicates.content.decode()
