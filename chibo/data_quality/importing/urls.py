from django.urls import path

from . import views

urlpatterns = [
    path("imports/", views.import_list, name="import_list"),
    path("imports/template.xlsx", views.template_download, name="import_template"),
    path("imports/upload/", views.upload, name="import_upload"),
    path("imports/<int:pk>/", views.import_detail, name="import_detail"),
    path("imports/<int:pk>/mapping/", views.set_mapping, name="import_mapping"),
    path("imports/<int:pk>/preview/", views.preview, name="import_preview"),
    path("imports/<int:pk>/commit/", views.commit, name="import_commit"),
    path("imports/<int:pk>/progress/", views.progress, name="import_progress"),
    path("imports/<int:pk>/rejected.xlsx", views.rejected_xlsx, name="import_rejected"),
]
