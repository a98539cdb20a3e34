"""The HTTP API: one NinjaAPI collecting each app's router; OpenAPI schema and docs at /api/docs.

Assets of the docs page are served locally (closed networks): the docs page is Ninja's own, which loads
Swagger UI from Ninja's bundled static files.
"""

from __future__ import annotations

from ninja import NinjaAPI
from ninja.security import django_auth

from dangvu.api.auth import TokenAuth
from dangvu.organisations.api import router as organisations_router

api = NinjaAPI(
    title="Dangvu API",
    version="1",
    description=(
        "API của Dangvu. Xác thực bằng khóa API: `Authorization: Bearer dv_…` (tạo tại trang Khóa API)."
    ),
    auth=[TokenAuth(), django_auth],
    urls_namespace="api",
)
api.add_router("/organisations", organisations_router, tags=["Tổ chức đảng"])
api.add_router("/members", "dangvu.members.api.router", tags=["Đảng viên"])
api.add_router("/documents", "dangvu.documents.api.router", tags=["Văn bản"])
api.add_router("/meetings", "dangvu.meetings.api.router", tags=["Hội nghị"])
api.add_router("/tasks", "dangvu.assignments.api.router", tags=["Nhiệm vụ"])
api.add_router("/activities", "dangvu.activities.api.router", tags=["Hoạt động"])
api.add_router("/reports", "dangvu.reports.api.router", tags=["Báo cáo"])
api.add_router("/jobs", "dangvu.jobs.api.router", tags=["Công việc nền"])
