"""Blind IC review: each partner's entry stays hidden from the others until they submit theirs."""
from django.urls import reverse

from apps.pipeline.models import ICDecision, ICVote
from tests.conftest import login
from tests.factories import UserFactory

SCORES = {"score_data_moat": 70, "score_ux_arbitrage_risk": 20, "score_second_gen_potential": 40, "score_fm_dependency": 30, "score_market_position": 60}


def test_blind_until_submitted_then_spread_and_decision(client, partner, startup):
    second = UserFactory(username="pedro", role="partner")
    login(client, partner)
    url = reverse("pipeline:ic", args=[startup.pk])
    assert client.post(url, {**SCORES, "vote": "invest", "comment": "Strong data"}).status_code == 302
    login(client, second)
    before = client.get(url).content.decode()
    assert "Strong data" not in before and "Submit my entry" in before  # blind
    client.post(url, {**SCORES, "score_data_moat": 20, "vote": "pass", "comment": "Thin moat"})
    response = client.get(url)
    after = response.content.decode()
    assert "Strong data" in after and "Thin moat" in after
    moat = next(row for row in response.context["summary"]["rows"] if row["criterion"].key == "data_moat")
    assert (moat["values"], moat["spread"], moat["stdev"]) == ([70, 20], 50, 25.0)
    again = client.post(url, {**SCORES, "vote": "invest"})
    assert again.status_code == 409 and "already submitted your entry" in again.content.decode()
    assert ICVote.objects.filter(partner=second).count() == 1  # an entry is final
    client.post(reverse("pipeline:ic_decide", args=[startup.pk]), {"decision": "more_diligence", "note": "Check the data licences"})
    assert ICDecision.objects.get().decided_by == second


def test_analysts_neither_vote_nor_see_entries(client, analyst, partner, startup):
    ICVote.objects.create(startup=startup, partner=partner, scores={"data_moat": 80}, vote="invest", comment="secret view")
    login(client, analyst)
    url = reverse("pipeline:ic", args=[startup.pk])
    page = client.get(url).content.decode()
    assert "secret view" not in page
    assert client.post(url, {**SCORES, "vote": "invest"}).status_code == 403
    assert client.post(reverse("pipeline:ic_decide", args=[startup.pk]), {"decision": "invest"}).status_code == 403


def test_bad_scores_are_refused(client, partner, startup):
    login(client, partner)
    response = client.post(reverse("pipeline:ic", args=[startup.pk]), {**SCORES, "score_data_moat": 140, "vote": "invest"})
    assert response.status_code == 422 and not ICVote.objects.exists()


def test_a_double_submit_answers_409_not_500(client, partner, startup, monkeypatch):
    """Probe 10: a partner's double IC vote was a 500 in 5 of 8 trials (both submits passed the
    "already voted?" check; the second insert broke the unique constraint). Replayed: the first
    submit commits after the second one looked."""
    from django.db.models import QuerySet

    login(client, partner)
    url = reverse("pipeline:ic", args=[startup.pk])
    assert client.post(url, {**SCORES, "vote": "invest", "comment": "First click"}).status_code == 302
    monkeypatch.setattr(QuerySet, "exists", lambda qs: False if qs.model is ICVote else QuerySet.count(qs) > 0)
    response = client.post(url, {**SCORES, "vote": "pass", "comment": "Second click"})
    assert response.status_code == 409 and "already submitted your entry" in response.content.decode()
    assert list(ICVote.objects.values_list("comment", flat=True)) == ["First click"]
