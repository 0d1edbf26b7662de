"""Merging two startups keeps everything of both, and can be undone exactly."""
from django.urls import reverse

from apps.memos.models import Memo, MemoExport
from apps.memos.services import memo_save
from apps.scoring.models import EvidenceAnswer, Scorecard, ScoreHistory
from apps.scoring.services import answers_save
from apps.startups.models import ChangeRecord, MergeRecord, Note, Startup
from apps.startups.services import note_create, startup_create
from tests.conftest import login


def test_merge_keeps_everything_and_undo_restores_it(client, analyst, partner, committed):
    with committed():
        keep = startup_create(actor=analyst, data={"name": "ClinicNote", "website": "https://clinicnote.example", "tags": ["health"]})
        drop = startup_create(actor=analyst, data={"name": "(주)클리닉노트", "website": "", "one_liner": "진료 차트 AI", "tags": ["의료"],
                                                   "founders": [{"name": "김서연", "role": "CEO", "profile_url": ""}]})
        note_create(actor=partner, startup=drop, body="Met them in Seoul")
        answers_save(actor=analyst, startup=drop, answers={"dm_flywheel": ("yes", "corrections retrain the model")})
    memo_save(actor=analyst, startup=drop, body="# Drop's memo", version=0, lang="en")
    MemoExport.objects.create(startup=drop, number=1, file="memos/x.pdf", body="v1", language="en", created_by=analyst)
    drop_cards = Scorecard.objects.filter(startup=drop).count()
    drop_history = ScoreHistory.objects.filter(startup=drop).count()

    login(client, analyst)
    with committed():
        response = client.post(reverse("startups:merge"), {"keep": keep.pk, "drop": drop.pk})
    assert response.url == reverse("startups:detail", args=[keep.pk])
    keep.refresh_from_db()
    assert Startup.objects.get(pk=drop.pk).deleted_at is not None
    assert keep.one_liner == "진료 차트 AI"  # an empty field filled from the dropped startup
    assert Note.objects.get().startup == keep
    assert EvidenceAnswer.objects.get().startup == keep
    assert Memo.objects.get().startup == keep and MemoExport.objects.get().startup == keep
    assert sorted(t.name for t in keep.tags.all()) == ["health", "의료"]
    assert [f.name for f in keep.founders.all()] == ["김서연"]
    assert ScoreHistory.objects.filter(startup=keep).count() >= drop_history + 1
    assert Scorecard.objects.filter(startup=drop).count() == drop_cards  # kept with the dropped startup
    assert ChangeRecord.objects.filter(startup=keep, field="merged").exists()
    page = client.get(reverse("startups:detail", args=[keep.pk])).content.decode()
    assert "Undo the merge" in page

    record = MergeRecord.objects.get()
    with committed():
        client.post(reverse("startups:merge_undo", args=[record.pk]))
    keep.refresh_from_db()
    assert Startup.objects.get(pk=drop.pk).deleted_at is None
    assert keep.one_liner == "" and sorted(t.name for t in keep.tags.all()) == ["health"] and not keep.founders.exists()
    assert Note.objects.get().startup_id == drop.pk and EvidenceAnswer.objects.get().startup_id == drop.pk
    assert Memo.objects.get().startup_id == drop.pk and MemoExport.objects.get().startup_id == drop.pk
    assert MemoExport.objects.get().number == 1
    assert ScoreHistory.objects.filter(startup=drop).count() >= drop_history
    assert MergeRecord.objects.get().undone_by == analyst


def test_merge_needs_edit_rights_on_both(client, partner, outsider, analyst, secret_startup, startup):
    login(client, partner)
    assert client.post(reverse("startups:merge"), {"keep": startup.pk, "drop": secret_startup.pk}).status_code == 403
    login(client, outsider)
    assert client.post(reverse("startups:merge"), {"keep": startup.pk, "drop": secret_startup.pk}).status_code == 404
    assert not MergeRecord.objects.exists() and Startup.objects.get(pk=secret_startup.pk).deleted_at is None


def test_duplicates_page_offers_a_merge_only_where_it_is_allowed(client, analyst, outsider):
    startup_create(actor=analyst, data={"name": "Twin Labs"})
    startup_create(actor=analyst, data={"name": "Twin Labs Inc."})
    startup_create(actor=outsider, data={"name": "Twin Labs Ltd"})
    login(client, analyst)
    page = client.get(reverse("startups:duplicates")).content.decode()
    assert page.count("Merge into Twin Labs") == 1  # into her own; not the colleague's deal
    login(client, outsider)
    assert "Merge into" not in client.get(reverse("startups:duplicates")).content.decode()
