import pytest
from django.db import IntegrityError, transaction

from apps.scoring.engine import Answer, Profile, score
from apps.theses import services
from apps.theses.models import ThesisVersion
from apps.theses.selectors import active_version, version_spec


def test_migration_publishes_the_default_thesis(db):
    version = active_version()
    assert (version.thesis.name, version.number, version.status) == ("Generative AI 2023", 1, "published")
    weights = {c.key: c.weight for c in version.criteria.all()}
    assert weights == {"data_moat": 30, "ux_arbitrage_risk": 25, "second_gen_potential": 25, "fm_dependency": 10, "market_position": 10}
    fits = {f.layer: f.multiplier for f in version.layer_fits.all()}
    assert fits["second_generation"] == 1.10 and fits["ai_hardware"] == 0.85 and len(fits) == 6
    assert all(c.questions.exists() and c.label_ko for c in version.criteria.all())


def test_draft_copies_and_edits_without_touching_the_published(partner):
    active = active_version()
    draft = services.draft_create(actor=partner, based_on=active)
    assert services.draft_create(actor=partner, based_on=active) == draft  # one draft at a time
    assert (draft.number, draft.status) == (2, "draft")
    moat = draft.criteria.get(key="data_moat")
    services.draft_update(actor=partner, version=draft, note="More weight on data", criteria=[{"id": moat.pk, "weight": 50}], layer_fits=[])
    assert draft.criteria.get(key="data_moat").weight == 50
    assert active.criteria.get(key="data_moat").weight == 30
    assert draft.criteria.get(key="data_moat").questions.count() == active.criteria.get(key="data_moat").questions.count()


def test_published_version_never_changes(partner):
    active = active_version()
    moat = active.criteria.get(key="data_moat")
    with pytest.raises(services.VersionLockedError):
        services.draft_update(actor=partner, version=active, note="", criteria=[{"id": moat.pk, "weight": 99}], layer_fits=[])
    with pytest.raises(services.VersionLockedError):
        services.criterion_add(actor=partner, version=active, data={"key": "x", "label_en": "X", "direction": "higher_is_better", "weight": 1}, questions=[])
    assert active.criteria.get(key="data_moat").weight == 30


def test_publish_archives_the_previous_version(partner):
    old = active_version()
    draft = services.draft_create(actor=partner, based_on=old)
    published = services.version_publish(actor=partner, version=draft)
    old.refresh_from_db()
    assert old.status == "archived"
    assert active_version() == draft and published.published_by == partner


def test_only_one_published_version(db):
    active = active_version()
    with pytest.raises(IntegrityError), transaction.atomic():
        ThesisVersion.objects.create(thesis=active.thesis, number=9, status="published")


def test_fund_added_criterion_is_scored_from_answers_through_points(partner):
    draft = services.draft_create(actor=partner, based_on=active_version())
    services.criterion_add(
        actor=partner, version=draft,
        data={"key": "esg_risk", "label_en": "ESG risk", "label_ko": "ESG 위험", "help_en": "", "help_ko": "", "direction": "higher_is_worse", "weight": 10},
        questions=[{"key": "esg_risk_q1", "label_en": "Does it mine crypto?", "label_ko": "암호화폐를 채굴하는가?", "points": {"yes": 60, "no": -20}}],
    )
    spec = version_spec(ThesisVersion.objects.get(pk=draft.pk))
    profile = Profile(name="Acme", description="Builds a chat assistant.")
    yes = {c["key"]: c for c in score(profile, {"esg_risk_q1": Answer("yes")}, spec).to_dict()["criteria"]}["esg_risk"]
    no = {c["key"]: c for c in score(profile, {"esg_risk_q1": Answer("no")}, spec).to_dict()["criteria"]}["esg_risk"]
    assert yes["score"] > no["score"]
    assert yes["reasons"][0]["source"] == "answer" and yes["reasons"][0]["evidence"] == "esg_risk_q1"


def test_retired_criterion_leaves_the_spec(partner):
    draft = services.draft_create(actor=partner, based_on=active_version())
    fm = draft.criteria.get(key="fm_dependency")
    services.draft_update(actor=partner, version=draft, note="", criteria=[{"id": fm.pk, "retired": True}], layer_fits=[])
    keys = [c.key for c in version_spec(ThesisVersion.objects.get(pk=draft.pk)).criteria]
    assert "fm_dependency" not in keys and len(keys) == 4
