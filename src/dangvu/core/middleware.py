"""Request-level guards: rate limits on the log-in form and the API, and a clear page when the database
cannot write (full disk, read-only file or server, lost connection) instead of a traceback.

A database error raised inside a service's `transaction.atomic()` has already rolled that transaction back
when it reaches here, so nothing is half-written; this only tells the user, with HTTP 503."""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable

from django.conf import settings
from django.db import DatabaseError, InterfaceError, InternalError, OperationalError
from django.http import HttpRequest, HttpResponse, JsonResponse
from django.shortcuts import render
from django.urls import reverse

from dangvu.core.ratelimit import Rate, rate_exceeded
from dangvu.core.uploads import max_bytes

log = logging.getLogger(__name__)

# (words found in the driver's message, what the user is told)
DATABASE_FAULTS = (
    (("disk is full", "no space left", "could not extend", "disk full"), "Ổ đĩa của máy chủ đã đầy."),
    (
        ("readonly database", "read-only", "read only", "readonly"),
        "Cơ sở dữ liệu đang ở chế độ chỉ đọc (đang bảo trì hoặc sao lưu).",
    ),
    (("database is locked", "lock timeout", "deadlock"), "Cơ sở dữ liệu đang bận với một thao tác khác."),
    (
        ("terminating connection", "connection", "server closed", "could not connect", "shutting down"),
        "Mất kết nối tới máy chủ cơ sở dữ liệu (máy chủ vừa khởi động lại hoặc đang dừng).",
    ),
)
NOTHING_WRITTEN = (
    "Thao tác chưa được lưu và không có gì bị ghi dở; hãy thử lại sau ít phút hoặc báo quản trị viên."
)


def database_fault(exc: BaseException) -> str | None:
    """The Vietnamese reason for a database error that is the server's state, not a bug (None: a bug)."""
    if not isinstance(exc, OperationalError | InternalError | InterfaceError):
        return None
    text = str(exc).lower()
    for words, reason in DATABASE_FAULTS:
        if any(w in text for w in words):
            return reason
    return "Cơ sở dữ liệu tạm thời không dùng được." if isinstance(exc, OperationalError) else None


class DatabaseFaultMiddleware:
    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        return self.get_response(request)

    def process_exception(self, request: HttpRequest, exception: Exception) -> HttpResponse | None:
        if not isinstance(exception, DatabaseError):
            return None
        reason = database_fault(exception)
        if reason is None:
            return None
        log.error("database fault on %s %s: %s", request.method, request.path, exception)
        if request.path.startswith("/api/"):
            response: HttpResponse = JsonResponse(
                {"detail": f"{reason} {NOTHING_WRITTEN}"},
                status=503,
                json_dumps_params={"ensure_ascii": False},
            )
        else:
            response = render(
                request, "errors/database.html", {"reason": reason, "advice": NOTHING_WRITTEN}, status=503
            )
        response["Retry-After"] = "60"
        return response


class UploadSizeMiddleware:
    """A request body larger than the upload limit is refused (413) before Django reads it to disk."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response

    def __call__(self, request: HttpRequest) -> HttpResponse:
        try:
            length = int(request.META.get("CONTENT_LENGTH") or 0)
        except ValueError:
            length = 0
        limit = max_bytes()
        if length > limit + 1024 * 1024:  # room for the form's other fields
            message = (
                f"Tệp tải lên lớn {length // (1024 * 1024)} MB, quá giới hạn {limit // (1024 * 1024)} MB "
                "cho mỗi lần tải lên."
            )
            return _refusal(request, 413, message, title="Tệp quá lớn")
        return self.get_response(request)


class RateLimitMiddleware:
    """Log-in POSTs per address (`DANGVU_LOGIN_RATE`) and API calls per token, else per user or address
    (`DANGVU_API_RATE`): over the rate, HTTP 429 with a Vietnamese message and Retry-After."""

    def __init__(self, get_response: Callable[[HttpRequest], HttpResponse]) -> None:
        self.get_response = get_response
        self.login_path = ""

    def __call__(self, request: HttpRequest) -> HttpResponse:
        if not self.login_path:
            self.login_path = reverse(settings.LOGIN_URL)
        wait = 0
        if request.method == "POST" and request.path == self.login_path:
            wait = rate_exceeded("login", _address(request), Rate.parse(settings.DANGVU_LOGIN_RATE))
            if wait:
                return _too_many(request, wait, "Quá nhiều lần đăng nhập từ địa chỉ này.")
        elif request.path.startswith("/api/") and not request.path.startswith("/api/docs"):
            wait = rate_exceeded("api", _api_key(request), Rate.parse(settings.DANGVU_API_RATE))
            if wait:
                return _too_many(request, wait, "Quá nhiều yêu cầu tới API với khóa này.")
        return self.get_response(request)


def _address(request: HttpRequest) -> str:
    return request.META.get("REMOTE_ADDR") or "?"


def _api_key(request: HttpRequest) -> str:
    header = request.META.get("HTTP_AUTHORIZATION", "")
    if header.lower().startswith("bearer "):
        return "t" + hashlib.sha256(header[7:].strip().encode()).hexdigest()[:32]
    user = getattr(request, "user", None)
    if user is not None and user.is_authenticated:
        return f"u{user.pk}"
    return "a" + _address(request)


def _too_many(request: HttpRequest, wait: int, what: str) -> HttpResponse:
    response = _refusal(request, 429, f"{what} Hãy thử lại sau {wait} giây.", title="Quá nhiều yêu cầu")
    response["Retry-After"] = str(wait)
    return response


def _refusal(request: HttpRequest, status: int, message: str, *, title: str) -> HttpResponse:
    if request.path.startswith("/api/"):
        return JsonResponse({"detail": message}, status=status, json_dumps_params={"ensure_ascii": False})
    return render(request, "errors/refused.html", {"message": message, "title": title}, status=status)
