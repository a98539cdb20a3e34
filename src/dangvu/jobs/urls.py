"""URLs of background jobs, under /cong-viec/."""

from django.urls import path

from dangvu.jobs import views

app_name = "jobs"
urlpatterns = [
    path("", views.job_list, name="list"),
    path("<int:pk>/", views.job_detail, name="detail"),
    path("<int:pk>/tai-ve/", views.job_download, name="download"),
    path("<int:pk>/huy/", views.job_cancel, name="cancel"),
    path("<int:pk>/chay-lai/", views.job_rerun, name="rerun"),
]
