"""The bureau's command-line contract: rank_matches and score_matches, offline and without a database."""

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest
from django.conf import settings
from django.core.management import CommandError, call_command

DATA = Path(settings.BASE_DIR) / "tests" / "data" / "matching"

ACHIEVEMENTS = [
    {"id": "A1", "title": "钢包渣线用低碳镁碳砖", "abstract": "降低镁碳砖碳含量，渣线寿命提高30%。",
     "field": "advanced_materials", "university": "wust", "lang": "zh", "keywords": ["镁碳砖"], "trl": 7},
    {"id": "A2", "title": "Sub-second live video delivery over QUIC", "abstract": "Low-latency live streaming.",
     "field": "internet_media", "university": "hust", "lang": "en"},
    {"id": "A3", "title": "稻虾共作生态种养", "abstract": "稻田养殖小龙虾，提高规格。",
     "field": "agriculture", "university": "hzau", "lang": "zh"},
]  # fmt: skip
NEEDS = [
    {"id": "N1", "title": "Longer-lasting slag-line lining for steel ladles",
     "description": "Our ladle slag line wears out; we want magnesia-carbon bricks that last longer.",
     "industry": "advanced_materials", "lang": "en", "budget_wan": 300},
    {"id": "N2", "title": "直播低延迟传输", "description": "直播延迟太高，需要低延迟视频传输。",
     "industry": "internet_media", "lang": "zh", "budget_wan": None, "preferred_modes": ["licence"]},
]  # fmt: skip


def write_jsonl(path: Path, records) -> Path:
    path.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n" for r in records), encoding="utf-8")
    return path


@pytest.fixture
def files(tmp_path):
    return write_jsonl(tmp_path / "a.jsonl", ACHIEVEMENTS), write_jsonl(tmp_path / "n.jsonl", NEEDS)


def rank(achievements, needs, *extra) -> str:
    from io import StringIO

    out = StringIO()
    call_command("rank_matches", "--achievements", str(achievements), "--needs", str(needs), *extra, stdout=out)
    return out.getvalue()


def test_it_writes_need_achievement_rank_score_lines_best_first(files):
    lines = [line.split("\t") for line in rank(*files, "--top", "2").splitlines()]
    assert lines[0][:3] == ["N1", "A1", "1"]
    assert next(row[:3] for row in lines if row[0] == "N2") == ["N2", "A2", "1"]
    assert all(len(row) == 4 and 0 <= float(row[3]) <= 1 for row in lines)
    assert all(int(row[2]) <= 2 for row in lines)


def test_it_writes_to_the_out_file(files, tmp_path):
    out = tmp_path / "run.tsv"
    assert rank(*files, "--out", str(out)) == ""
    assert out.read_text(encoding="utf-8").startswith("N1\tA1\t1\t")


@pytest.mark.parametrize(
    ("line", "message"),
    [
        ("{not json", "line 2: invalid JSON"),
        (json.dumps({"id": "A9", "title": "x", "abstract": "y"}), "line 2: missing field(s) field, university, lang"),
        (json.dumps({**ACHIEVEMENTS[0], "id": "A9", "abstract": "  "}), "line 2: abstract is empty"),
        (json.dumps({**ACHIEVEMENTS[0]}), "line 2: duplicate id 'A1' (first on line 1)"),
        (json.dumps({**ACHIEVEMENTS[0], "id": "A9", "lang": "fr"}), "line 2: lang must be 'zh' or 'en'"),
        ("[1, 2]", "line 2: expected a JSON object"),
    ],
)
def test_a_bad_achievements_file_names_the_file_and_line(tmp_path, line, message):
    achievements = tmp_path / "bad.jsonl"
    achievements.write_text(json.dumps(ACHIEVEMENTS[0], ensure_ascii=False) + "\n" + line + "\n", encoding="utf-8")
    needs = write_jsonl(tmp_path / "n.jsonl", NEEDS)
    with pytest.raises(CommandError) as error:
        rank(achievements, needs)
    assert str(achievements) in str(error.value)
    assert message in str(error.value)


def test_a_bad_needs_file_names_the_file_and_line(tmp_path):
    achievements = write_jsonl(tmp_path / "a.jsonl", ACHIEVEMENTS)
    needs = write_jsonl(tmp_path / "n.jsonl", [NEEDS[0], {k: v for k, v in NEEDS[1].items() if k != "budget_wan"}])
    with pytest.raises(CommandError, match=r"n\.jsonl, line 2: missing field\(s\) budget_wan"):
        rank(achievements, needs)
    write_jsonl(needs, [NEEDS[0], {**NEEDS[1], "description": ""}])
    with pytest.raises(CommandError, match=r"n\.jsonl, line 2: description is empty"):
        rank(achievements, needs)


def test_language_tags_are_read_as_the_two_languages(tmp_path):
    from matching.engine import jsonl

    path = write_jsonl(tmp_path / "a.jsonl", [{**ACHIEVEMENTS[0], "lang": "zh-CN"}, {**ACHIEVEMENTS[1], "lang": "EN"}])
    assert [r.lang for r in jsonl.read_results(path)] == ["zh", "en"]


def test_top_must_be_positive_and_out_must_be_writable(files, tmp_path):
    with pytest.raises(CommandError, match="--top must be at least 1"):
        rank(*files, "--top", "0")
    with pytest.raises(CommandError, match="cannot write"):
        rank(*files, "--out", str(tmp_path / "no-such-folder" / "run.tsv"))


def test_a_missing_file_is_named(tmp_path, files):
    with pytest.raises(CommandError, match=r"missing\.jsonl: cannot open the file"):
        rank(tmp_path / "missing.jsonl", files[1])


def test_blank_lines_are_skipped_and_keep_the_line_numbers_right(tmp_path, files):
    needs = tmp_path / "n.jsonl"
    needs.write_text("\n" + json.dumps(NEEDS[0]) + "\n\n{oops\n", encoding="utf-8")
    with pytest.raises(CommandError, match="line 4: invalid JSON"):
        rank(files[0], needs)


def test_it_runs_offline_with_a_database_that_cannot_be_reached(tmp_path, files):
    """Production settings pointed at a closed port: any database access would fail the run."""
    env = {
        **os.environ,
        "DJANGO_SETTINGS_MODULE": "liaison_portal.settings",
        "DATABASE_URL": "postgres://nobody@127.0.0.1:9/none",
        "HTTP_PROXY": "http://127.0.0.1:9",
        "HTTPS_PROXY": "http://127.0.0.1:9",
    }
    out = tmp_path / "run.tsv"
    command = [sys.executable, "manage.py", "rank_matches", "--achievements", str(files[0]), "--needs", str(files[1])]
    completed = subprocess.run(
        [*command, "--top", "1", "--out", str(out)], cwd=settings.BASE_DIR, env=env, capture_output=True, text=True
    )
    assert completed.returncode == 0, completed.stderr
    assert out.read_text(encoding="utf-8").splitlines()[0].startswith("N1\tA1\t1\t")


def test_a_bad_file_exits_non_zero_from_the_shell(tmp_path, files):
    bad = tmp_path / "bad.jsonl"
    bad.write_text("{oops\n", encoding="utf-8")
    completed = subprocess.run(
        [sys.executable, "manage.py", "rank_matches", "--achievements", str(bad), "--needs", str(files[1])],
        cwd=settings.BASE_DIR,
        capture_output=True,
        text=True,
    )
    assert completed.returncode != 0
    assert f"{bad}, line 1: invalid JSON" in completed.stderr


def test_score_matches_prints_every_metric_for_all_and_cross_language_needs(tmp_path):
    from io import StringIO

    run = tmp_path / "run.tsv"
    args = ["--needs", str(DATA / "needs.jsonl"), "--achievements", str(DATA / "achievements.jsonl")]
    call_command("rank_matches", *args, "--out", str(run), stdout=StringIO())
    out = StringIO()
    call_command("score_matches", "--run", str(run), "--qrels", str(DATA / "qrels.tsv"), *args, stdout=out)
    header, everything, cross = out.getvalue().splitlines()
    assert header.split()[1:] == ["P@5", "Recall@10", "nDCG@10", "MRR", "count"]
    assert everything.split()[0] == "all" and everything.split()[-1] == "45"
    assert cross.startswith("cross-language") and cross.split()[-1] == "23"
    direct = StringIO()
    call_command("score_matches", "--engine", "--qrels", str(DATA / "qrels.tsv"), *args, stdout=direct)
    assert direct.getvalue() == out.getvalue()  # the file and the engine agree
