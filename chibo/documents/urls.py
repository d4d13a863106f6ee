from django.urls import URLPattern, URLResolver, include, path

from .views import registry

app_name = "documents"

urlpatterns: list[URLPattern | URLResolver] = [
    # Registry
    path("", registry.document_list, name="list"),
    path("new/", registry.document_register, name="register"),
    path("<int:pk>/", registry.document_detail, name="detail"),
    path("<int:pk>/edit/", registry.document_edit, name="edit"),
    path("<int:pk>/files/", registry.file_add, name="file_add"),
    path("files/<int:pk>/", registry.file_download, name="file_download"),
    path("files/<int:pk>/view/", registry.file_view, name="file_view"),
    path("files/<int:pk>/remove/", registry.file_remove, name="file_remove"),
    # Distribution, read receipts (docd's part) and study campaigns with quizzes
    path("", include("chibo.documents.distribution.urls")),
    path("", include("chibo.documents.study.urls")),
]
