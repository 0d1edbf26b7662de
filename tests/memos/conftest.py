import shutil

import pytest

from apps.startups.services import startup_create
from tests.conftest import need


@pytest.fixture
def poppler():
    need(bool(shutil.which("pdftotext") and shutil.which("pdffonts")), "poppler-utils (pdftotext, pdffonts) is not installed")


@pytest.fixture
def korean_startup(analyst, committed):
    with committed():
        return startup_create(actor=analyst, data={
            "name": "클리닉노트", "one_liner": "진료 대화를 듣고 차트를 쓰는 의료 AI", "country": "KR", "stage": "series_a",
            "description": "병원과 계약해 확보한 비식별 진료 데이터로 자체 의료 음성 인식 모델을 학습했다. 유료 병원 고객 40곳.",
            "round_size": 8_000_000_000, "currency": "KRW", "source": "Partner referral",
            "founders": [{"name": "김서연", "role": "CEO", "profile_url": ""}],
        })
