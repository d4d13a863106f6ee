"""URLs of distribution, included into the `documents` namespace by chibo/documents/urls.py."""

from django.urls import path

from . import views

urlpatterns = [
    path("<int:pk>/distribute/", views.distribute, name="distribute"),
    path(
        "<int:pk>/distributions/<int:distribution_id>/progress/",
        views.distribution_progress,
        name="distribution_progress",
    ),
    path("<int:pk>/read-rates/", views.read_rates, name="read_rates"),
    path("read/<int:pk>/", views.reader, name="reader"),
    path("read/<int:pk>/files/<int:file_id>/", views.reader_file, name="reader_file"),
    path("read/<int:pk>/bookmark/", views.bookmark, name="bookmark"),
]
