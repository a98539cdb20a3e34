"""URLs of the report builder, under /bao-cao/."""

from django.urls import path

from dangvu.reports import views

app_name = "reports"
urlpatterns = [
    path("", views.home, name="home"),
    path("mau/", views.templates, name="templates"),
    path("mau/<int:version>/", views.template_download, name="template_download"),
    path("da-ban-hanh/<int:pk>/<str:fmt>/", views.issued_download, name="issued_download"),
    path("<str:code>/", views.builder, name="builder"),
    path("<str:code>/tai-ve/<str:fmt>/", views.download, name="download"),
    path("<str:code>/ban-hanh/", views.issue, name="issue"),
    path("<str:code>/thiet-lap/", views.report_settings, name="settings"),
    path("<str:code>/bieu-thong-ke/", views.forms, name="forms"),
]
