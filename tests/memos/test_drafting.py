from apps.memos.selectors import memo_context


def test_english_draft_is_written_from_the_startups_facts(korean_startup):
    body = memo_context(startup=korean_startup, lang="en")["body"]
    for section in ("## Summary", "## Company and team", "## Market and layer", "## Thesis scorecard", "## Key risks", "## Deal terms", "## Recommendation"):
        assert section in body
    assert "클리닉노트" in body and "김서연, CEO" in body and "KRW 8,000,000,000" in body
    assert "| Data moat |" in body
    assert "자체 의료 음성 인식 모델을 학습" in body  # the profile text and cited evidence


def test_korean_draft(korean_startup):
    body = memo_context(startup=korean_startup, lang="ko")["body"]
    assert "## 개요" in body and "## 투자 논리 스코어카드" in body and "| 데이터 해자 |" in body
    assert "## 추천 의견" in body


def test_saved_memo_wins_over_the_draft(korean_startup, analyst):
    from apps.memos.services import memo_save

    memo_save(actor=analyst, startup=korean_startup, body="# Mine", version=0, lang="en")
    assert memo_context(startup=korean_startup, lang="en")["body"] == "# Mine"
