"""The labelled profiles of the rubric (a copy of shared/rubric/examples.json, kept beside this
test so that any checkout runs it): layer accuracy and level ordering."""

import json
from pathlib import Path

import pytest

from apps.scoring.engine import Profile, default_thesis, score

EXAMPLES = Path(__file__).resolve().with_name("examples.json")
RANKED = ("data_moat", "ux_arbitrage_risk", "second_gen_potential")

@pytest.fixture(scope="module")
def scored():
    examples = json.loads(EXAMPLES.read_text(encoding="utf-8"))["examples"]
    thesis = default_thesis()
    out = []
    for e in examples:
        profile = Profile(name=e["name"], one_liner=e.get("one_liner", ""), description=e.get("description", ""),
                          website=e.get("website", ""), country=e.get("country", ""), stage=e.get("stage", ""))
        card = score(profile, {}, thesis, lang="ko" if e.get("country") == "KR" else "en").to_dict()
        out.append((e, card))
    return out


def test_layer_accuracy(scored):
    wrong = [(e["name"], e["labels"]["layer"], c["layer"]["key"]) for e, c in scored if c["layer"]["key"] != e["labels"]["layer"]]
    assert len(scored) - len(wrong) >= 21, wrong


@pytest.mark.parametrize("criterion", RANKED)
def test_high_profiles_score_above_low_ones(scored, criterion):
    def value(card):
        return next(c["score"] for c in card["criteria"] if c["key"] == criterion)

    highs = [(value(c), e["name"]) for e, c in scored if e["labels"][criterion] == "high"]
    lows = [(value(c), e["name"]) for e, c in scored if e["labels"][criterion] == "low"]
    assert highs and lows
    assert min(highs)[0] > max(lows)[0], (min(highs), max(lows))


def test_every_reason_of_every_example_slices_back(scored):
    for e, card in scored:
        for reason in card["layer"]["reasons"] + [r for c in card["criteria"] for r in c["reasons"]]:
            if "field" in reason:
                assert e[reason["field"]][reason["start"]:reason["end"]] == reason["evidence"]
