"""Check corpus files against GUIDE.md's record format and print their balance.

    python3 apps/engine/corpus/check.py apps/engine/corpus/raw/w1.jsonl [more.jsonl ...]

Stands alone (standard library only), so corpus writers can run it without the project.
"""
from __future__ import annotations

import json
import sys
from collections import Counter

LAYERS = ("foundation_model", "middle_layer", "ai_hardware", "ai_application", "software_plus_ai", "second_generation")
LEVEL_KEYS = ("data_moat", "ux_arbitrage_risk", "second_gen_potential", "fm_dependency", "market_position")
LEVELS = ("low", "medium", "high")
LANGS = ("en", "ko", "mixed")
STYLES = ("clean_en", "clean_ko", "one_line", "website_en", "website_ko", "deck_bullets", "news_en", "news_ko",
          "gaejosik_ko", "analyst_shorthand", "cold_email", "mixed_kr_en", "long_memo")
HARD = ("negation", "buzzwords", "human_agent", "competitor_named", "pivot", "hardware_with_software", "old_saas_ai",
        "per_user_finetune", "korean_only_claim", "agent_in_name", "implicit", "numbers_only")
STAGES = ("", "pre_seed", "seed", "series_a", "series_b", "series_c", "growth", "corporate")


def problems(record: dict) -> list[str]:
    """What is wrong with one record (empty when it is well formed)."""
    out = []
    for key in ("id", "name", "description", "reason"):
        if not isinstance(record.get(key), str) or (key != "description" and not record[key].strip()):
            out.append(f"{key} missing")
    for key in ("one_liner", "website", "country", "stage"):
        if not isinstance(record.get(key, ""), str):
            out.append(f"{key} must be a string")
    if not (record.get("one_liner") or record.get("description")):
        out.append("one_liner and description both empty")
    if record.get("lang") not in LANGS:
        out.append(f"lang {record.get('lang')!r}")
    if record.get("style") not in STYLES:
        out.append(f"style {record.get('style')!r}")
    if not isinstance(record.get("hard"), list) or any(h not in HARD for h in record["hard"]):
        out.append(f"hard {record.get('hard')!r}")
    if record.get("stage", "") not in STAGES:
        out.append(f"stage {record.get('stage')!r}")
    country = record.get("country", "")
    if country and (len(country) != 2 or not country.isupper()):
        out.append(f"country {country!r}")
    labels = record.get("labels")
    if not isinstance(labels, dict):
        return out + ["labels missing"]
    if labels.get("layer") not in LAYERS:
        out.append(f"layer {labels.get('layer')!r}")
    out += [f"{key} {labels.get(key)!r}" for key in LEVEL_KEYS if labels.get(key) not in LEVELS]
    return out


def main(paths: list[str]) -> int:
    records, bad, ids = [], 0, Counter()
    for path in paths:
        with open(path, encoding="utf-8") as handle:
            for number, line in enumerate(handle, start=1):
                if not line.strip():
                    continue
                try:
                    record = json.loads(line)
                except json.JSONDecodeError as error:
                    print(f"{path}:{number}: not JSON ({error})")
                    bad += 1
                    continue
                found = problems(record)
                if found:
                    print(f"{path}:{number}: {record.get('id')}: {'; '.join(found)}")
                    bad += 1
                records.append(record)
                ids[record.get("id")] += 1
    for dup, count in ids.items():
        if count > 1:
            print(f"duplicate id {dup!r} ({count} times)")
            bad += 1
    words = sorted(len((r.get("one_liner", "") + " " + r.get("description", "")).split()) for r in records)
    print(f"{len(records)} records, {bad} problems")
    if records:
        print("lang:", dict(Counter(r.get("lang") for r in records)))
        print("layer:", dict(Counter(r.get("labels", {}).get("layer") for r in records)))
        print("style:", dict(Counter(r.get("style") for r in records)))
        print("hard:", dict(Counter(h for r in records for h in r.get("hard", []))))
        for key in LEVEL_KEYS:
            print(f"{key}:", dict(Counter(r.get("labels", {}).get(key) for r in records)))
        print("words (min/median/max):", words[0], words[len(words) // 2], words[-1])
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
