from django.urls import path

from . import views

urlpatterns = [
    path("duplicates/", views.queue, name="duplicate_queue"),
    path("duplicates/detect/", views.start_detection, name="duplicate_detect"),
    path("duplicates/runs/<int:pk>/", views.run_detail, name="duplicate_run"),
    path("duplicates/<int:pk>/", views.pair_detail, name="duplicate_pair"),
    path("duplicates/<int:pk>/decide/", views.decide, name="duplicate_decide"),
    path("duplicates/<int:pk>/merge/", views.merge, name="duplicate_merge"),
    path("merges/<int:pk>/undo/", views.undo, name="merge_undo"),
]
