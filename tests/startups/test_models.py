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
