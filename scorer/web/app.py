"""The Starlette application behind `fazhi serve`: routes, and the glue to store, pipeline and renderers.

Pages (all Chinese, plain HTML forms; one small script of our own for drag-and-drop):

- ``/``                      上传: one or many files; each is scored in a worker process
- ``/uploads/{batch}``       what became of each file of one upload (refreshes until done)
- ``/reports``               报告列表: filter, sort, page — in SQL
- ``/report/{hash}``         单份报告: gap report, full text, corrections (statuses, evidence,
                             and ``/facts``: the issuer and year, which score the report again)
- ``/report/{hash}/memo``    审查意见 from the reviewed statuses; ``memo.docx`` downloads it
- ``/report/{hash}/json``    the machine's result as `fazhi score --format json` gives it
- ``/issuer?name=``          单位历年: one issuer across years
- ``/dashboard``             the batch dashboard (scorer.render.dashboard) over the history
- ``/summary.xlsx``          汇总表: the same reports as `fazhi batch`'s summary.xlsx, as reviewed

A report is addressed by its content hash (64 hex digits, checked), never by a path: no
URL reaches the file system. Uploaded files are stored as ``<hash><.ext>`` in the uploads
folder beside the database; the name the browser sent is only ever shown, escaped.
Every POST carries the CSRF token (``guard``); every page is rendered by the project's
Jinja2 environment, which escapes every value.
"""

from __future__ import annotations

import asyncio
import re
import secrets
from contextlib import asynccontextmanager
from dataclasses import dataclass, replace
from pathlib import PurePosixPath
from urllib.parse import quote, unquote, urlencode

from starlette.applications import Starlette
from starlette.datastructures import FormData, UploadFile
from starlette.exceptions import HTTPException
from starlette.requests import Request
from starlette.responses import HTMLResponse, RedirectResponse, Response
from starlette.routing import Route

from scorer.history import timelines
from scorer.models import STATED_ISSUER_MAX, STATED_YEARS
from scorer.render import dashboard, json_report
from scorer.render import memo as memo_render
from scorer.render.jinja import TEMPLATES_DIR, render_template
from scorer.render.memo_docx import docx_bytes
from scorer.score import rescore
from scorer.store import Review, reviewed_statuses
from scorer.vocabulary import EDITION_ZH, STATUS_ZH
from scorer.web import guard, views
from scorer.web.desk import DASHBOARD_LIMIT, Desk, ServeConfig, dashboard_html, summary_xlsx

HASH = re.compile(r"[0-9a-f]{64}")
REVIEWER_COOKIE = "fazhi_reviewer"
PAGE_SIZE = 50
MAX_FILES = 50  # files in one upload
REASON_MAX = 500
MEMO_MAX = 5000


def shown_name(filename: str | None) -> str:
    """The name to show for an upload: its last path part, at most 200 characters."""
    name = PurePosixPath((filename or "").replace("\\", "/")).name.strip()
    return name[:200] or "（未命名文件）"


# -- request helpers ------------------------------------------------------------------------


def _desk(request: Request) -> Desk:
    return request.app.state.desk


def _csrf(request: Request) -> str:
    return request.scope.get("state", {}).get("csrf", "")


def _reviewer(request: Request) -> str:
    return unquote(request.cookies.get(REVIEWER_COOKIE, ""))[:50].strip()


def _page(request: Request, template: str, status: int = 200, **context) -> HTMLResponse:
    html = render_template(template, csrf=_csrf(request), reviewer=_reviewer(request), path=request.url.path,
                           **context)
    return HTMLResponse(html, status_code=status)


def _message(request: Request, title: str, text: str, status: int) -> HTMLResponse:
    return _page(request, "serve_message.html.j2", status, title=title, text=text)


async def _form(request: Request):
    """The POSTed form, after its CSRF token is checked."""
    form = await request.form(max_files=MAX_FILES, max_fields=50)
    if not guard.csrf_ok(_csrf(request), form.get(guard.CSRF_FIELD)):
        raise HTTPException(403, "表单已过期或来源不明（CSRF 校验失败），请刷新页面后重试。")
    return form


def _hash(request: Request) -> str:
    value = request.path_params["content_hash"]
    if not HASH.fullmatch(value):
        raise HTTPException(404, "没有这份报告")
    return value


def _int(value: str | None) -> int | None:
    return int(value) if value and value.isdigit() and len(value) < 8 else None


def _local(target: str | None) -> str:
    """Only a path on this site may be redirected to."""
    return target if target and target.startswith("/") and not target.startswith("//") and "\\" not in target else "/"


# -- pages ------------------------------------------------------------------------------------


async def upload_page(request: Request) -> Response:
    return _page(request, "serve_upload.html.j2", max_mb=f"{_desk(request).config.max_file_bytes / 1_000_000:g}",
                 max_files=MAX_FILES)


async def upload(request: Request) -> Response:
    desk = _desk(request)
    form = await _form(request)
    files = [f for f in form.getlist("files") if isinstance(f, UploadFile) and (f.filename or f.size)]
    if not files:
        return _message(request, "没有文件", "请选择至少一个报告文件再上传。", 400)
    ids = []
    for f in files:
        data = await f.read(desk.config.max_file_bytes + 1)
        ids.append(desk.accept(shown_name(f.filename), data).id)
        await f.close()
    batch = secrets.token_hex(8)
    desk.batches[batch] = ids
    while len(desk.batches) > 1000:
        desk.batches.popitem(last=False)
    return RedirectResponse(f"/uploads/{batch}", status_code=303)


async def upload_status(request: Request) -> Response:
    desk = _desk(request)
    ids = desk.batches.get(request.path_params["batch"])
    if ids is None:
        raise HTTPException(404, "没有这次上传的记录（服务重启后只保留已评分的报告，请到报告列表查看）")
    jobs = [job for job in (desk.jobs.get(i) for i in ids) if job is not None]
    return _page(request, "serve_uploads.html.j2", jobs=jobs, states=views.JOB_STATE_ZH,
                 pending=any(not j.finished for j in jobs))


async def report_list(request: Request) -> Response:
    store = _desk(request).store
    q = request.query_params
    reviewed = {"yes": True, "no": False}.get(q.get("reviewed", ""))
    sort = q.get("sort", "scored_at")
    sort = sort if sort in store.LIST_SORTS else "scored_at"
    descending = q.get("order", "desc") != "asc"
    page = max(1, _int(q.get("page")) or 1)
    filters = {
        "year": _int(q.get("year")), "edition": _int(q.get("edition")),
        "grade": q.get("grade") or None, "issuer": (q.get("issuer") or "").strip()[:100] or None,
    }
    # 未识别: the reports whose issuer or year no one has named yet (the year filter's "none")
    unread = tuple(k for k, asked in (("issuer", q.get("unnamed") == "1"), ("year", q.get("year") == "none")) if asked)
    total, rows = store.list_reports(**filters, reviewed=reviewed, sort=sort, descending=descending,
                                     limit=PAGE_SIZE, offset=(page - 1) * PAGE_SIZE, unread=unread)
    # the score a reviewer's status corrections make, beside the machine's (None: none corrected)
    config = _desk(request).config
    reviewed_rows = [row for row in rows if row["reviewed"]]
    stored = [store.get(row["content_hash"], row["ruleset_version"]) for row in reviewed_rows]
    for row, before, after in zip(reviewed_rows, stored, store.as_reviewed(stored, config.core_ids, config.policy)):
        row["reviewed_score"] = after.score if after is not before else None
        row["reviewed_grade"] = after.grade
    kept = {k: v for k, v in {**filters, "reviewed": q.get("reviewed")}.items() if v not in (None, "")}
    kept |= {"unnamed": "1"} if "issuer" in unread else {}
    kept |= {"year": "none"} if "year" in unread else {}

    def link(**change) -> str:
        return "/reports?" + urlencode({**kept, "sort": sort, "order": "desc" if descending else "asc", **change})

    columns = []
    for key, label in (("issuer", "发文单位"), ("year", "年度"), ("edition", "纲要版本"), ("score", "得分"),
                       ("grade", "等级"), ("gaps", "缺项"), ("reviewed", "已审核"), ("scored_at", "评分时间")):
        flip = "asc" if sort == key and descending else "desc"
        columns.append({"key": key, "label": label, "href": link(sort=key, order=flip, page=1),
                        "mark": ("▼" if descending else "▲") if sort == key else ""})
    pages = max(1, -(-total // PAGE_SIZE))
    return _page(
        request, "serve_list.html.j2", rows=rows, total=total, columns=columns, choices=store.list_choices(),
        filters={k: str(kept.get(k, "")) for k in filters},
        unnamed="issuer" in unread, reviewed=q.get("reviewed", ""),
        page=page, pages=pages, prev=link(page=page - 1) if page > 1 else "",
        next=link(page=page + 1) if page < pages else "", editions=EDITION_ZH, sort=sort, limit=DASHBOARD_LIMIT,
        order="desc" if descending else "asc",
    )


@dataclass(frozen=True)
class Reviewed:
    """A report as the machine scored it and as its reviews make it."""

    machine: object  # ReportResult under the desk's rules
    result: object  # ReportResult with the reviewed statuses (scorer.score.rescore)
    reviews: list
    statuses: dict  # rule id → reviewed status
    wrong: set  # (rule id, start) of evidence marked wrong
    done: bool


async def _reviewed(desk: Desk, content_hash: str) -> Reviewed | str:
    """The report with its reviews applied, or why it cannot be shown."""
    result, problem = await desk.result(content_hash)
    if result is None:
        return problem
    reviews = desk.store.reviews(content_hash)
    statuses, wrong, done = reviewed_statuses(reviews)
    known = {r.rule.id for r in result.results}
    statuses = {k: v for k, v in statuses.items() if k in known}  # a rule the current rules no longer have
    return Reviewed(result, rescore(result, statuses, desk.config.policy, wrong), reviews, statuses, wrong, done)


async def _opened(request: Request) -> tuple[Desk, str, Reviewed] | Response:
    """(desk, report hash, the report with its reviews) for a page about one report, or
    the page saying why it cannot be opened (404)."""
    desk = _desk(request)
    content_hash = _hash(request)
    r = await _reviewed(desk, content_hash)
    if isinstance(r, str):
        return _message(request, "无法打开报告", r, 404)
    return desk, content_hash, r


async def report_page(request: Request) -> Response:
    opened = await _opened(request)
    if isinstance(opened, Response):
        return opened
    desk, content_hash, r = opened
    upload = desk.store.upload(content_hash)
    name = upload["name"] if upload else r.machine.path
    v = views.report_desk(content_hash, name, r.machine, r.result, r.reviews, r.statuses, r.wrong, r.done)
    return _page(request, "serve_report.html.j2", d=v)


async def review_status(request: Request) -> Response:
    desk = _desk(request)
    content_hash = _hash(request)
    form = await _form(request)
    reviewer = _reviewer(request)
    if not reviewer:
        return _message(request, "请先填写审核人", "更正前请在页面顶部填写审核人姓名。", 400)
    r = await _reviewed(desk, content_hash)
    if isinstance(r, str):
        return _message(request, "无法打开报告", r, 404)
    rule_id = str(form.get("rule", ""))
    kinds = {x.rule.id: x.rule.kind for x in r.machine.results}
    if rule_id not in kinds:
        return _message(request, "没有这项要求", "请从报告页面提交更正。", 400)
    reason = str(form.get("reason", "")).strip()[:REASON_MAX]
    kind = str(form.get("kind", "status"))
    if kind == "status":
        after = str(form.get("status", ""))
        if after not in views.statuses_for(kinds[rule_id]):
            return _message(request, "状态无效", "请从下拉列表中选择状态。", 400)
        if not reason:
            return _message(request, "请填写理由", "更正状态必须写明理由。", 400)
        before = r.result.result(rule_id).status
        if before == after:
            return RedirectResponse(f"/report/{content_hash}#r-{rule_id}", status_code=303)
        review = Review(content_hash, rule_id, "status", None, before, after, reason, reviewer)
    elif kind == "evidence":
        start = _int(str(form.get("start", "")))
        starts = {e.start for e in r.machine.result(rule_id).evidence}
        if start not in starts:
            return _message(request, "没有这条证据句", "请从报告页面提交。", 400)
        after = "right" if form.get("undo") else "wrong"
        review = Review(content_hash, rule_id, "evidence", start, None, after, reason or "证据句不支持该要求", reviewer)
    else:
        return _message(request, "无效的提交", "请从报告页面提交。", 400)
    desk.store.add_review(review)
    return RedirectResponse(f"/report/{content_hash}#r-{rule_id}", status_code=303)


async def _signed_post(request: Request) -> tuple[Desk, str, FormData, str] | Response:
    """(desk, report hash, form, reviewer) of a POST that changes a stored report, or the
    page saying why it cannot: no reviewer named yet (400), no such report (404)."""
    desk = _desk(request)
    content_hash = _hash(request)
    form = await _form(request)
    reviewer = _reviewer(request)
    if not reviewer:
        return _message(request, "请先填写审核人", "请在页面顶部填写审核人姓名。", 400)
    if desk.store.latest(content_hash) is None:
        raise HTTPException(404, "没有这份报告")
    return desk, content_hash, form, reviewer


async def review_done(request: Request) -> Response:
    posted = await _signed_post(request)
    if isinstance(posted, Response):
        return posted
    desk, content_hash, form, reviewer = posted
    reason = str(form.get("reason", "")).strip()[:REASON_MAX] or "其余各项按机器判定确认"
    desk.store.add_review(Review(content_hash, None, "done", None, None, "done", reason, reviewer))
    return RedirectResponse(f"/report/{content_hash}", status_code=303)


async def review_facts(request: Request) -> Response:
    """The report's issuer (发文单位) and year as the reviewer states them, with a reason: stored
    as corrections, then the report scored again with them — the year picks the Outline and
    the deadline, so statuses and score may change — and that scoring stored for the list,
    the history and the dashboard."""
    posted = await _signed_post(request)
    if isinstance(posted, Response):
        return posted
    desk, content_hash, form, reviewer = posted
    reason = str(form.get("reason", "")).strip()[:REASON_MAX]
    if not reason:
        return _message(request, "请填写理由", "更正发文单位或报告年度必须写明理由。", 400)
    issuer = " ".join(str(form.get("issuer", "")).split())
    year_text = str(form.get("year", "")).strip()
    year = _int(year_text)
    if issuer and len(issuer) > STATED_ISSUER_MAX:
        return _message(request, "发文单位过长", f"发文单位不超过 {STATED_ISSUER_MAX} 个字。", 400)
    if year_text and (year is None or year not in STATED_YEARS):
        return _message(request, "报告年度无效",
                        f"请填写 {STATED_YEARS.start}—{STATED_YEARS.stop - 1} 之间的四位年份。", 400)
    record = desk.store.latest(content_hash)
    if desk.source(content_hash, record) is None:
        return _message(request, "无法更正", f"找不到这份报告的原文件（{record.path}），无法按更正重新评分。", 404)
    changes = []
    if issuer and issuer != (record.issuer or ""):
        changes.append(Review(content_hash, None, "issuer", None, record.issuer, issuer, reason, reviewer))
    if year is not None and year != record.year:
        before = None if record.year is None else str(record.year)
        changes.append(Review(content_hash, None, "year", None, before, str(year), reason, reviewer))
    if not changes:
        return RedirectResponse(f"/report/{content_hash}", status_code=303)
    for review in changes:
        desk.store.add_review(review)
    result, problem = await desk.result(content_hash, restated=True)
    if result is None:
        return _message(request, "重新评分失败", problem, 500)
    return RedirectResponse(f"/report/{content_hash}", status_code=303)


def _memo(reviewed_result, edited: str | None):
    m = memo_render.build(reviewed_result)
    if edited is not None:
        lines = tuple(line.strip() for line in edited.splitlines() if line.strip())
        m = replace(m, requirements=lines or m.requirements)
    return m


async def memo_page(request: Request) -> Response:
    opened = await _opened(request)
    if isinstance(opened, Response):
        return opened
    desk, content_hash, r = opened
    edited = desk.store.memo_text(content_hash)
    m = _memo(r.result, edited)
    return _page(request, "serve_memo.html.j2", m=m, content_hash=content_hash, edited=edited is not None,
                 requirements_text="\n".join(m.requirements), score=f"{r.result.score:.1f}",
                 grade=r.result.grade, corrections=len(r.statuses))


async def memo_save(request: Request) -> Response:
    posted = await _signed_post(request)
    if isinstance(posted, Response):
        return posted
    desk, content_hash, form, reviewer = posted
    text = str(form.get("requirements", "")).strip()[:MEMO_MAX]
    if not text:
        return _message(request, "整改要求为空", "请填写整改要求。", 400)
    desk.store.add_memo_text(content_hash, text, reviewer)
    return RedirectResponse(f"/report/{content_hash}/memo", status_code=303)


async def memo_docx(request: Request) -> Response:
    opened = await _opened(request)
    if isinstance(opened, Response):
        return opened
    desk, content_hash, r = opened
    m = _memo(r.result, desk.store.memo_text(content_hash))
    data = await asyncio.to_thread(lambda: docx_bytes(memo_render.as_gongwen(m)))
    filename = f"审查意见-{content_hash[:12]}.docx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.wordprocessingml.document",
                    headers={"content-disposition": f"attachment; filename=\"memo-{content_hash[:12]}.docx\"; "
                                                    f"filename*=UTF-8''{quote(filename)}"})


async def dashboard_page(request: Request) -> Response:
    """The batch dashboard over the history, as `fazhi batch` writes it (its own sorting script allowed by hash)."""
    desk = _desk(request)
    year = _int(request.query_params.get("year"))
    html, total = await asyncio.to_thread(dashboard_html, desk.config.db, desk.config.ruleset, year,
                                          desk.config.core_ids, desk.config.policy)
    note = "审核人更正过状态的报告，按更正后的状态计分和排名。"
    if total > DASHBOARD_LIMIT:
        note += f"（共 {total} 份，仪表板只列出得分最高的 {DASHBOARD_LIMIT} 份；可用 ?year= 按年度查看）"
    html = html.replace("<body>", f"<body><p>{note}</p>", 1)
    csp = (f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src '{dashboard.script_hash()}'; "
           "base-uri 'none'; form-action 'none'; frame-ancestors 'none'")
    return HTMLResponse(html, headers={"content-security-policy": csp})


async def report_json(request: Request) -> Response:
    """The report's JSON (scorer.render.json_report, schema fazhi.report), as the machine scored it."""
    desk = _desk(request)
    result, problem = await desk.result(_hash(request))
    if result is None:
        return _message(request, "无法打开报告", problem, 404)
    return Response(json_report.render(result), media_type="application/json; charset=utf-8")


async def summary_workbook(request: Request) -> Response:
    """汇总表: the reports as the dashboard shows them (reviewed), as `fazhi batch`'s summary.xlsx,
    each file linked to its page here. ``?year=`` for one year."""
    desk = _desk(request)
    year = _int(request.query_params.get("year"))
    base = str(request.base_url).rstrip("/")
    data = await asyncio.to_thread(summary_xlsx, desk.config.db, desk.config.ruleset, year,
                                   desk.config.core_ids, desk.config.policy, base)
    filename = f"法治政府建设年度报告汇总表{'-' + str(year) if year else ''}.xlsx"
    return Response(data, media_type="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
                    headers={"content-disposition": f"attachment; filename=\"summary{'-' + str(year) if year else ''}.xlsx\"; "
                                                    f"filename*=UTF-8''{quote(filename)}"})


async def issuer_page(request: Request) -> Response:
    desk = _desk(request)
    store = desk.store
    name = (request.query_params.get("name") or "").strip()[:100]
    # the years as reviewed: a status a reviewer corrected is what changed, or did not, between years
    lines = timelines(store.as_reviewed(store.history(name), desk.config.core_ids, desk.config.policy)) if name else []
    titles = {rule.id: rule.title for rule in desk.config.ruleset.rules}
    return _page(request, "serve_issuer.html.j2", query=name, timelines=lines, issuers=store.issuers()[:500],
                 titles=titles, words=STATUS_ZH)


async def set_reviewer(request: Request) -> Response:
    form = await _form(request)
    name = " ".join(str(form.get("reviewer", "")).split())[:50]
    response = RedirectResponse(_local(str(form.get("next", "/"))), status_code=303)
    if name:
        response.set_cookie(REVIEWER_COOKIE, quote(name), max_age=365 * 86400, httponly=True, samesite="strict")
    return response


async def script(request: Request) -> Response:
    return Response((TEMPLATES_DIR / "serve_upload.js").read_bytes(), media_type="text/javascript; charset=utf-8")


async def _http_error(request: Request, exc: HTTPException) -> Response:
    title = {404: "找不到页面", 403: "拒绝访问", 405: "不支持的请求"}.get(exc.status_code, "请求有误")
    return _message(request, title, str(exc.detail), exc.status_code)


def create_app(config: ServeConfig) -> Starlette:
    desk = Desk(config)

    @asynccontextmanager
    async def lifespan(app):
        desk.open()
        try:
            yield
        finally:
            desk.close()

    routes = [
        Route("/", upload_page),
        Route("/upload", upload, methods=["POST"]),
        Route("/uploads/{batch:str}", upload_status),
        Route("/reports", report_list),
        Route("/report/{content_hash:str}", report_page),
        Route("/report/{content_hash:str}/review", review_status, methods=["POST"]),
        Route("/report/{content_hash:str}/done", review_done, methods=["POST"]),
        Route("/report/{content_hash:str}/facts", review_facts, methods=["POST"]),
        Route("/report/{content_hash:str}/memo", memo_page),
        Route("/report/{content_hash:str}/memo", memo_save, methods=["POST"]),
        Route("/report/{content_hash:str}/memo.docx", memo_docx),
        Route("/report/{content_hash:str}/json", report_json),
        Route("/dashboard", dashboard_page),
        Route("/summary.xlsx", summary_workbook),
        Route("/issuer", issuer_page),
        Route("/reviewer", set_reviewer, methods=["POST"]),
        Route("/static/upload.js", script),
    ]
    app = Starlette(routes=routes, lifespan=lifespan, exception_handlers={HTTPException: _http_error})
    app.state.desk = desk
    return app


def guarded_app(config: ServeConfig):
    """The application behind its guard: what uvicorn (and the tests) run."""
    return guard.Guard(create_app(config), token=config.token, loopback_only=config.loopback_only,
                       max_body=config.max_body)

