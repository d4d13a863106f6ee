"""URLs of the registry, included into the `documents` namespace by chibo/documents/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.document_list, name="list"),
    path("new/", views.document_register, name="register"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/edit/", views.document_edit, name="edit"),
    path("<int:pk>/files/", views.file_add, name="file_add"),
    path("files/<int:pk>/", views.file_download, name="file_download"),
    path("files/<int:pk>/view/", views.file_view, name="file_view"),
    path("files/<int:pk>/remove/", views.file_remove, name="file_remove"),
]
