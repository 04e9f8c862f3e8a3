"""CSV export of the filtered results list: UTF-8 with a BOM, formulas neutralised, only what the user may see."""

import csv
import io

import pytest
from django.urls import reverse

from tests import factories

pytestmark = pytest.mark.django_db


def export(client, **params) -> tuple[bytes, list[list[str]]]:
    response = client.get(reverse("achievements:export"), params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/csv; charset=utf-8"
    assert 'filename="results.csv"' in response["Content-Disposition"]
    body = b"".join(response.streaming_content)
    return body, list(csv.reader(io.StringIO(body.decode("utf-8-sig"))))


def test_the_file_starts_with_a_bom_so_excel_reads_chinese(client, alice, published):
    client.force_login(alice)
    body, rows = export(client)
    assert body.startswith("\ufeff".encode())
    assert rows[1][0] == published.title
    assert rows[1][1] == "武汉大学"


def test_a_cell_that_looks_like_a_formula_is_neutralised(client, alice, university, modes):
    result = factories.AchievementFactory(university=university, title="=cmd|' /C calc'!A0", keywords="+SUM(1)")
    result.transfer_modes.set([modes["licence"]])
    client.force_login(alice)
    _body, rows = export(client)
    (row,) = rows[1:]
    assert row[0] == "'=cmd|' /C calc'!A0"
    assert row[11] == "'+SUM(1)"
    assert row[4] == "6"
    assert row[7] == "Licence"


def test_only_the_rows_the_user_may_see_are_exported(client, alice, erin, draft, other_draft, published):
    client.force_login(alice)
    _body, rows = export(client)
    assert {row[0] for row in rows[1:]} == {draft.title, published.title}
    client.force_login(erin)
    _body, rows = export(client)
    assert {row[0] for row in rows[1:]} == {published.title}


def test_the_export_follows_the_lists_filters(client, dora, draft, other_draft, published, other_university):
    client.force_login(dora)
    _body, rows = export(client, university=other_university.pk)
    assert [row[0] for row in rows[1:]] == [other_draft.title]
    _body, rows = export(client, status="published")
    assert [row[0] for row in rows[1:]] == [published.title]


def test_the_export_does_not_run_a_query_per_row(client, dora, university, modes, django_assert_max_num_queries):
    for _ in range(30):
        factories.AchievementFactory(university=university).transfer_modes.set([modes["licence"]])
    client.force_login(dora)
    with django_assert_max_num_queries(8):
        _body, rows = export(client)
    assert len(rows) == 31
