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


@pytest.mark.parametrize(
    "look_alike, latin",
    [
        ("Оpen Mind", "Open Mind"),  # Cyrillic О
        ("Kаkао Вrain", "Kakao Brain"),  # Cyrillic а, о, В
        ("ΑΙΡΗΑ Labs", "AIPHA Labs"),  # Greek capitals
        ("Deеp Sеek", "Deep Seek"),  # Cyrillic е
        ("Naver\u200bCloud", "NaverCloud"),  # a zero-width space
    ],
)
def test_look_alike_letters_do_not_hide_a_duplicate(look_alike, latin):
    """Probe 14: one Cyrillic letter in a name made it a different company to the detector."""
    from apps.startups.models import normalise_name

    assert normalise_name(look_alike) == normalise_name(latin)


@pytest.mark.parametrize("name", ["ß" * 200, "ﷺ" * 200, "㍿" * 150, "Ａ" * 200])
def test_name_key_never_outgrows_its_column(name):
    """Probe 4: NFKC and case folding made 200-character names several times longer."""
    from apps.startups.models import NAME_KEY_LENGTH, Startup, normalise_name

    assert len(name) <= 200 and len(normalise_name(name)) == NAME_KEY_LENGTH
    assert Startup._meta.get_field("name_key").max_length == NAME_KEY_LENGTH


@pytest.mark.django_db
def test_look_alike_duplicate_is_flagged_on_create(analyst):
    from apps.startups.selectors import possible_duplicates
    from apps.startups.services import startup_create

    startup_create(actor=analyst, data={"name": "Open Mind"})
    assert [s.name for s in possible_duplicates(user=analyst, name="Оpen Мind", website="")] == ["Open Mind"]
