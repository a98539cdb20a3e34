from django.urls import path

from dangvu.indicators import views

app_name = "indicators"
urlpatterns = [
    path("", views.dashboard_home, name="home"),
    path("<str:code>/", views.dashboard, name="dashboard"),
    path("<str:code>/nguon/<str:indicator>/", views.figure_source, name="source"),
    path("<str:code>/giao-chi-tieu/", views.targets, name="targets"),
    path("<str:code>/so-lieu/", views.submission, name="submission"),
    path("so-lieu/<int:pk>/<str:decision>/", views.submission_decide, name="decide"),
]
