from django.urls import path  # noqa: F401  (each part of the registry adds its routes below)

app_name = "members"

urlpatterns: list = []

from .views import profile as profile_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/", profile_views.profile, name="profile"),
    path("<int:pk>/edit/", profile_views.edit, name="edit"),
    path("<int:pk>/events/", profile_views.record_event, name="record_event"),
    path("admit/", profile_views.admit, name="admit"),
]
