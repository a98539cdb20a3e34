from django.urls import path

from dangvu.meetings import views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moi/", views.meeting_new, name="new"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.meeting_action, name="action"),
    path("can-bo/<int:pk>/", views.person_detail, name="person"),
]
