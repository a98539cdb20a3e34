"""The site's URLs: the Vietnamese UI, the API at /api/ (schema and docs at /api/docs) and Django's admin."""

from django.contrib import admin
from django.contrib.auth import views as auth_views
from django.urls import include, path
from django.views.generic import RedirectView

from dangvu.api.api import api

urlpatterns = [
    path("", RedirectView.as_view(pattern_name="organisations:tree", permanent=False)),
    path("dang-nhap/", auth_views.LoginView.as_view(redirect_authenticated_user=True), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("to-chuc/", include("dangvu.organisations.urls")),
    path("dang-vien/", include("dangvu.members.urls")),
    path("quan-tri/", include("dangvu.accounts.urls")),
    path("van-ban/", include("dangvu.documents.urls")),
    path("hoi-nghi/", include("dangvu.meetings.urls")),
    path("nhiem-vu/", include("dangvu.assignments.urls")),
    path("hoat-dong/", include("dangvu.activities.urls")),
    path("chi-tieu/", include("dangvu.indicators.urls")),
    path("bao-cao/", include("dangvu.reports.urls")),
    path("doc-van-ban/", include("dangvu.reader.urls")),
    path("cong-viec/", include("dangvu.jobs.urls")),
    path("api/", api.urls),
    path("django-admin/", admin.site.urls),
]
