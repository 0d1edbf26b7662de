"""Scoring-engine throughput: profiles per second on one core (plain script, not a test).

Run: python bench/engine_bench.py [profiles-per-mode]
"mixed" profiles mix signal sentences with neutral ones like real write-ups; "dense" profiles are signal
sentences only (a worst case). The rate is per CPU-second of this process, so other load on the machine
does not distort it much; wall-clock is printed beside it.

Two figures per mode:
- cold: every profile is distinct and scored once, with the engine's detection cache emptied first
  (the honest figure for scoring new profiles);
- warm: the same profiles rescored against a new thesis version (other weights), the bulk workload after
  a thesis edit, where the text detection is reused from the cache.
"""

from __future__ import annotations

import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1]))

from apps.scoring.engine import ENGINE_VERSION, Profile, default_thesis, score, thesis_from_data  # noqa: E402
from apps.scoring.engine.default_thesis import DEFAULT_THESIS_DATA  # noqa: E402
from apps.scoring.engine.signals import DETECT_CACHE_SIZE, detect, detect_fields  # noqa: E402

TARGET = 2000  # cold profiles per CPU-second on one core, for the realistic ("mixed") profiles

EN = [
    "Web app that drafts sales emails through a third-party large language model API.",
    "Trains its own speech model on call recordings licensed exclusively from three insurers.",
    "Designs low-power inference chips for cameras and licenses the cores as IP.",
    "An evaluation and monitoring platform for teams shipping LLM features, model-agnostic.",
    "Accounting software used by 4,000 firms since 2012 that added an AI assistant.",
    "Books appointments, pays invoices and reorders supplies on the user's behalf.",
    "Predicts when stock will run out and places the order ahead of time.",
    "Launched last month by a solo founder; a free Chrome extension with templates.",
    "Every correction made by radiologists improves the model for all 150 hospitals.",
    "It does not use the OpenAI API and has no proprietary data yet.",
    "Helps real-estate agents write listings and answers buyers' questions in a chat.",
    "Signed multi-year contracts with regional banks; net revenue retention is 130%.",
]
KO = [
    "ChatGPT API로 보고서를 요약해 주는 웹 서비스로, 출시 3주 만에 유사 서비스가 생겼다.",
    "병원 12곳이 제공한 진료 기록으로 의료 특화 언어모델을 자체 학습했다.",
    "엣지 기기용 NPU를 설계해 가전 업체에 공급한다.",
    "기업이 LLM 서비스를 배포하고 모니터링하는 MLOps 플랫폼이며 특정 모델에 묶이지 않는다.",
    "2011년부터 운영한 회계 소프트웨어에 AI 기능을 추가했고 기존 고객사는 3천 곳이다.",
    "사용자 대신 병원 예약과 결제까지 처리하고 필요한 서류를 알아서 제출한다.",
    "재고가 떨어지기 전에 미리 주문하고, 사용할수록 예측이 정확해진다.",
    "자체 데이터는 아직 없고 외부 API를 쓰며 무료로 운영 중이다.",
    "상담원이 답변을 작성할 때 초안을 추천하는 챗봇이다.",
    "차량과 TV, 스피커 어디서나 말로 부르면 일정을 챙겨 준다.",
]


# Sentences with no signal: real write-ups spend most of their words on team, market and history.
EN_NEUTRAL = [
    "The founders met at a university lab in Seoul and previously worked at a large logistics company.",
    "The seed round was led by a regional fund, with two angel investors joining later in the year.",
    "Headquarters are in Berlin, with a small engineering office in Lisbon and a sales lead in London.",
    "The market is fragmented, with hundreds of small regional players and no clear leader today.",
    "The team of eleven includes four engineers, two designers and a former hospital administrator.",
    "Pricing has changed twice since launch as the company tested monthly and annual plans.",
    "The company plans to expand into Southeast Asia after hiring a country manager in Singapore.",
    "Early feedback from pilot users focused on onboarding speed and the quality of the reports.",
]
KO_NEUTRAL = [
    "창업자들은 대학 연구실에서 만났고 이전에 대형 물류 회사에서 함께 일했다.",
    "시드 라운드는 지역 펀드가 주도했으며 엔젤 투자자 두 명이 뒤이어 참여했다.",
    "본사는 판교에 있고 부산에 작은 개발 사무소를 두고 있다.",
    "시장은 파편화되어 있으며 아직 뚜렷한 선도 기업이 없다.",
    "팀은 열한 명으로 개발자 네 명과 디자이너 두 명, 병원 행정 경력자가 있다.",
    "출시 이후 월간 요금제와 연간 요금제를 시험하며 가격을 두 번 바꿨다.",
    "내년에는 동남아 시장 진출을 위해 싱가포르 법인장을 채용할 계획이다.",
    "초기 사용자 의견은 온보딩 속도와 보고서 품질에 집중되었다.",
]


def make_profiles(n: int, seed: int = 7, dense: bool = False) -> list[Profile]:
    """n distinct profiles of about 150 words (English) or 100 eojeol (Korean), alternating languages.

    Mixed (default): 4-5 signal sentences among neutral ones, like a real write-up. Dense: signals only.
    Each profile has its own name and figures, so no two texts are the same.
    """
    rng = random.Random(seed)
    out = []
    for i in range(n):
        english = i % 2 == 0
        signals, neutral = (EN, EN_NEUTRAL) if english else (KO, KO_NEUTRAL)
        if dense:
            sentences = rng.sample(signals, k=9 if english else 10)
        else:
            sentences = rng.sample(signals, k=rng.randint(4, 5)) + rng.sample(neutral, k=rng.randint(4, 5))
            first, rest = sentences[0], sentences[1:]
            rng.shuffle(rest)
            sentences = [first] + rest
        figure = (f"It was incorporated in {2015 + i % 9} and employs {5 + i % 97} people." if english
                  else f"{2015 + i % 9}년에 설립되었고 직원은 {5 + i % 97}명이다.")
        sentences.insert(rng.randint(1, len(sentences)), figure)
        out.append(Profile(name=f"Startup {i:05d}", one_liner=sentences[0], description=" ".join(sentences[1:])))
    return out


def _rate(profiles: list[Profile], thesis) -> tuple[float, float]:
    cpu0, wall0 = time.process_time(), time.perf_counter()
    for i, p in enumerate(profiles):
        score(p, {}, thesis, lang="ko" if i % 4 in (1, 2) else "en").to_dict()
    cpu, wall = time.process_time() - cpu0, time.perf_counter() - wall0
    return len(profiles) / cpu, len(profiles) / wall


def run(label: str, profiles: list[Profile]) -> float:
    """Score distinct profiles once with a cold cache, then rescore them against a new thesis version.

    Returns the cold rate (profiles per CPU-second)."""
    thesis = default_thesis()
    revised = thesis_from_data({**DEFAULT_THESIS_DATA, "version": 2, "criteria": tuple(
        {**c, "weight": c["weight"] * (1.5 if i % 2 else 0.5)} for i, c in enumerate(DEFAULT_THESIS_DATA["criteria"]))})
    en = [p for i, p in enumerate(profiles) if i % 2 == 0]
    words = sum(len((p.one_liner + " " + p.description).split()) for p in en) / len(en)
    for p in make_profiles(50, seed=99):  # warm-up: imports, regex compilation, the token vocabulary
        score(p, {}, thesis)
    detect_fields.cache_clear()
    cold_cpu, cold_wall = _rate(profiles, thesis)
    hits = sum(len(detect(p)) for p in profiles) / len(profiles)
    warm_cpu, warm_wall = _rate(profiles, revised)
    print(f"{label:6} {len(profiles):6d} distinct profiles, ~{words:.0f} words (EN), {hits:.1f} signal hits/profile")
    print(f"       cold (new profiles):        {cold_cpu:7,.0f} profiles/s per CPU-second ({cold_wall:,.0f}/s wall clock)")
    print(f"       warm (rescore, new thesis): {warm_cpu:7,.0f} profiles/s per CPU-second ({warm_wall:,.0f}/s wall clock)")
    return cold_cpu


def main() -> None:
    n = min(int(sys.argv[1]) if len(sys.argv) > 1 else 6000, DETECT_CACHE_SIZE)
    print(f"scoring engine {ENGINE_VERSION}, one process, one thread, score(...).to_dict() per profile")
    mixed = run("mixed", make_profiles(n))
    dense = run("dense", make_profiles(n, seed=8, dense=True))
    print(f"engine: {mixed:,.0f} profiles/s cold on one core (target {TARGET:,}); dense worst case {dense:,.0f}/s")


if __name__ == "__main__":
    main()
