import re
import subprocess

from apps.memos.services import memo_pdf


def test_memo_pdf_has_korean_and_english_text_in_embedded_fonts(korean_startup, analyst, tmp_path, poppler):
    for lang, expected in (("ko", ["투자 메모", "데이터 해자", "클리닉노트", "내부용"]), ("en", ["Investment memo", "Data moat", "클리닉노트", "Deal terms"])):
        pdf, pages, _ = memo_pdf(startup=korean_startup, actor=analyst, lang=lang)
        path = tmp_path / f"memo-{lang}.pdf"
        path.write_bytes(pdf)
        text = subprocess.run(["pdftotext", str(path), "-"], capture_output=True, text=True).stdout
        for phrase in expected:
            assert phrase in text, (lang, phrase)
        assert pages >= 3
        fonts = subprocess.run(["pdffonts", str(path)], capture_output=True, text=True).stdout
        memo_fonts = [line for line in fonts.splitlines() if "Memo-Gothic" in line]
        assert memo_fonts and all(" yes " in line for line in memo_fonts), fonts  # embedded


def test_running_header_and_page_numbers(korean_startup, analyst, tmp_path, poppler):
    pdf, pages, _ = memo_pdf(startup=korean_startup, actor=analyst, lang="en")
    path = tmp_path / "memo.pdf"
    path.write_bytes(pdf)
    third = subprocess.run(["pdftotext", "-f", "3", "-l", "3", str(path), "-"], capture_output=True, text=True).stdout
    assert "클리닉노트" in third and "Internal — do not forward" in third
    assert re.search(rf"\b3\s*/\s*{pages}\b", third)
