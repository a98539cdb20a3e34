from django.urls import path

from dangvu.accounts import views

app_name = "accounts"
urlpatterns = [
    path("vai-tro/", views.roles, name="roles"),
    path("vai-tro/<int:pk>/thu-hoi/", views.role_revoke, name="role_revoke"),
    path("tai-khoan/moi/", views.user_create, name="user_create"),
    path("nhat-ky/", views.audit, name="audit"),
    path("khoa-api/", views.tokens, name="tokens"),
    path("khoa-api/<int:pk>/thu-hoi/", views.token_revoke, name="token_revoke"),
]
