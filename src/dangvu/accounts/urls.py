from django.urls import path

from dangvu.accounts import personal_data, views

app_name = "accounts"
urlpatterns = [
    path("vai-tro/", views.roles, name="roles"),
    path("vai-tro/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("tai-khoan/moi/", views.user_create, name="user_create"),
    path("nhat-ky/", views.audit, name="audit"),
    path("du-lieu-ca-nhan/", personal_data.personal_data, name="personal_data"),
    path("du-lieu-ca-nhan/xuat.xlsx", personal_data.personal_data_export, name="personal_data_export"),
    path("khoa-api/", views.tokens, name="tokens"),
    path("khoa-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
