"""Fixtures for the research-result tests: teams at both universities, transfer modes, valid form input
and uploads of each allowed (and one refused) file type. Uploaded files go to a temporary MEDIA_ROOT."""

import pytest
from django.conf import settings as django_settings
from django.core.files.uploadedfile import SimpleUploadedFile
from django.utils import translation

from core.models import TransferModeOption
from tests import factories

PDF_BYTES = b"%PDF-1.7\n1 0 obj<<>>endobj\ntrailer<<>>\n%%EOF\n"
PNG_BYTES = b"\x89PNG\r\n\x1a\n" + b"\x00" * 64
JPEG_BYTES = b"\xff\xd8\xff\xe0" + b"\x00" * 64
EXE_BYTES = b"MZ\x90\x00" + b"\x00" * 64


@pytest.fixture(autouse=True)
def in_english(client):
    """Messages are asserted by their English msgids, which stay put when the Chinese catalogue is filled in."""
    client.cookies[django_settings.LANGUAGE_COOKIE_NAME] = "en"
    with translation.override("en"):
        yield


@pytest.fixture(autouse=True)
def media_root(settings, tmp_path):
    settings.MEDIA_ROOT = tmp_path / "media"
    return settings.MEDIA_ROOT


def upload(name: str, content: bytes, content_type: str = "application/octet-stream") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, content, content_type=content_type)


@pytest.fixture
def pdf_file():
    return upload("专利证书.pdf", PDF_BYTES, "application/pdf")


@pytest.fixture
def png_file():
    return upload("prototype.png", PNG_BYTES, "image/png")


@pytest.fixture
def jpeg_file():
    return upload("样机照片.jpg", JPEG_BYTES, "image/jpeg")


@pytest.fixture
def team(university):
    return factories.ResearchTeamFactory(university=university, name="新能源材料团队", leader="王教授")


@pytest.fixture
def other_team(other_university):
    return factories.ResearchTeamFactory(university=other_university, name="网络直播技术团队", leader="陈教授")


@pytest.fixture
def modes(db):
    return {mode.code: mode for mode in TransferModeOption.objects.all()}


@pytest.fixture
def result_fields(team, modes):
    """Keyword arguments that `achievement_create` accepts as they are."""
    return {
        "title": "固态锂电池电解质薄膜",
        "abstract": "一种可卷对卷制备的硫化物固态电解质薄膜，室温离子电导率达到10 mS/cm。",
        "field": "new_energy",
        "trl": 5,
        "ip_type": "invention_patent",
        "language": "zh",
        "keywords": "固态电池, 电解质",
        "patent_numbers": "ZL202110456789.1",
        "asking_price_wan": 300,
        "team": team,
        "transfer_modes": [modes["licence"], modes["equity"]],
    }


@pytest.fixture
def form_data(team, modes):
    """What the catalogue form posts for a valid result."""
    return {
        "title": "固态锂电池电解质薄膜",
        "team": team.pk,
        "field": "new_energy",
        "abstract": "一种可卷对卷制备的硫化物固态电解质薄膜。",
        "keywords": "固态电池, 电解质",
        "language": "zh",
        "trl": "5",
        "ip_type": "invention_patent",
        "patent_numbers": "ZL202110456789.1",
        "transfer_modes": ["licence", "equity"],
        "asking_price_wan": "300",
        "action": "draft",
    }


@pytest.fixture
def draft(university, team, alice):
    return factories.AchievementFactory(
        university=university,
        team=team,
        status="draft",
        published_at=None,
        catalogued_by=alice,
        title="氢燃料电池双极板",
    )


@pytest.fixture
def published(university, team, alice, modes):
    result = factories.AchievementFactory(
        university=university, team=team, catalogued_by=alice, title="钙钛矿太阳能电池封装工艺"
    )
    result.transfer_modes.set([modes["licence"]])
    return result


@pytest.fixture
def other_draft(other_university, other_team, carol):
    return factories.AchievementFactory(
        university=other_university,
        team=other_team,
        status="draft",
        published_at=None,
        catalogued_by=carol,
        title="直播带货实时推荐算法",
    )
