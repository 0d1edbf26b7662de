import pytest

from apps.startups.models import normalise_domain


@pytest.mark.parametrize(
    "website, domain",
    [
        ("https://www.Example.com/path?q=1", "example.com"),
        ("http://example.com:8080", "example.com"),
        ("example.com", "example.com"),
        ("WWW.EXAMPLE.CO.KR.", "example.co.kr"),
        ("", ""),
        ("https://app.example.com", "app.example.com"),
    ],
)
def test_normalise_domain(website, domain):
    assert normalise_domain(website) == domain


@pytest.mark.parametrize(
    "a, b",
    [
        ("Acme Inc.", "ACME"),
        ("Acme, Ltd", "acme"),
        ("Ａｃｍｅ　Ｃｏ．", "acme"),  # full-width forms
        ("주식회사 클리닉노트", "(주)클리닉노트"),
        ("㈜ 클리닉 노트", "클리닉노트"),
        ("Deep-Mind Corp", "deepmind"),
    ],
)
def test_normalise_name_matches_variants(a, b):
    from apps.startups.models import normalise_name

    assert normalise_name(a) == normalise_name(b) != ""


def test_normalise_name_keeps_different_companies_apart():
    from apps.startups.models import normalise_name

    assert normalise_name("Acme Robotics") != normalise_name("Acme")
    assert normalise_name("Cobalt") == "cobalt"  # a legal form inside a word is not stripped
