"""Benchmark: seconds per page of a typical Korean + English memo PDF.

Uses a throwaway SQLite database; prints the in-process render time per page and the
time of a synchronous, time-limited render (a child process, WeasyPrint import included).

    python bench/memo_bench.py [--runs 5]
"""
import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--runs", type=int, default=5)
    args = parser.parse_args()
    os.environ.update(DJANGO_SETTINGS_MODULE="config.settings.local", DATABASE_URL=f"sqlite:///{tempfile.mkdtemp()}/bench.sqlite3")
    os.environ.pop("REDIS_URL", None)
    import django

    django.setup()
    from django.core.management import call_command

    from apps.accounts.models import User
    from apps.memos import selectors
    from apps.memos.rendering import html_to_pdf, html_to_pdf_with_limit
    from apps.scoring.services import scorecard_refresh
    from apps.startups.services import startup_create

    call_command("migrate", verbosity=0)
    user = User.objects.create_user("bench")
    startup = startup_create(actor=user, data={
        "name": "클리닉노트 Health", "one_liner": "진료 대화를 듣고 차트를 쓰는 의료 AI", "country": "KR", "stage": "series_a",
        "description": ("전국 120개 의원에 설치되어 진료 중 대화를 받아 적고 전자의무기록에 맞춰 차트를 작성한다. "
                        "Trains its own speech model on de-identified visit data licensed from partner hospitals; "
                        "doctors' corrections flow back into training. 40 paying clinics renew yearly. ") * 3,
        "round_size": 8_000_000_000, "currency": "KRW", "founders": [{"name": "김서연", "role": "CEO", "profile_url": ""}],
    })
    scorecard_refresh(startup=startup)
    for lang in ("ko", "en"):
        context = selectors.memo_context(startup=startup, lang=lang)
        html = selectors.pdf_html(context=context, author=user, confidential_marking="Confidential")
        html_to_pdf(html, selectors.static_dirs())  # warm: fonts parsed once per process
        started = time.perf_counter()
        for _ in range(args.runs):
            _pdf, pages = html_to_pdf(html, selectors.static_dirs())
        per_memo = (time.perf_counter() - started) / args.runs
        started = time.perf_counter()
        html_to_pdf_with_limit(html, selectors.static_dirs(), timeout=60)
        child = time.perf_counter() - started
        print(f"memo PDF ({lang}): {pages} pages, {per_memo:.2f} s per memo in a warm process = {per_memo / pages:.3f} s per page; "
              f"synchronous render in a child process {child:.2f} s")


if __name__ == "__main__":
    main()
