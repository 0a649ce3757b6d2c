"""`fazhi serve` through Starlette's TestClient: security first, then the review loop and its data.

The browser end-to-end test is tests/test_web_browser.py; these drive the same app in
process (its worker pool scores for real: nothing is mocked).
"""

from __future__ import annotations

import re
import sqlite3
import time
import warnings
from contextlib import contextmanager
from pathlib import Path

import pytest

pytest.importorskip("starlette")
pytest.importorskip("httpx")
with warnings.catch_warnings():  # Starlette 1.x would rather have httpx2; httpx works the same here
    warnings.simplefilter("ignore")
    from starlette.testclient import TestClient  # noqa: E402
from typer.testing import CliRunner  # noqa: E402

import hostile_report  # noqa: E402
from conftest import SEEDS, database_at  # noqa: E402
from scorer.cli import app as cli  # noqa: E402
from scorer.score import ScoringPolicy, rescore, with_policy  # noqa: E402
from scorer.store import Review, Store, reviewed_statuses  # noqa: E402
from scorer.web import guard  # noqa: E402
from scorer.web.app import guarded_app  # noqa: E402
from scorer.web.desk import ServeConfig  # noqa: E402

SEED = SEEDS / "000_37099fbd818ace80.txt"  # 合肥市科学技术局 2020
SEED2 = SEEDS / "002_270951ed5cca0aaf.txt"
HASH_LINK = re.compile(r'href="/report/([0-9a-f]{64})"')
runner = CliRunner()


@contextmanager
def desk(tmp_path: Path, ruleset, **options):
    config = ServeConfig(db=tmp_path / "fazhi.sqlite", ruleset=ruleset, **options)
    with TestClient(guarded_app(config), base_url="http://127.0.0.1") as client:
        client.get("/")  # the CSRF cookie
        yield client


def csrf(client) -> str:
    return client.cookies.get(guard.CSRF_COOKIE)


def upload(client, *files: tuple[str, bytes], wait: float = 60.0) -> str:
    """POST the files, follow to the status page and wait until every file is done; its HTML."""
    res = client.post("/upload", data={"csrf": csrf(client)},
                      files=[("files", (name, data, "application/octet-stream")) for name, data in files],
                      follow_redirects=False)
    assert res.status_code == 303, res.text
    status_url = res.headers["location"]
    deadline = time.monotonic() + wait
    while True:
        page = client.get(status_url).text
        if "job-queued" not in page and "job-scoring" not in page:
            return page
        assert time.monotonic() < deadline, "uploads not scored in time"
        time.sleep(0.2)


def set_reviewer(client, name: str = "张审核") -> None:
    res = client.post("/reviewer", data={"csrf": csrf(client), "reviewer": name, "next": "/reports"},
                      follow_redirects=False)
    assert res.status_code == 303


# -- security ---------------------------------------------------------------------------------


def test_every_post_without_the_csrf_token_is_refused(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        page = upload(client, (SEED.name, SEED.read_bytes()))
        content_hash = HASH_LINK.search(page).group(1)
        set_reviewer(client)
        posts = [
            ("/upload", {}),
            ("/reviewer", {"reviewer": "冒名者"}),
            (f"/report/{content_hash}/review", {"kind": "status", "rule": "structure.shortcomings", "status": "met", "reason": "x"}),
            (f"/report/{content_hash}/done", {}),
            (f"/report/{content_hash}/memo", {"requirements": "改写"}),
            (f"/report/{content_hash}/facts", {"year": "2021", "reason": "x"}),
        ]
        for url, fields in posts:
            for token in (None, "wrong-token-wrong-token-1234"):
                data = dict(fields, **({"csrf": token} if token else {}))
                res = client.post(url, data=data, follow_redirects=False)
                assert res.status_code == 403, (url, token, res.status_code)
                assert "CSRF" in res.text
        # a form posted from another site is refused before its fields are read
        res = client.post("/reviewer", data={"csrf": csrf(client), "reviewer": "x"},
                          headers={"origin": "http://evil.example"}, follow_redirects=False)
        assert res.status_code == 403
    with Store(tmp_path / "fazhi.sqlite") as store:
        assert store.reviews() == [] and store.memo_text(content_hash) is None


def test_listening_beyond_this_machine_needs_a_token(tmp_path):
    res = runner.invoke(cli, ["serve", "--host", "0.0.0.0", "--db", str(tmp_path / "x.sqlite")])
    assert res.exit_code == 2
    assert "--host: 0.0.0.0 is reachable from other machines; give --token" in res.output
    assert not (tmp_path / "x.sqlite").exists()  # refused before anything was made
    with pytest.raises(Exception, match="too short"):
        guard.check_bind("0.0.0.0", "abc")
    guard.check_bind("0.0.0.0", "long-enough-token")
    guard.check_bind("127.0.0.1", None)
    guard.check_bind("::1", None)


def test_the_token_gates_every_page(tmp_path, ruleset):
    config = ServeConfig(db=tmp_path / "fazhi.sqlite", ruleset=ruleset, token="s3cret-token-x", loopback_only=False)
    with TestClient(guarded_app(config), base_url="http://10.0.0.5") as client:
        assert client.get("/").status_code == 401
        assert client.get("/reports?token=wrong").status_code == 401
        res = client.get("/reports?token=s3cret-token-x&year=2020", follow_redirects=False)
        assert res.status_code == 303 and res.headers["location"] == "/reports?year=2020"  # token out of the URL
        res = client.get("http://10.0.0.5//evil.example/?token=s3cret-token-x", follow_redirects=False)
        assert res.status_code == 303 and not res.headers["location"].startswith("//")  # never off this site
        assert client.get("/reports").status_code == 200  # the cookie now
        client.cookies.clear()
        assert client.get("/reports", headers={"authorization": "Bearer s3cret-token-x"}).status_code == 200


def test_loopback_desk_answers_only_loopback_host_names(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        assert client.get("/", headers={"host": "127.0.0.1:8000"}).status_code == 200
        assert client.get("/", headers={"host": "localhost:8000"}).status_code == 200
        assert client.get("/", headers={"host": "attacker.example"}).status_code == 421  # DNS rebinding


def test_oversize_and_binary_uploads_get_one_clear_error_each_and_the_rest_are_scored(tmp_path, ruleset):
    with desk(tmp_path, ruleset, max_file_bytes=200_000) as client:
        page = upload(
            client,
            ("big.txt", b"x" * 200_001),
            ("logo.gif", b"GIF89a" + bytes(range(256)) * 4),
            ("empty.txt", b""),
            (SEED.name, SEED.read_bytes()),
        )
        assert "big.txt" in page and "文件超过 0.2 MB 上限" in page
        assert "logo.gif" in page and "GIF image" in page
        assert "empty.txt" in page and "文件为空" in page
        assert page.count("job-failed") == 3 and page.count("job-scored") == 1
        # a request body over the limit is cut off as a whole with 413
        res = client.post("/upload", data={"csrf": csrf(client)},
                          files=[("files", ("huge.txt", b"y" * (config_body := 200_000 * 5 + 1_000_001)))])
        assert res.status_code == 413 and "上限" in res.text
        assert config_body > 0
    uploads = list((tmp_path / "uploads").iterdir())
    assert [p.name for p in uploads] == [HASH_LINK.search(page).group(1) + ".txt"]  # failures leave no file


def test_stored_files_are_named_by_content_hash_never_by_the_uploaded_name(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        page = upload(client, ("../../escape/../年度报告.TXT", SEED.read_bytes()))
        content_hash = HASH_LINK.search(page).group(1)
        assert "年度报告.TXT" in page and "escape" not in page  # only the last part of the name is shown
    assert [p.name for p in (tmp_path / "uploads").iterdir()] == [content_hash + ".txt"]
    assert not (tmp_path.parent / "escape").exists()


def test_no_url_reaches_the_file_system(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        for url in ("/report/..%2F..%2Fetc%2Fpasswd", "/report/%2e%2e/memo", "/report/" + "a" * 63 + "/memo",
                    "/report/" + "A" * 64, "/static/..%2F..%2Fpyproject.toml", "/static/upload.js/../../pyproject.toml",
                    "/uploads/..%2Ffazhi.sqlite", "/uploads/nope", "/report/" + "0" * 64):
            res = client.get(url)
            assert res.status_code == 404, url
            assert "[project]" not in res.text and "root:" not in res.text
        assert client.get("/static/upload.js").status_code == 200


def test_a_hostile_report_stays_inert_on_every_page(tmp_path, ruleset):
    hostile = hostile_report.text().encode("utf-8")
    name = hostile_report.IMG + ".txt"  # (a "/" in a name is cut: only the last part is shown)
    with desk(tmp_path, ruleset) as client:
        set_reviewer(client, "<img src=x onerror=alert(1)>")
        page = upload(client, (name, hostile))
        content_hash = HASH_LINK.search(page).group(1)
        rule = "disputes.reconsideration"
        client.post(f"/report/{content_hash}/review", data={
            "csrf": csrf(client), "kind": "status", "rule": rule, "status": "asserted", "reason": hostile_report.SCRIPT})
        client.post(f"/report/{content_hash}/memo", data={"csrf": csrf(client), "requirements": hostile_report.SCRIPT})
        # a hostile issuer stated by a reviewer: stored and shown as text like the report's own
        res = client.post(f"/report/{content_hash}/facts", data={
            "csrf": csrf(client), "issuer": hostile_report.IMG + "局", "reason": hostile_report.SCRIPT}, follow_redirects=False)
        assert res.status_code == 303
        pages = {
            "uploads": page,
            "list": client.get("/reports").text,
            "report": client.get(f"/report/{content_hash}").text,
            "memo": client.get(f"/report/{content_hash}/memo").text,
            "issuer": client.get("/issuer", params={"name": "科技局"}).text,
            "dashboard": client.get("/dashboard").text,
        }
        escaped = {"uploads": "&lt;img src=x", "list": "&lt;img src=x", "report": "&lt;script&gt;", "memo": "&lt;script&gt;",
                   "issuer": "&lt;img src=x",  # the reviewer's name, in the page header
                   "dashboard": "&lt;img src=x"}
        for where, html in pages.items():
            for bad in (hostile_report.SCRIPT, hostile_report.IMG):
                assert bad not in html, (where, bad)
            assert html.count("</textarea>") == html.count("<textarea"), where  # none closed by report text
            assert escaped[where] in html, where
        assert "{{ 7*7 }}" in pages["report"]  # shown as text, never evaluated
        data = client.get(f"/report/{content_hash}/json")  # JSON keeps the text as it is, and is never taken for HTML
        assert data.headers["content-type"].startswith("application/json") and data.headers["x-content-type-options"] == "nosniff"
        assert data.json()["issuer"] == hostile_report.IMG + "局"
        # and the page forbids inline script even if some text slipped through
        res = client.get(f"/report/{content_hash}")
        assert "script-src 'self'" in res.headers["content-security-policy"]
        assert "unsafe-inline" not in res.headers["content-security-policy"].split("script-src")[1].split(";")[0]


# -- the review loop ------------------------------------------------------------------------


def test_a_correction_changes_the_reviewed_score_and_memo_not_the_machines(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        content_hash = HASH_LINK.search(upload(client, (SEED.name, SEED.read_bytes()))).group(1)
        page = client.get(f"/report/{content_hash}").text
        machine = re.search(r'id="machine-score">.*?class="score">([\d.]+)<', page, re.S).group(1)
        reviewed = re.search(r'id="reviewed-score">.*?class="score">([\d.]+)<', page, re.S).group(1)
        assert machine == reviewed
        # without a reviewer name, or without a reason, nothing is stored
        fix = {"csrf": csrf(client), "kind": "status", "rule": "structure.shortcomings", "status": "met", "reason": "第三部分即不足"}
        assert client.post(f"/report/{content_hash}/review", data=fix).status_code == 400
        set_reviewer(client)
        assert client.post(f"/report/{content_hash}/review", data=dict(fix, reason=" ")).status_code == 400
        assert client.post(f"/report/{content_hash}/review", data=dict(fix, status="substantiated")).status_code == 400
        res = client.post(f"/report/{content_hash}/review", data=fix, follow_redirects=False)
        assert res.status_code == 303 and res.headers["location"].endswith("#r-structure.shortcomings")
        page = client.get(f"/report/{content_hash}").text
        reviewed = re.search(r'id="reviewed-score">.*?class="score">([\d.]+)<', page, re.S).group(1)
        assert re.search(r'id="machine-score">.*?class="score">([\d.]+)<', page, re.S).group(1) == machine
        assert float(reviewed) > float(machine)
        assert "已更正 1 处" in page and "张审核" in page and "第三部分即不足" in page
        # the list, the dashboard and the issuer's years rank and show the report as reviewed
        listed = client.get("/reports").text
        assert f"审核后 {reviewed}" in listed and f'<td class="num">{float(machine):.1f}</td>' in listed
        dashboard = client.get("/dashboard").text
        assert reviewed in dashboard and f">{float(machine):.1f}<" not in dashboard
        assert f"<td class=\"num\">{reviewed}</td>" in client.get("/issuer", params={"name": "科技局"}).text
        # …and the 汇总表 downloaded from the list: batch's summary.xlsx, as reviewed, linking back here
        assert 'href="/summary.xlsx"' in listed
        res = client.get("/summary.xlsx")
        assert res.status_code == 200 and res.content[:2] == b"PK"
        assert "attachment" in res.headers["content-disposition"] and "filename*=UTF-8''" in res.headers["content-disposition"]
        import io

        from openpyxl import load_workbook

        sheet = load_workbook(io.BytesIO(res.content)).worksheets[0]
        header = [c.value for c in sheet[1]]
        row = [c.value for c in sheet[2]]
        assert row[header.index("得分")] == float(reviewed) and row[header.index("发文单位")] == "合肥市科技局"
        assert row[header.index("存在的不足和原因")] == "具备"  # the status the reviewer set
        assert sheet["A2"].hyperlink.target == f"http://127.0.0.1/report/{content_hash}"
        memo = client.get(f"/report/{content_hash}/memo").text
        assert f"审核后评分 <strong id=\"memo-score\">{reviewed}</strong>" in memo
        assert f"报告得分{reviewed}分" in memo  # the memo itself is built from the reviewed statuses
        # the edited 整改要求 go into the memo and its .docx
        client.post(f"/report/{content_hash}/memo", data={"csrf": csrf(client), "requirements": "一、请补充执法数据。\n二、请于月底前报送。"})
        assert "1.一、请补充执法数据。" in client.get(f"/report/{content_hash}/memo").text
        res = client.get(f"/report/{content_hash}/memo.docx")
        assert res.status_code == 200 and res.content[:2] == b"PK"
        import io

        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(res.content)).paragraphs)
        assert "请补充执法数据" in text and f"报告得分{reviewed}分" in text
    with Store(tmp_path / "fazhi.sqlite") as store:
        (review,) = store.reviews(content_hash)
        assert (review.rule_id, review.before, review.after, review.reviewer) == ("structure.shortcomings", "absent", "met", "张审核")
        assert review.at  # when
        assert store.latest(content_hash).score == float(machine)  # the machine's record is untouched
    # nothing is overwritten: the trail refuses UPDATE and DELETE
    db = sqlite3.connect(tmp_path / "fazhi.sqlite")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("UPDATE reviews SET after = 'absent'")
    with pytest.raises(sqlite3.DatabaseError, match="append-only"):
        db.execute("DELETE FROM reviews")


def test_a_stated_issuer_and_year_score_the_report_again_everywhere(tmp_path, ruleset):
    """The seed is 合肥市科技局's 2020 report; a reviewer states 2021 and the full name: the
    report is judged by the 2021 Outline from then on — in the desk, the list, the history and
    a later `fazhi batch --force` over the same database — and the trail keeps what was read."""
    from scorer.models import StatedFacts
    from scorer.pipeline import score_file

    with desk(tmp_path, ruleset) as client:
        content_hash = HASH_LINK.search(upload(client, (SEED.name, SEED.read_bytes()))).group(1)
        url = f"/report/{content_hash}/facts"
        fix = {"csrf": csrf(client), "issuer": " 合肥市科学技术局 ", "year": "2021", "reason": "落款为2022年，正文为2021年工作"}
        assert client.post(url, data=fix).status_code == 400  # no reviewer named yet
        set_reviewer(client)
        assert client.post(url, data=dict(fix, reason=" ")).status_code == 400
        for year in ("1990", "二〇二一", "20211"):
            res = client.post(url, data=dict(fix, year=year))
            assert res.status_code == 400 and "年份" in res.text
        assert client.post(url, data=dict(fix, issuer="局" * 101)).status_code == 400
        with Store(tmp_path / "fazhi.sqlite") as store:
            assert store.reviews(content_hash) == []  # nothing refused was stored
        res = client.post(url, data=fix, follow_redirects=False)
        assert res.status_code == 303
        page = client.get(f"/report/{content_hash}").text
        assert "合肥市科学技术局" in page and "机器识别为 合肥市科技局" in page and "机器识别为 2020" in page
        assert "报告年度 2020 → 2021" in page and "发文单位 合肥市科技局 → 合肥市科学技术局" in page
        listed = client.get("/reports").text
        assert "合肥市科学技术局" in listed and "<td>2021</td>" in listed
        assert "<td>2021</td>" in client.get("/issuer", params={"name": "合肥市科学技术局"}).text
        # stating the same again changes nothing
        assert client.post(url, data=fix, follow_redirects=False).status_code == 303
    expected = score_file(SEED, ruleset, stated=StatedFacts("合肥市科学技术局", 2021))
    with Store(tmp_path / "fazhi.sqlite") as store:
        assert [r.kind for r in store.reviews(content_hash)] == ["issuer", "year"]
        assert store.stated_facts(content_hash) == StatedFacts("合肥市科学技术局", 2021)
        record = store.latest(content_hash)
        assert (record.issuer, record.year, record.edition) == ("合肥市科学技术局", 2021, 2021)
        assert [r.status for r in record.results] == [r.status for r in expected.results]
        applies = {r.rule_id: r.applies for r in record.results}
        assert applies["emergency.response"]  # a 2021 Outline requirement
        assert not score_file(SEED, ruleset).result("emergency.response").applies  # as read: 2020
        uploaded = tmp_path / "uploads" / store.upload(content_hash)["stored"]
    # a batch over the same file and database, forced to score again, keeps what was stated
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_bytes(uploaded.read_bytes())
    res = runner.invoke(cli, ["batch", str(folder), "-o", str(tmp_path), "--force", "--jobs", "1"])
    assert res.exit_code == 0, res.output
    with Store(tmp_path / "fazhi.sqlite") as store:
        record = store.latest(content_hash)
        assert (record.issuer, record.year, record.edition) == ("合肥市科学技术局", 2021, 2021)
    gap_report = tmp_path / "reports" / "report.txt.html"
    assert "合肥市科学技术局" in gap_report.read_text(encoding="utf-8")


def test_stated_facts_go_with_the_exported_labels(tmp_path, ruleset):
    """A report reviewed after its year was stated is exported with what was stated, and `fazhi
    eval` scores it with that, as the reviewer saw it. Here the year moves a heading: 2022年重点任务
    is next year's plan in a 2021 report and the year's own work in a 2022 one."""
    text = ("关于2021年法治政府建设工作情况的报告\n一、主要举措和成效\n2021年，我局聘请法律顾问2名，全年审查合同15份。\n"
            "二、2022年重点任务\n（一）深化行政执法公示，全面公示执法信息。\n").encode("utf-8")
    with desk(tmp_path, ruleset) as client:
        content_hash = HASH_LINK.search(upload(client, ("report.txt", text))).group(1)
        set_reviewer(client)
        client.post(f"/report/{content_hash}/facts", data={"csrf": csrf(client), "year": "2022", "reason": "以报送函为准"})
        client.post(f"/report/{content_hash}/done", data={"csrf": csrf(client)})
    out = tmp_path / "labels.yaml"
    assert runner.invoke(cli, ["reviews", "export", str(tmp_path / "fazhi.sqlite"), "-o", str(out)]).exit_code == 0
    from scorer.evaluate import load_gold

    (entry,) = load_gold(out)
    assert entry["stated"] == {"year": 2022} and entry["year"] == 2022
    assert entry["labels"]["enforcement.publicity"] == "asserted"  # as the machine judged it with 2022, confirmed
    res = runner.invoke(cli, ["eval", str(out), "--texts", str(tmp_path / "uploads"), "--no-per-rule"])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if line.startswith("fazhi "))
    assert re.match(r"fazhi\s+1\.000\s+1\.000\s+1\.000\s+1\.000", row), row  # scored as reviewed: with 2022
    assert "reads the report year right on 0 of 1" in res.output  # its own reading was 2021


def test_a_batchs_outputs_written_before_a_stated_year_are_written_again(tmp_path, ruleset):
    """`fazhi batch` scored the report; a reviewer then states its year in the desk: the next
    batch run (not forced) writes that report's outputs again, with the year, and the run after
    that leaves them be."""
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "report.txt").write_bytes(SEED.read_bytes())
    out = tmp_path / "out"
    assert runner.invoke(cli, ["batch", str(folder), "-o", str(out), "--jobs", "1"]).exit_code == 0
    gap_report = out / "reports" / "report.txt.html"
    assert "2020" in gap_report.read_text(encoding="utf-8")
    with TestClient(guarded_app(ServeConfig(db=out / "fazhi.sqlite", ruleset=ruleset)), base_url="http://127.0.0.1") as client:
        client.get("/")
        set_reviewer(client)
        content_hash = HASH_LINK.search(client.get("/reports").text).group(1)
        res = client.post(f"/report/{content_hash}/facts", data={"csrf": csrf(client), "year": "2021", "reason": "核对报送函"},
                          follow_redirects=False)
        assert res.status_code == 303
    before = gap_report.stat().st_mtime_ns
    res = runner.invoke(cli, ["batch", str(folder), "-o", str(out), "--jobs", "1"])
    assert res.exit_code == 0, res.output
    assert gap_report.stat().st_mtime_ns != before
    assert "《法治政府建设实施纲要（2021—2025年）》" in gap_report.read_text(encoding="utf-8")
    written = gap_report.stat().st_mtime_ns
    assert runner.invoke(cli, ["batch", str(folder), "-o", str(out), "--jobs", "1"]).exit_code == 0
    assert gap_report.stat().st_mtime_ns == written  # up to date now: a no-op


def test_evidence_marked_wrong_leaves_the_reviewed_result(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        content_hash = HASH_LINK.search(upload(client, (SEED.name, SEED.read_bytes()))).group(1)
        set_reviewer(client)
        page = client.get(f"/report/{content_hash}").text
        # every evidence sentence links to its anchor in the full text, and the anchor exists
        anchors = set(re.findall(r'href="#s-(\d+)"', page))
        assert anchors and all(f'id="s-{a}"' in page for a in anchors)
        form = re.search(r'name="rule" value="([^"]+)"><input type="hidden" name="start" value="(\d+)">', page)
        rule, start = form.group(1), form.group(2)
        res = client.post(f"/report/{content_hash}/review", data={"csrf": csrf(client), "kind": "evidence", "rule": rule, "start": start},
                          follow_redirects=False)
        assert res.status_code == 303
        assert client.post(f"/report/{content_hash}/review", data={"csrf": csrf(client), "kind": "evidence", "rule": rule, "start": "999999"}).status_code == 400
        assert "撤销误判标记" in client.get(f"/report/{content_hash}").text
    with Store(tmp_path / "fazhi.sqlite") as store:
        _, wrong, done = reviewed_statuses(store.reviews(content_hash))
        assert wrong == {(rule, int(start))} and not done


def test_rescore_is_the_scorers_own_scoring(seed_results):
    result = seed_results[SEED.name]
    same = rescore(result, {})
    assert (same.score, same.grade, same.core_score) == (result.score, result.grade, result.core_score)
    assert [r.points for r in same.results] == [r.points for r in result.results]
    gap = result.gaps[0]
    fixed = rescore(result, {gap.rule.id: "substantiated" if gap.rule.kind == "element" else "met"})
    assert fixed.score > result.score and fixed.result(gap.rule.id).points == gap.max_points
    assert fixed.result(gap.rule.id).reason == "审核人更正"


def test_a_new_ruleset_keeps_the_reviews_and_shows_agree_or_differ(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        content_hash = HASH_LINK.search(upload(client, (SEED.name, SEED.read_bytes()))).group(1)
        set_reviewer(client)
        client.post(f"/report/{content_hash}/review", data={
            "csrf": csrf(client), "kind": "status", "rule": "structure.shortcomings", "status": "met", "reason": "核对原文"})
    with Store(tmp_path / "fazhi.sqlite") as store:
        # a correction made when older rules said absent; the current rules say substantiated
        agreed = next(r.rule_id for r in store.latest(content_hash).results if r.status == "substantiated")
        store.add_review(Review(content_hash, agreed, "status", None, "absent", "substantiated", "有据可查", "李"))
    # The same desk under other rules (a scoring policy marks the version): the report is scored again
    # when opened, and the reviews are still there.
    other = with_policy(ruleset, ScoringPolicy(credit={**ScoringPolicy().credit, "asserted": 0.5}))
    assert other.version != ruleset.version
    with desk(tmp_path, other, policy=ScoringPolicy(credit={**ScoringPolicy().credit, "asserted": 0.5})) as client:
        page = client.get(f"/report/{content_hash}").text
        assert "已更正 2 处" in page
        article = lambda rule: re.search(rf'<article[^>]*id="r-{re.escape(rule)}".*?</article>', page, re.S).group(0)  # noqa: E731
        assert "机器判定与审核不一致" in article("structure.shortcomings")  # the machine still says absent
        assert "按现行规则，机器判定与审核一致" in article(agreed)  # the machine already says so
    with Store(tmp_path / "fazhi.sqlite") as store:
        assert store.get(content_hash, other.version) is not None and store.get(content_hash, ruleset.version) is not None
        total, rows = store.list_reports()
        assert total == 1 and rows[0]["ruleset_version"] == other.version  # the list shows the latest scoring


def test_reviews_export_as_gold_labels_and_eval_reviews(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        page = upload(client, (SEED.name, SEED.read_bytes()), (SEED2.name, SEED2.read_bytes()))
        first, second = HASH_LINK.findall(page)
        set_reviewer(client)
        client.post(f"/report/{first}/review", data={"csrf": csrf(client), "kind": "status", "rule": "structure.shortcomings", "status": "met", "reason": "有不足部分"})
        client.post(f"/report/{second}/review", data={"csrf": csrf(client), "kind": "status", "rule": "enforcement.publicity", "status": "absent", "reason": "误判"})
        client.post(f"/report/{second}/done", data={"csrf": csrf(client)})
    db = tmp_path / "fazhi.sqlite"
    out = tmp_path / "labels.yaml"
    res = runner.invoke(cli, ["reviews", "export", str(db), "-o", str(out)])
    assert res.exit_code == 0, res.output
    from scorer.evaluate import load_gold

    gold = {e["content_hash"]: e for e in load_gold(out)}
    assert gold[first]["labels"] == {"structure.shortcomings": "met"} and gold[first]["reviewed"] == "corrected"
    assert gold[second]["reviewed"] == "all" and gold[second]["labels"]["enforcement.publicity"] == "absent"
    assert len(gold[second]["labels"]) > 20  # every applicable requirement of a report marked done
    assert gold[first]["file"] == first + ".txt"
    # the exported labels are gold labels: `fazhi eval` runs on them against the stored copies
    res = runner.invoke(cli, ["eval", str(out), "--texts", str(tmp_path / "uploads"), "--no-per-rule"])
    assert res.exit_code == 0, res.output
    res = runner.invoke(cli, ["eval", "--reviews", str(db)])
    assert res.exit_code == 0, res.output
    row = next(line for line in res.output.splitlines() if line.startswith("fazhi vs reviewers"))
    labels = 1 + len(gold[second]["labels"])
    assert f"   {labels} (" in row
    assert re.search(r"enforcement\.publicity\s+0\.000", res.output)  # the one the reviewer overturned
    assert runner.invoke(cli, ["eval", "--reviews", str(db), str(out)]).exit_code == 2


def test_the_list_filters_sorts_and_pages_in_sql(tmp_path, ruleset, seed_results):
    from dataclasses import replace

    from scorer.store import record_of

    base = record_of(seed_results[SEED.name], "0" * 64)
    with Store(tmp_path / "fazhi.sqlite") as store:
        for i in range(130):
            store.save(replace(base, content_hash=f"{i:064x}", issuer=f"某市{'甲乙丙'[i % 3]}局" if i % 10 else None,
                           year=2020 + i % 3 if i % 4 else None, score=float(i % 100), grade="合格" if i % 100 >= 60 else "不合格"))
        store.add_review(Review(f"{5:064x}", None, "done", None, None, "done", "ok", "张"))
    with desk(tmp_path, ruleset) as client:
        page = client.get("/reports").text
        assert "共 130 份" in page and page.count('class="report-row"') == 50 and "第 1 / 3 页" in page
        page = client.get("/reports", params={"page": 3}).text
        assert page.count('class="report-row"') == 30
        page = client.get("/reports", params={"year": 2021, "issuer": "乙"}).text
        assert "共 30 份" in page  # i % 3 == 1, i % 4 and i % 10 not 0: 1, 7, 13, …
        # the reports whose issuer or year is still unread, to be named on their page
        page = client.get("/reports", params={"unnamed": "1"}).text
        assert "共 13 份" in page and 'name="unnamed" value="1" checked' in page
        assert "#facts-fix" in page and "unnamed=1" in page  # (the sort links keep the filter)
        page = client.get("/reports", params={"year": "none", "unnamed": "1"}).text
        assert "共 7 份" in page and '<option value="none" selected>' in page  # i = 0, 20, …, 120
        page = client.get("/reports", params={"year": "none"}).text
        assert "共 33 份" in page and "year=none" in page
        page = client.get("/reports", params={"sort": "score", "order": "asc"}).text
        scores = re.findall(r'<td class="num">([\d.]+)</td>\s*<td>(?:不合格|合格)</td>', page)
        assert [float(s) for s in scores] == sorted(float(s) for s in scores) and len(scores) == 50 and scores[0] == "0.0"
        assert "共 1 份" in client.get("/reports", params={"reviewed": "yes"}).text
        assert "共 129 份" in client.get("/reports", params={"reviewed": "no"}).text
        # a sort key that is not a column falls back; nothing of it reaches the SQL
        assert client.get("/reports", params={"sort": "score; DROP TABLE reports", "page": "x"}).status_code == 200


def test_issuer_years_page(tmp_path, ruleset):
    with desk(tmp_path, ruleset) as client:
        upload(client, (SEED.name, SEED.read_bytes()))
        page = client.get("/issuer", params={"name": "科技局"}).text
        assert "<h2>合肥市科技局</h2>" in page and "<td>2020</td>" in page and "/report/" in page
        assert "没有找到" in client.get("/issuer", params={"name": "不存在的局"}).text


def test_an_old_database_is_migrated_and_batch_rows_are_listed(tmp_path, ruleset):
    """A database `fazhi batch` wrote at schema 2 opens at the new schema, gaps filled in."""
    from scorer.store import record_of

    db = tmp_path / "fazhi.sqlite"
    raw = database_at(db, 2)
    raw.commit()
    raw.close()
    from scorer.pipeline import score_file

    result = score_file(SEED, ruleset)
    record = record_of(result, "f" * 64)
    with sqlite3.connect(db) as raw:  # as the old fazhi would have written it: no gaps column
        raw.execute("INSERT INTO reports (content_hash, ruleset_version, path, issuer, year, edition, score, grade, core_score, scored_at) "
                    "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, '2026-01-01')", (record.content_hash, record.ruleset_version, str(SEED),
                    record.issuer, record.year, record.edition, record.score, record.grade, record.core_score))
        rid = raw.execute("SELECT id FROM reports").fetchone()[0]
        raw.executemany("INSERT INTO results VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                        [(rid, i, r.rule_id, r.status, int(r.applies), r.points, r.max_points, r.evidence_count) for i, r in enumerate(record.results)])
    with Store(db) as store:
        (row,) = store.list_reports()[1]
        assert row["gaps"] == len(result.gaps) > 0


def test_the_desk_and_fazhi_batch_share_one_history(tmp_path, ruleset):
    out = tmp_path / "out"
    res = runner.invoke(cli, ["batch", str(SEEDS), "-o", str(out)])
    assert res.exit_code == 0, res.output
    config = ServeConfig(db=out / "fazhi.sqlite", ruleset=ruleset)
    with TestClient(guarded_app(config), base_url="http://127.0.0.1") as client:
        page = client.get("/reports").text
        assert "共 5 份" in page
        content_hash = HASH_LINK.search(page).group(1)
        report = client.get(f"/report/{content_hash}")
        assert report.status_code == 200 and 'id="fulltext"' in report.text and 'id="s-0"' in report.text
        # the batch dashboard, over the same history, linking into the desk; its own script allowed by hash only
        res = client.get("/dashboard")
        assert res.status_code == 200 and f'href="/report/{content_hash}"' in res.text
        assert res.headers["content-security-policy"].count("script-src 'sha256-") == 1


def test_serve_refuses_a_port_in_use(tmp_path):
    import socket

    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        res = runner.invoke(cli, ["serve", "--db", str(tmp_path / "x.sqlite"), "--port", str(port)])
    assert res.exit_code == 2 and f"--port: 127.0.0.1:{port} is in use" in res.output


@pytest.mark.parametrize("seed", sorted(SEEDS.glob("*.txt")), ids=lambda p: p.name[:3])
def test_the_reviewed_record_is_the_reviewed_result_stored(seed, ruleset, seed_results):
    """What the list and the dashboard work out from a stored row equals what the report page
    gets by rescoring the whole result: score, grade, core score, every status and point."""
    from scorer.store import record_of, reviewed_record

    result = seed_results[seed.name]
    core = frozenset(r.id for r in ruleset.rules if r.level == "core")
    flips = {"substantiated": "absent", "asserted": "planned", "met": "absent", "late": "met", "absent": "asserted",
             "planned": "substantiated", "deficient": "asserted"}
    corrections = {r.rule.id: flips[r.status] for r in result.results[::3]}
    corrections = {k: v if result.result(k).rule.kind == "element" else ("met" if v != "absent" else "absent")
                   for k, v in corrections.items()}
    want = record_of(rescore(result, corrections), "h")
    got = reviewed_record(record_of(result, "h"), corrections, core)
    assert got == want and got.score != result.score
    assert reviewed_record(record_of(result, "h"), {}, core) == record_of(result, "h")
