from django.urls import path

app_name = "members"

urlpatterns: list = []

from .views import statistics as statistics_views  # noqa: E402

urlpatterns += [
    path("statistics/", statistics_views.statistics_home, name="statistics_home"),
    path("statistics/<str:code>/", statistics_views.unit_statistics, name="statistics"),
    path(
        "statistics/<str:code>/changes.xlsx",
        statistics_views.changes_xlsx,
        name="statistics_changes_xlsx",
    ),
]

from .views import profile as profile_views  # noqa: E402

urlpatterns += [
    path("<int:pk>/", profile_views.profile, name="profile"),
    path("<int:pk>/edit/", profile_views.edit, name="edit"),
    path("<int:pk>/events/", profile_views.record_event, name="record_event"),
    path("admit/", profile_views.admit, name="admit"),
]
