"""`fazhi serve` end to end in real headless Chromium (Debian's, driven by Playwright; no browser download).

One walk through the desk as a supervisor uses it: start the server on a free port, give a
name, upload three seed reports and one broken file, see the list, open a report, change a
status with a reason, see the score and the memo follow, edit the 整改要求, download the
.docx and read it back, export the reviews as gold labels. Along the way the browser
records every console error, page error, dialog and request that leaves the server: a
hostile report's <script> must never run, and nothing may come from a CDN.

Set FAZHI_SERVE_SCREENSHOT=docs/serve.png to refresh the README's screenshot.
"""

from __future__ import annotations

import io
import os
import re
import socket
import subprocess
import sys
import time

import pytest
import yaml

import hostile_report
from browser import DESKTOP, launch_chromium, require_chromium
from conftest import ROOT, SEEDS

pytest.importorskip("uvicorn")
SEED_FILES = [SEEDS / "000_37099fbd818ace80.txt", SEEDS / "001_72591554edec4da5.txt", SEEDS / "002_270951ed5cca0aaf.txt"]


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@pytest.fixture()
def server(tmp_path):
    require_chromium()
    port = _free_port()
    db = tmp_path / "desk" / "fazhi.sqlite"
    proc = subprocess.Popen(
        [sys.executable, "-m", "scorer", "serve", "--db", str(db), "--port", str(port)],
        cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True,
    )
    base = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 30
    while True:
        try:
            socket.create_connection(("127.0.0.1", port), timeout=0.5).close()
            break
        except OSError:
            if proc.poll() is not None or time.monotonic() > deadline:
                proc.kill()
                pytest.fail(f"fazhi serve did not start: {proc.stdout.read()}")
            time.sleep(0.2)
    try:
        yield base, db
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()


def _score(page, box: str) -> float:
    return float(page.locator(f"#{box} .score").inner_text())


def test_the_desk_end_to_end_in_chromium(server, tmp_path):
    base, db = server
    broken = tmp_path / "损坏的报告.pdf"
    broken.write_bytes(b"%PDF-1.7\n" + bytes(range(256)) * 8)  # a PDF signature and nothing readable
    hostile = hostile_report.write(tmp_path)
    errors: list[str] = []
    with launch_chromium() as browser:
        context = browser.new_context(viewport=DESKTOP, accept_downloads=True)
        page = context.new_page()
        page.on("console", lambda m: m.type == "error" and errors.append(f"console: {m.text}"))
        page.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))

        def on_dialog(dialog):
            errors.append(f"dialog: {dialog.message}")
            dialog.dismiss()

        page.on("dialog", on_dialog)

        def only_the_desk(route):
            if route.request.url.startswith(base + "/"):
                route.continue_()
            else:
                errors.append(f"request: {route.request.url}")
                route.abort()

        page.route("**/*", only_the_desk)

        # the reviewer's name, asked once and kept in a cookie
        page.goto(base + "/")
        page.fill("#reviewer", "王审核")
        page.click("form.who button")
        assert page.locator("#reviewer-name").inner_text() == "王审核"

        # upload three seeds and one broken file together
        page.goto(base + "/")
        page.set_input_files("#files", [str(p) for p in SEED_FILES] + [str(broken)])
        assert page.locator("#chosen li").count() == 4  # our script lists the chosen files
        page.click("#upload-button")
        page.wait_for_selector("text=全部处理完毕", timeout=90_000)
        assert page.locator("tr.job-scored").count() == 3
        failed = page.locator("tr.job-failed")
        assert failed.count() == 1
        assert "损坏的报告.pdf" in failed.inner_text() and "无法评分" in failed.inner_text()

        # the list: three reports, sortable
        page.goto(base + "/reports")
        assert page.locator("tr.report-row").count() == 3
        page.click('a[data-sort="score"]')
        scores = [float(t) for t in page.locator("tr.report-row td.num:nth-child(5)").all_inner_texts()]
        assert len(scores) == 3 and (scores == sorted(scores) or scores == sorted(scores, reverse=True))

        # open the 2020 report of 合肥市科技局 and correct a status, with a reason
        page.fill('input[name="issuer"]', "科技局")
        page.select_option('select[name="year"]', "2020")
        page.click("#filters button")
        assert page.locator("tr.report-row").count() == 1
        page.locator("tr.report-row td:first-child a").click()
        page.wait_for_selector("#reviewed-score")
        machine, before = _score(page, "machine-score"), _score(page, "reviewed-score")
        assert machine == before
        card = page.locator('[id="r-structure.shortcomings"]')
        assert card.get_attribute("data-machine") == "absent"
        card.locator('select[name="status"]').select_option("met")
        card.locator('input[name="reason"]').fill("第二部分“存在的问题”即不足和原因")
        card.locator('button:has-text("更正")').click()
        page.wait_for_selector('[id="r-structure.shortcomings"] .reviewed-status')
        after = _score(page, "reviewed-score")
        assert after > before and _score(page, "machine-score") == machine
        assert "已更正 1 处" in page.locator("#review-state").inner_text()
        assert "第二部分“存在的问题”即不足和原因" in page.locator("#trail").inner_text()

        # every evidence sentence jumps to its place in the full text
        link = page.locator("a.to-text").first
        target = link.get_attribute("href")
        link.click()
        assert page.evaluate("location.hash") == target
        assert page.locator(target).is_visible()

        # the memo follows the reviewed score; the 整改要求 can be edited
        page.click("#memo-link")
        assert float(page.locator("#memo-score").inner_text()) == after
        assert f"报告得分{after:.1f}分" in page.locator("#memo").inner_text()
        page.fill('textarea[name="requirements"]', "请补充存在的不足及其原因。\n请于三十日内报送修改后的报告。")
        page.click('#memo-form button')
        assert "请补充存在的不足及其原因。" in page.locator("#memo-requirements").inner_text()

        # download the .docx and read it back
        with page.expect_download() as download:
            page.click("#docx-link")
        path = tmp_path / "memo.docx"
        download.value.save_as(path)
        import docx

        text = "\n".join(p.text for p in docx.Document(io.BytesIO(path.read_bytes())).paragraphs)
        assert "审查意见" in text and f"报告得分{after:.1f}分" in text and "请于三十日内报送修改后的报告" in text

        # a hostile report: its markup is shown as text on every page and never runs
        page.goto(base + "/")
        page.set_input_files("#files", [str(hostile)])
        page.click("#upload-button")
        page.wait_for_selector("text=全部处理完毕", timeout=90_000)
        page.locator("tr.job-scored a").click()
        page.wait_for_selector("#fulltext")
        assert "<script>alert(1)</script>" in page.locator("#fulltext").inner_text()
        assert page.locator("#fulltext script, #fulltext img").count() == 0
        # its issuer and year stated by the reviewer: scored again, the machine's reading kept beside
        page.click("#facts-fix summary")
        page.fill('#facts-fix input[name="issuer"]', "某市司法局")
        page.fill('#facts-fix input[name="year"]', "2022")
        page.fill('#facts-fix input[name="reason"]', "以报送函为准")
        page.click("#facts-fix button")
        page.wait_for_selector("#fact-year >> text=机器识别为")
        assert page.locator("#fact-year").inner_text().startswith("2022")
        assert page.locator("#fact-issuer").inner_text().startswith("某市司法局")
        assert "报告年度" in page.locator("#trail").inner_text() and "以报送函为准" in page.locator("#trail").inner_text()
        page.click("#memo-link")
        page.goto(base + "/reports")
        assert page.locator("tr.report-row").count() == 4

        # the batch dashboard over the same history: its sorting script runs under the page's policy
        page.goto(base + "/dashboard")
        assert page.locator("text=合肥市科技局").count() >= 1

        screenshot = os.environ.get("FAZHI_SERVE_SCREENSHOT")
        if screenshot:
            page.goto(base + "/reports?issuer=合肥")
            page.locator("tr.report-row td:first-child a").click()
            page.wait_for_selector("#reviewed-score")
            page.locator('[id="r-structure.shortcomings"]').scroll_into_view_if_needed()
            page.evaluate("window.scrollTo(0, 0)")
            page.screenshot(path=str(ROOT / screenshot))
        context.close()
    assert errors == []

    # the corrections become gold labels
    labels = tmp_path / "labels.yaml"
    res = subprocess.run([sys.executable, "-m", "scorer", "reviews", "export", str(db), "-o", str(labels)],
                         cwd=ROOT, capture_output=True, text=True)
    assert res.returncode == 0, res.stderr
    (entry,) = yaml.safe_load(labels.read_text(encoding="utf-8"))["reports"]
    assert entry["labels"] == {"structure.shortcomings": "met"} and entry["issuer"] == "合肥市科技局"
    assert re.fullmatch(r"[0-9a-f]{64}\.txt", entry["file"]) and (db.parent / "uploads" / entry["file"]).is_file()
