from django.urls import path

from dangvu.members import candidate_views, views

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
    path("<int:member_id>/noi-cu-tru/", views.residence_contact, name="residence_contact"),
    path(
        "<int:member_id>/noi-cu-tru/<int:contact_id>/nhan-xet/",
        views.residence_comment,
        name="residence_comment",
    ),
    path("<int:member_id>/huy-hieu-som/", views.early_badge, name="early_badge"),
    path("nguon/", candidate_views.candidate_list, name="candidates"),
    path("nguon/moi/", candidate_views.candidate_add, name="candidate_add"),
    path("nguon/nhap/", candidate_views.candidate_import, name="candidate_import"),
    path("nguon/mau-nhap/", candidate_views.candidate_template, name="candidate_template"),
    path("nguon/<int:candidate_id>/", candidate_views.candidate_detail, name="candidate_detail"),
    path("nguon/<int:candidate_id>/buoc/", candidate_views.candidate_step, name="candidate_step"),
    path("nguon/<int:candidate_id>/ket-nap/", candidate_views.candidate_admit, name="candidate_admit"),
]
