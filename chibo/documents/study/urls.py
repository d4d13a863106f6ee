"""URLs of study campaigns (/documents/study/...), included into the `documents` namespace."""

from django.urls import path

from . import views

urlpatterns = [
    path("study/", views.campaign_list, name="study_list"),
    path("study/new/", views.create_campaign, name="study_create"),
    path("study/<int:pk>/", views.campaign, name="study_campaign"),
    path("study/<int:pk>/results/", views.results, name="study_results"),
    path("study/<int:pk>/sessions/", views.add_session, name="study_add_session"),
    path("study/<int:pk>/materials/", views.add_material, name="study_add_material"),
    path(
        "study/<int:pk>/materials/<int:material_id>/",
        views.material_file,
        name="study_material_file",
    ),
    path("study/<int:pk>/done/", views.confirm, name="study_confirm"),
    path("study/<int:pk>/quiz/", views.quiz, name="study_quiz"),
    path("study/<int:pk>/quiz/<int:attempt_id>/", views.attempt, name="study_attempt"),
]
