from django.urls import path

from dangvu.meetings import body_views, views

app_name = "meetings"
urlpatterns = [
    path("", views.meeting_list, name="list"),
    path("moi/", views.meeting_new, name="new"),
    path("lich/", views.calendar_month, name="calendar"),
    path("lich.ics", views.calendar_ics, name="calendar_ics"),
    path("can-bo/", views.person_list, name="people"),
    path("can-bo/<int:pk>/", views.person_detail, name="person"),
    path("ban-chi-dao/", body_views.body_list, name="bodies"),
    path("ban-chi-dao/moi/", body_views.body_new, name="body_new"),
    path("ban-chi-dao/<int:pk>/", body_views.body_detail, name="body"),
    path("ban-chi-dao/<int:pk>/dia-ban/", body_views.overseer, name="overseer"),
    path("ban-chi-dao/<int:pk>/<str:action>/", body_views.body_action, name="body_action"),
    path("<int:pk>/", views.meeting_detail, name="detail"),
    path("<int:pk>/<str:action>/", views.meeting_action, name="action"),
]
