from django.urls import path

from dangvu.organisations import reorganise_views, views

app_name = "organisations"
urlpatterns = [
    path("", views.tree, name="tree"),
    path("tim/", views.search, name="search"),
    path("<str:code>/", views.detail, name="detail"),
    path("<str:code>/con/", views.branch, name="branch"),
    path("<str:code>/sap-xep/<str:action>/", reorganise_views.reorganise, name="reorganise"),
]
