"""What keeps `fazhi serve` safe on an office network, as plain ASGI middleware and helpers.

- **Where it listens**: 127.0.0.1 by default; any other address needs an access token
  (:func:`check_bind` refuses to start without one). On a loopback address only loopback
  Host headers are answered, so a web page elsewhere cannot reach the desk by DNS rebinding.
- **Access token**: ``?token=T`` once (it becomes an HttpOnly cookie and the URL is
  cleaned), or ``Authorization: Bearer T``; compared in constant time.
- **CSRF**: a double-submit token — a random SameSite=Strict cookie that every form repeats
  in a hidden ``csrf`` field; a POST whose field does not match is refused (403). A POST
  whose Origin names another site is refused too.
- **Body size**: a request body over the limit is cut off with 413, whatever its
  Content-Length says.
- **Headers**: a Content-Security-Policy that allows only this server's own script and no
  inline script, so report text that slips into a page could not run (a page that sets a
  stricter policy of its own, the dashboard with its script pinned by hash, keeps it);
  no framing; nosniff.
"""

from __future__ import annotations

import hmac
import ipaddress
import secrets
from urllib.parse import parse_qsl, quote, urlencode

from scorer.errors import FazhiError

CSRF_COOKIE = "fazhi_csrf"
CSRF_FIELD = "csrf"
TOKEN_COOKIE = "fazhi_token"
CSP = ("default-src 'none'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; "
       "form-action 'self'; connect-src 'self'; base-uri 'none'; frame-ancestors 'none'")
SECURITY_HEADERS = (
    (b"content-security-policy", CSP.encode()),
    (b"x-content-type-options", b"nosniff"),
    (b"x-frame-options", b"DENY"),
    (b"referrer-policy", b"same-origin"),
)
LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1", "[::1]")


def is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host.strip("[]")).is_loopback
    except ValueError:
        return False


def check_bind(host: str, token: str | None) -> None:
    """Refuse to listen beyond this machine without an access token."""
    if not is_loopback(host) and not token:
        raise FazhiError("--host", f"{host} is reachable from other machines; give --token T (share it with "
                         "the reviewers) or keep the default 127.0.0.1")
    if token is not None and len(token) < 8:
        raise FazhiError("--token", "too short; use at least 8 characters (e.g. python -c 'import secrets; print(secrets.token_urlsafe())')")


def new_token() -> str:
    return secrets.token_urlsafe(24)


def same(a: str | None, b: str | None) -> bool:
    return bool(a) and bool(b) and hmac.compare_digest(a.encode(), b.encode())


def _headers(scope) -> dict[bytes, bytes]:
    return {k.lower(): v for k, v in scope.get("headers", [])}


def _cookies(headers: dict[bytes, bytes]) -> dict[str, str]:
    from http.cookies import SimpleCookie

    jar = SimpleCookie()
    try:
        jar.load(headers.get(b"cookie", b"").decode("latin-1"))
    except Exception:  # a malformed cookie header is no cookie, not a crash
        return {}
    return {k: m.value for k, m in jar.items()}


async def _plain(send, status: int, text: str, extra: tuple = ()) -> None:
    body = text.encode("utf-8")
    await send({"type": "http.response.start", "status": status,
                "headers": [(b"content-type", b"text/plain; charset=utf-8"),
                            (b"content-length", str(len(body)).encode()), *SECURITY_HEADERS, *extra]})
    await send({"type": "http.response.body", "body": body})


class _TooLarge(Exception):
    pass


class Guard:
    """One ASGI middleware for all of the above, outermost, so nothing runs before it."""

    def __init__(self, app, *, token: str | None, loopback_only: bool, max_body: int):
        self.app, self.token, self.loopback_only, self.max_body = app, token, loopback_only, max_body

    async def __call__(self, scope, receive, send):
        if scope["type"] != "http":
            return await self.app(scope, receive, send)
        headers = _headers(scope)
        cookies = _cookies(headers)
        if self.loopback_only:
            raw = headers.get(b"host", b"").decode("latin-1")
            host = raw[: raw.index("]") + 1] if raw.startswith("[") and "]" in raw else raw.rsplit(":", 1)[0]
            if host not in LOOPBACK_HOSTS:
                return await _plain(send, 421, "此服务只接受本机访问（127.0.0.1）。")
        if self.token is not None:
            query = dict(parse_qsl(scope.get("query_string", b"").decode("latin-1")))
            bearer = headers.get(b"authorization", b"").decode("latin-1")
            if same(query.get("token"), self.token):
                rest = urlencode([(k, v) for k, v in parse_qsl(scope["query_string"].decode("latin-1")) if k != "token"])
                # this site's own path only: one leading slash (never //host), every odd character quoted
                where = "/" + quote(scope["path"].lstrip("/\\")) + ("?" + rest if rest else "")
                return await _plain(send, 303, "已登录。", (
                    (b"location", where.encode("utf-8")),
                    (b"set-cookie", f"{TOKEN_COOKIE}={self.token}; HttpOnly; SameSite=Strict; Path=/".encode()),
                ))
            if not (same(cookies.get(TOKEN_COOKIE), self.token) or same(bearer.removeprefix("Bearer "), self.token)):
                return await _plain(send, 401, "需要访问令牌：请使用管理员给出的带 ?token= 的链接打开。")
        if scope["method"] == "POST":
            origin = headers.get(b"origin")
            if origin and origin not in (b"null",) and origin.split(b"//", 1)[-1] != headers.get(b"host", b""):
                return await _plain(send, 403, "拒绝来自其他网站的提交。")
            length = headers.get(b"content-length")
            if length is not None and (not length.isdigit() or int(length) > self.max_body):
                return await _plain(send, 413, f"提交的内容超过 {self.max_body // 1_000_000} MB 上限，请分批上传。")
        csrf = cookies.get(CSRF_COOKIE)
        fresh = None
        if not csrf or len(csrf) < 20:
            csrf = fresh = new_token()
        scope.setdefault("state", {})["csrf"] = csrf
        seen = 0
        started = False

        async def limited_receive():
            nonlocal seen
            message = await receive()
            if message["type"] == "http.request":
                seen += len(message.get("body", b""))
                if seen > self.max_body:
                    raise _TooLarge()
            return message

        async def with_headers(message):
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                has_csp = any(k.lower() == b"content-security-policy" for k, _ in message.get("headers", []))
                extra = [h for h in SECURITY_HEADERS if not (has_csp and h[0] == b"content-security-policy")]
                if fresh:
                    extra.append((b"set-cookie", f"{CSRF_COOKIE}={fresh}; HttpOnly; SameSite=Strict; Path=/".encode()))
                message = {**message, "headers": [*message.get("headers", []), *extra]}
            await send(message)

        try:
            await self.app(scope, limited_receive, with_headers)
        except _TooLarge:
            if not started:
                await _plain(send, 413, f"提交的内容超过 {self.max_body // 1_000_000} MB 上限，请分批上传。")


def csrf_ok(cookie_token: str | None, form_token: str | None) -> bool:
    return same(cookie_token, form_token)
