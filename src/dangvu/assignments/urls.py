from django.urls import path

from dangvu.assignments import views

app_name = "assignments"
urlpatterns = [
    path("", views.task_list, name="list"),
    path("xuat.xlsx", views.task_export, name="export"),
    path("moi/", views.task_new, name="new"),
    path("nhap/", views.task_import, name="import"),
    path("mau-nhap.xlsx", views.task_template, name="template"),
    path("don-vi/<str:code>/", views.task_inbox, name="inbox"),
    path("<int:pk>/", views.task_detail, name="detail"),
    path("<int:pk>/tien-do/", views.task_progress, name="progress"),
    path("<int:pk>/huy/", views.task_void, name="void"),
]
