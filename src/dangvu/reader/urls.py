from django.urls import path

from dangvu.reader import views

app_name = "reader"
urlpatterns = [
    path("", views.read_page, name="read"),
    path("tai-json/", views.proposal_download, name="download"),
    path("luu/", views.proposal_store, name="save"),
]
