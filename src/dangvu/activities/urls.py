from django.urls import path

from dangvu.activities import entry, views

app_name = "activities"
urlpatterns = [
    path("", views.overview, name="overview"),
    path("sinh-hoat/", views.meetings, name="meetings"),
    path("sinh-hoat/moi/", entry.meeting_new, name="meeting_new"),
    path("kiem-tra/", views.inspections, name="inspections"),
    path("kiem-tra/moi/", entry.inspection_new, name="inspection_new"),
    path("kiem-tra/chuong-trinh/", entry.plan_new, name="plan_new"),
    path("kiem-tra/<int:pk>/", views.inspection_detail, name="inspection"),
    path("kiem-tra/<int:pk>/huy/", entry.inspection_void, name="inspection_void"),
    path("ky-luat/", views.disciplines, name="disciplines"),
    path("ky-luat/moi/", entry.discipline_new, name="discipline_new"),
    path("xep-loai/", views.rating_list, name="ratings"),
    path("xep-loai/de-xuat/", entry.rating_new, name="rating_new"),
    path("xep-loai/<int:pk>/quyet-dinh/", entry.rating_decide, name="rating_decide"),
    path("dan-van-kheo/", views.models, name="models"),
    path("dan-van-kheo/moi/", entry.model_new, name="model_new"),
    path("nhap/<str:kind>/", views.import_wizard, name="import"),
    path("nhap/<str:kind>/mau.xlsx", views.import_template, name="template"),
]
