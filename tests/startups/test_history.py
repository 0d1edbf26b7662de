"""Every human change is recorded (who, when, field, old → new); automated rescoring is not."""
from django.urls import reverse

from apps.scoring import services as scoring
from apps.startups.models import ChangeRecord
from apps.startups.services import startup_create, startup_update
from apps.theses import services as theses
from apps.theses.selectors import active_version
from tests.conftest import login


def test_profile_evidence_layer_and_thesis_changes_are_recorded(client, analyst, partner, committed):
    with committed():
        startup = startup_create(actor=analyst, data={"name": "Loop", "pipeline_stage": "sourced", "tags": ["a"]})
        startup = startup_update(actor=analyst, startup=startup, version=1, data={"pipeline_stage": "screening", "tags": ["a", "b"], "name": "Loop"})
        scoring.answers_save(actor=analyst, startup=startup, answers={"dm_flywheel": ("yes", "usage data retrains the model")})
        scoring.layer_decide(actor=analyst, startup=startup, layer="middle_layer")
    records = {(r.entity, r.field): r for r in ChangeRecord.objects.filter(startup=startup)}
    assert (records["profile", "pipeline_stage"].old, records["profile", "pipeline_stage"].new) == ("sourced", "screening")
    assert (records["profile", "tags"].old, records["profile", "tags"].new) == ("a", "a, b")
    assert ("profile", "name") not in records  # unchanged fields are not recorded
    assert records["evidence", "dm_flywheel"].new == "yes usage data retrains the model"
    assert records["layer", "layer"].new == "middle_layer" and records["layer", "layer"].actor == analyst
    before = ChangeRecord.objects.count()
    scoring.scorecard_refresh(startup=startup)  # automated work adds nothing to the human timeline
    assert ChangeRecord.objects.count() == before

    draft = theses.draft_create(actor=partner, based_on=active_version())
    moat = draft.criteria.get(key="data_moat")
    theses.draft_update(actor=partner, version=draft, note="", criteria=[{"id": moat.pk, "weight": 40}], layer_fits=[])
    change = ChangeRecord.objects.get(entity="thesis", field="v2 data_moat.weight")
    assert (change.old, change.new, change.actor) == ("30.0", "40", partner)

    login(client, analyst)
    page = client.get(reverse("startups:detail", args=[startup.pk])).content.decode()
    assert "pipeline_stage" in page and "screening" in page and "dm_flywheel" in page
