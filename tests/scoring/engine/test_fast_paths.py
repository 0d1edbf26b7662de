"""The engine's fast paths give exactly what the plain rules they stand for give.

Detection skips work it can prove useless (prefilter literals, anchoring prefixes, tail gates) and replaces
some regex scans with str.find; each is checked here against the straightforward version on the profiles of
examples.json, signal sentences in both languages and random text built from the rules' own words.
"""

import json
import random
import re
from pathlib import Path

import pytest

from apps.scoring.engine import signals as S
from apps.scoring.engine import text as X
from apps.scoring.engine.prefilter import LiteralIndex
from apps.scoring.engine.types import CriterionScore, criterion_score, rounded

EXAMPLES = Path(__file__).resolve().with_name("examples.json")  # the rubric's labelled profiles
SENTENCES = [
    "Web app that drafts sales emails through a third-party large language model API.",
    "Trains its own speech model on call recordings licensed exclusively from three insurers.",
    "Designs low-power inference chips for cameras and licenses the cores as IP.",
    "An evaluation and monitoring platform for teams shipping LLM features, model-agnostic.",
    "Accounting software used by 4,000 firms since 2012 that added an AI assistant.",
    "Books appointments, pays invoices and reorders supplies on the user's behalf.",
    "It does not use the OpenAI API and has no proprietary data yet - unlike rivals, it isn't free.",
    "Also plans to release open models; users can't fine-tune them, but agents book travel.",
    "ChatGPT API로 보고서를 요약해 주는 웹 서비스로, 출시 3주 만에 유사 서비스가 생겼다.",
    "병원 12곳이 제공한 진료 기록으로 의료 특화 언어모델을 자체 학습했다.",
    "자체 데이터는 아직 없고 외부 API를 쓰며 무료로 운영 중이다.",
    "2011년부터 운영한 회계 소프트웨어에 AI 기능을 추가했고 기존 고객사는 3천 곳이다.",
    "사용자 대신 병원 예약과 결제까지 처리하고 필요한 서류를 알아서 제출한다.",
]


def _texts(n_random: int = 1500, seed: int = 3) -> list[str]:
    texts = list(SENTENCES)
    for e in json.loads(EXAMPLES.read_text(encoding="utf-8"))["examples"]:
        texts += [e.get("one_liner") or "", e.get("description") or ""]
    words = " ".join(texts).split() + list(X.HELPER_WORDS) + ["no", "n't", "-", " - ", ",", ".", "\n", "(", "and uses",
                                                              "So", "WHO", "Also", "plan", "안", "없다", "지 못"]
    rng = random.Random(seed)
    for _ in range(n_random):
        picked = [rng.choice(words) for _ in range(rng.randint(1, 30))]
        texts.append("".join(w + rng.choice(["", " ", " ", "  ", ", ", ". "]) for w in picked))
    texts += [" ".join(rng.sample(SENTENCES, k=rng.randint(2, 6))) for _ in range(200)]
    return texts


TEXTS = _texts()


def _reference_matches(ft: X.FieldText) -> dict[str, list[tuple[int, int, str]]]:
    """signals._matches without any shortcut: every branch scanned by finditer (Korean ones only on Hangul text)."""
    low = ft.low
    found: dict[str, list[tuple[int, int, int, str]]] = {}
    for family, idx, code, pattern, literals, korean, boundary, _, _ in S._BRANCHES:
        if korean and not ft.hangul:
            continue
        if literals and not all(any(lit in low for lit in group) for group in literals):
            assert next(pattern.finditer(low), None) is None, (pattern.pattern, low)  # the literals are required
            continue
        firsts = [low.find(lit) for lit in literals[0] if lit in low] if literals else []
        lo = min(firsts) if firsts else 0
        for m in pattern.finditer(low, lo - S._LOOKBACK if lo > S._LOOKBACK else 0):
            start, end = m.span()
            if boundary and start and low[start - 1] in S._WORD and low[start] in S._WORD:
                continue
            found.setdefault(family, []).append((start, idx, end, code))
    out = {}
    for family, items in found.items():
        kept, last = [], -1
        for start, _, end, code in sorted(items):
            if start >= last and end > start:
                kept.append((start, end, code))
                last = end
        out[family] = kept
    return out


def test_prefiltered_matches_equal_a_plain_scan_of_every_branch():
    for text in TEXTS:
        got = {k: v for k, v in S._matches(X.FieldText(text)).items() if v}
        assert got == _reference_matches(X.FieldText(text)), text


def test_tail_gates_occur_in_every_match():
    gated = [(b[3], re.compile(b[8].pattern)) for b in S._BRANCHES if b[8] is not None]
    assert gated
    for text in TEXTS:
        low = X.ascii_lower(text)
        for pattern, gate in gated:
            for m in pattern.finditer(low):
                assert gate.search(low, m.start()) is not None, (pattern.pattern, low)


def test_literal_index_finds_exactly_the_literals_in_a_text():
    literals = {lit for lit in S._LITERALS._tags} | set(X.HELPER_WORDS)
    index = LiteralIndex(literals)
    for text in TEXTS:
        low = X.ascii_lower(text)
        assert {x for x in index.present(low) if x in literals} == {lit for lit in literals if lit in low}, low


def test_cue_offsets_equal_the_regex_scans():
    for text in TEXTS:
        low = X.ascii_lower(text)
        assert X.literal_starts(low, X._EN_CUE_WORDS, X._EN_CUE_GLUED) == [m.start() for m in X._EN_CUE_AT.finditer(low)]
        assert X.literal_starts(text, (), X._KO_CUE_WORDS) == [m.start() for m in X._KO_CUE_ANY.finditer(text)]
        assert set(X._KO_CUE_WORDS) <= set(X.HELPER_WORDS)
        also = re.compile("(?=" + "|".join(X._ALSO_WORDS) + ")")
        assert X.occurrences(low, X._ALSO_WORDS) == [m.start() for m in also.finditer(low)]


def test_clause_boundaries_equal_the_regex_scan():
    rng = random.Random(5)
    for text in TEXTS:
        low = X.ascii_lower(text)
        stops = [m.start() for m in X._EN_STOP.finditer(low)]
        for _ in range(3):
            a = rng.randint(0, len(text))
            b = rng.randint(a, len(text))
            expected = []
            for m in X._EN_BOUNDARY.finditer(text, a):
                if m.start() >= b:
                    break
                expected.append((m.start(), m.end(), m.group(0) == ","))
            assert X.en_boundaries(low, a, b, stops) == expected, (text, a, b)


def test_sentence_and_clause_spans_equal_the_text_scans():
    rng = random.Random(7)
    marks = re.compile(r"[.;!?\n]")
    for text in TEXTS:
        ft = X.FieldText(text)
        for _ in range(3):
            start = rng.randint(0, len(text))
            end = rng.randint(start, len(text))
            assert ft.clause_bounds(start, end) == X.clause_bounds(text, start, end)
            lo = 0
            for m in marks.finditer(text, 0, start):
                lo = m.end()
            m = marks.search(text, end)
            assert ft.sentence_span(start, end) == (lo, m.start() if m else len(text))
            ends = [m.end() for m in marks.finditer(text)]
            before = [e for e in ends if e <= start]
            assert ft.sentence_start(start) == (before[-1] if before else 0)


@pytest.mark.parametrize("token", ["없다", "않고", "아니다", "아닌", "안", "안에", "못한다", "하지못해", "대신", "말고",
                                   "제외하고", "편안", "수", "되었고", "광고", "하며", "이지만", "모델"])
def test_korean_token_rules_equal_their_regexes(token):
    cue = re.compile(r"없|않|^아니|^아닌|^안$|^못|지\s*못|^대신|^말고|^제외")
    connective = re.compile(r"(?:고|며|지만|는데|면서|으나|거나|므로|니까|어서|아서|해서|하여)$")
    as_strings = ("없" in token or "않" in token or "지못" in token or token.startswith(X._KO_CUE_STARTS)
                  or token == "안")
    assert as_strings == bool(cue.search(token))
    assert token.endswith(X._KO_CONNECTIVE_ENDINGS) == bool(connective.search(token))


def test_rounded_and_criterion_score_equal_the_plain_ones():
    for x in (0.0, -0.0, 45.25, 12.35, 0.945, 7, 1e-9, 99.95, float("nan")):
        for nd in (1, 2):
            expected = round(x, nd)
            got = rounded(x, nd)
            assert type(got) is type(expected) and (got == expected or (got != got and expected != expected))
            assert str(got) == str(expected)
    args = ("data_moat", 40.0, 0.55, "higher_is_better", (), True)
    fast, plain = criterion_score(*args), CriterionScore(*args)
    assert fast == plain and vars(fast) == vars(plain) and hash(fast) == hash(plain)
    with pytest.raises(AttributeError):
        fast.score = 1.0
