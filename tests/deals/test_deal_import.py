import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook, load_workbook

from achievements.models import AchievementStatus
from deals.imports import template_header
from deals.models import Deal, DealStage
from tests import factories
from tests.access import FORBIDDEN, PAGE, assert_access

pytestmark = pytest.mark.django_db


@pytest.fixture
def results(university):
    return [
        factories.AchievementFactory(university=university, title="直播推流加速技术"),
        factories.AchievementFactory(university=university, title="美颜滤镜实时渲染"),
    ]


def csv_file(rows, name="deals.csv", encoding="utf-8-sig"):
    lines = [",".join(template_header())] + [",".join(row) for row in rows]
    return SimpleUploadedFile(name, "\n".join(lines).encode(encoding), content_type="text/csv")


def good_rows(enterprise):
    return [
        [
            "武汉大学",
            "直播推流加速技术",
            enterprise.name,
            "转让",
            "1200.00",
            "2020-11-23",
            "武汉",
            "2020420100000001",
            "",
            "",
        ],
        ["武汉大学", "美颜滤镜实时渲染", enterprise.credit_code, "Licence", "650", "2020/11/23", "Hubei", "", "", ""],
    ]


def test_only_bureau_staff_import(client, alice, erin, dora):
    url = reverse("deals:import")
    assert_access(client, url, dora, PAGE)
    assert_access(client, url, alice, FORBIDDEN)
    assert_access(client, url, erin, FORBIDDEN)
    assert_access(client, reverse("deals:import_template", args=["xlsx"]), alice, FORBIDDEN)


def test_a_valid_file_is_previewed_then_saved_in_one_go_on_confirmation(client, dora, results, enterprise):
    client.force_login(dora)
    response = client.post(reverse("deals:import"), {"file": csv_file(good_rows(enterprise))})
    assert response.status_code == 200
    assert response.context["report"].is_valid and not Deal.objects.exists()  # the preview saves nothing
    results[0].refresh_from_db()
    assert results[0].status == AchievementStatus.PUBLISHED
    response = client.post(reverse("deals:import_confirm"), {"token": response.context["token"]})
    assert response.status_code == 302
    deals = {deal.achievement.title: deal for deal in Deal.objects.select_related("achievement")}
    assert deals["直播推流加速技术"].stage == DealStage.REGISTERED
    assert deals["美颜滤镜实时渲染"].landing == "hubei" and str(deals["美颜滤镜实时渲染"].amount_wan) == "650.00"
    results[0].refresh_from_db()
    assert results[0].status == AchievementStatus.TRANSFERRED  # the same cascade as a deal signed by hand
    # A second confirmation of the same preview does nothing.
    client.post(reverse("deals:import_confirm"), {"token": response.wsgi_request.POST["token"]})
    assert Deal.objects.count() == 2


def test_bad_rows_are_reported_with_their_line_numbers_and_nothing_is_saved(client, dora, results, enterprise):
    rows = [
        *good_rows(enterprise),
        ["", "不存在的成果", enterprise.name, "许可", "10", "2020-11-23", "武汉", "", "", ""],
        ["", "", enterprise.name, "barter", "-5", "2020-13-40", "火星", "", "", ""],
        [],
        ["武汉大学", "美颜滤镜实时渲染", enterprise.name, "许可", "10", "2099-01-01", "武汉", "", "", ""],
        [
            "武汉大学",
            "美颜滤镜实时渲染",
            enterprise.name,
            "许可",
            "10",
            "2020-11-24",
            "武汉",
            "2020420100000001",
            "",
            "",
        ],
    ]
    client.force_login(dora)
    response = client.post(reverse("deals:import"), {"file": csv_file(rows)})
    assert response.status_code == 400
    errors = {row.line: " ".join(row.errors) for row in response.context["report"].rows if row.errors}
    assert sorted(errors) == [4, 5, 7, 8]  # line 1 is the header; the blank line 6 is skipped
    assert "No research result is titled “不存在的成果”" in errors[4]
    assert "Research result is empty" in errors[5] and "Unknown transfer mode “barter”" in errors[5]
    assert "cannot be negative" in errors[5] and "Unknown landing “火星”" in errors[5] and "not a date" in errors[5]
    assert "cannot be in the future" in errors[7]
    assert "Another deal already has this contract registration number" in errors[8]
    assert "Line 4:" in response.content.decode()
    assert not Deal.objects.exists()
    results[0].refresh_from_db()
    assert results[0].status == AchievementStatus.PUBLISHED
    assert not response.context["token"]  # nothing to confirm


def test_errors_come_in_the_users_language(client, dora, results, enterprise):
    client.cookies["django_language"] = "zh-hans"
    client.force_login(dora)
    rows = [["", "不存在的成果", enterprise.name, "许可", "10", "2020-11-23", "武汉", "", "", ""]]
    response = client.post(reverse("deals:import"), {"file": csv_file(rows)}, HTTP_ACCEPT_LANGUAGE="zh-hans")
    page = response.content.decode()
    assert "第 2 行" in page and "没有名为“不存在的成果”的科技成果" in page


def test_an_excel_file_and_a_gb18030_csv_are_read(client, dora, results, enterprise):
    workbook = Workbook()
    workbook.active.append(template_header())
    for row in good_rows(enterprise):
        workbook.active.append(row)
    buffer = io.BytesIO()
    workbook.save(buffer)
    client.force_login(dora)
    upload = SimpleUploadedFile("deals.xlsx", buffer.getvalue())
    assert client.post(reverse("deals:import"), {"file": upload}).context["report"].is_valid
    gbk = csv_file(good_rows(enterprise), encoding="gb18030")
    assert client.post(reverse("deals:import"), {"file": gbk}).context["report"].is_valid


def test_a_file_without_the_needed_columns_or_of_another_kind_is_refused(client, dora):
    client.force_login(dora)
    bad = SimpleUploadedFile("deals.csv", "成果名称,金额\n a,1\n".encode())
    response = client.post(reverse("deals:import"), {"file": bad})
    assert response.status_code == 400 and "These columns are missing" in response.content.decode()
    response = client.post(reverse("deals:import"), {"file": SimpleUploadedFile("deals.pdf", b"%PDF")})
    assert "Upload a CSV file or an Excel (.xlsx) file." in response.content.decode()


def test_the_templates_download_with_the_expected_columns(client, dora):
    client.force_login(dora)
    response = client.get(reverse("deals:import_template", args=["xlsx"]))
    sheet = load_workbook(io.BytesIO(response.content)).active
    assert [cell.value for cell in sheet[1]] == template_header()
    csv_body = b"".join(client.get(reverse("deals:import_template", args=["csv"])).streaming_content)
    assert csv_body.decode("utf-8-sig").startswith(",".join(template_header()))
