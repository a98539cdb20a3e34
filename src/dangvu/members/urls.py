from django.urls import path

from dangvu.members import views

app_name = "members"
urlpatterns = [
    path("", views.register, name="register"),
    path("xuat/", views.export, name="export"),
    path("mau-nhap/", views.template, name="template"),
    path("nhap/", views.import_wizard, name="import"),
    path("ket-nap/", views.admit, name="admit"),
    path("thong-ke/", views.statistics, name="statistics"),
    path("viec-can-lam/", views.work_lists, name="work_lists"),
    path("<int:member_id>/", views.detail, name="detail"),
    path("<int:member_id>/bien-dong/", views.record_event, name="record_event"),
]
