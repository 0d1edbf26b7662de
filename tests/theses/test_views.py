from django.urls import reverse

from apps.scoring.models import Scorecard
from apps.theses.models import ThesisVersion
from apps.theses.selectors import active_version
from tests.conftest import login


def _draft_post(draft, **changes):
    criteria = list(draft.criteria.all())
    fits = list(draft.layer_fits.all())
    data = {
        "note": "Tilt to data", "criteria-TOTAL_FORMS": len(criteria), "criteria-INITIAL_FORMS": len(criteria),
        "fits-TOTAL_FORMS": len(fits), "fits-INITIAL_FORMS": len(fits),
    }
    for i, c in enumerate(criteria):
        data |= {f"criteria-{i}-id": c.pk, f"criteria-{i}-label_en": c.label_en, f"criteria-{i}-label_ko": c.label_ko,
                 f"criteria-{i}-help_en": c.help_en, f"criteria-{i}-help_ko": c.help_ko, f"criteria-{i}-weight": c.weight}
    for i, f in enumerate(fits):
        data |= {f"fits-{i}-id": f.pk, f"fits-{i}-multiplier": f.multiplier}
    return data | changes


def test_thesis_page_shows_the_active_version(client, analyst):
    login(client, analyst)
    body = client.get(reverse("theses:list")).content.decode()
    assert "Generative AI 2023" in body and "Data moat" in body
    ko = client.get(reverse("theses:list"), HTTP_ACCEPT_LANGUAGE="ko").content.decode()
    assert "데이터 해자" in ko


def test_analyst_cannot_draft(client, analyst):
    login(client, analyst)
    assert client.post(reverse("theses:draft_create", args=[active_version().pk])).status_code == 403
    assert ThesisVersion.objects.count() == 1


def test_partner_drafts_edits_previews_and_publishes(client, partner, startup, committed):
    login(client, partner)
    response = client.post(reverse("theses:draft_create", args=[active_version().pk]))
    draft = ThesisVersion.objects.get(status="draft")
    assert response.url == reverse("theses:version", args=[draft.pk])
    data = _draft_post(draft, **{"criteria-0-weight": "60"})
    assert client.post(reverse("theses:version", args=[draft.pk]), data).status_code == 302
    assert draft.criteria.get(key="data_moat").weight == 60
    preview = client.get(reverse("scoring:version_preview", args=[draft.pk]), HTTP_HX_REQUEST="true")
    assert preview.status_code == 200 and startup.name in preview.content.decode()
    with committed():
        client.post(reverse("theses:publish", args=[draft.pk]))
    assert active_version().pk == draft.pk
    assert Scorecard.objects.filter(startup=startup, thesis_version=draft).count() == 1


def test_draft_must_keep_a_weighted_criterion(client, partner):
    login(client, partner)
    client.post(reverse("theses:draft_create", args=[active_version().pk]))
    draft = ThesisVersion.objects.get(status="draft")
    data = _draft_post(draft, **{f"criteria-{i}-weight": "0" for i in range(5)})
    response = client.post(reverse("theses:version", args=[draft.pk]), data)
    assert response.status_code == 422
    assert draft.criteria.get(key="data_moat").weight == 30


def test_published_version_cannot_be_edited_in_the_browser(client, partner):
    login(client, partner)
    version = active_version()
    response = client.post(reverse("theses:version", args=[version.pk]), _draft_post(version, **{"criteria-0-weight": "90"}))
    assert response.status_code == 403
    assert version.criteria.get(key="data_moat").weight == 30


def test_add_criterion_in_the_browser(client, partner):
    login(client, partner)
    client.post(reverse("theses:draft_create", args=[active_version().pk]))
    draft = ThesisVersion.objects.get(status="draft")
    data = {"key": "team_depth", "label_en": "Team depth", "label_ko": "팀 역량", "direction": "higher_is_better", "weight": "5",
            "q1_en": "Has the team shipped ML products before?", "q1_yes": "40", "q1_no": "-10"}
    assert client.post(reverse("theses:criterion_add", args=[draft.pk]), data).status_code == 302
    criterion = draft.criteria.get(key="team_depth")
    assert not criterion.builtin and criterion.questions.get().points == {"yes": 40.0, "no": -10.0}
    again = client.post(reverse("theses:criterion_add", args=[draft.pk]), data)
    assert again.status_code == 422 and "already has a criterion" in again.content.decode()


def test_drafts_are_hidden_from_analysts(client, partner, analyst):
    login(client, partner)
    client.post(reverse("theses:draft_create", args=[active_version().pk]))
    draft = ThesisVersion.objects.get(status="draft")
    login(client, analyst)
    assert client.get(reverse("theses:version", args=[draft.pk])).status_code == 403
    assert client.get(reverse("scoring:version_preview", args=[draft.pk])).status_code == 403


def test_whatif_sliders_rerank_live(client, partner, analyst, committed):
    from apps.startups.services import startup_create

    with committed():
        agent = startup_create(actor=analyst, data={"name": "Agentic", "description": "Books and pays across travel sites for the user, before they ask."})
        startup_create(actor=analyst, data={"name": "Datafirst", "description": "Trains its own models on exclusive licensed hospital data; 40 paying hospitals renew."})
    login(client, partner)
    client.post(reverse("theses:draft_create", args=[active_version().pk]))
    draft = ThesisVersion.objects.get(status="draft")
    page = client.get(reverse("theses:version", args=[draft.pk])).content.decode()
    assert 'type="range"' in page and "/whatif/" in page
    keys = [c.key for c in draft.criteria.all()]
    gen = _draft_post(draft, **{f"criteria-{i}-weight": ("100" if key == "second_gen_potential" else "0") for i, key in enumerate(keys)})
    html = client.post(reverse("scoring:version_whatif", args=[draft.pk]), gen, HTTP_HX_REQUEST="true").content.decode()
    assert html.index("Agentic") < html.index("Datafirst") and "▲1" in html  # Agentic overtakes
    moat = _draft_post(draft, **{f"criteria-{i}-weight": ("100" if key == "data_moat" else "0") for i, key in enumerate(keys)})
    html = client.post(reverse("scoring:version_whatif", args=[draft.pk]), moat, HTTP_HX_REQUEST="true").content.decode()
    assert html.index("Datafirst") < html.index("Agentic") and f"/startups/{agent.pk}/" in html
    assert draft.criteria.get(key="data_moat").weight == 30  # a what-if saves nothing
    login(client, analyst)
    assert client.post(reverse("scoring:version_whatif", args=[draft.pk]), moat).status_code == 403
