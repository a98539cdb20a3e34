from django.urls import path

from dangvu.documents import views

app_name = "documents"
urlpatterns = [
    path("", views.document_list, name="list"),
    path("moi/", views.document_new, name="new"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/lien-ket/", views.document_link, name="link"),
    path("<int:pk>/huy/", views.document_void, name="void"),
]
