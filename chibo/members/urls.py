from django.urls import path

from .views import badges, listing, profile, statistics, transfers

app_name = "members"

urlpatterns = [
    path("", listing.member_list, name="list"),
    path("export.xlsx", listing.member_export, name="export"),
    path("lookup/", listing.member_lookup, name="lookup"),
    path("admit/", profile.admit, name="admit"),
    path("<int:pk>/", profile.profile, name="profile"),
    path("<int:pk>/edit/", profile.edit, name="edit"),
    path("<int:pk>/events/", profile.record_event, name="record_event"),
    path("statistics/", statistics.statistics_home, name="statistics_home"),
    path("statistics/<str:code>/", statistics.unit_statistics, name="statistics"),
    path(
        "statistics/<str:code>/changes.xlsx",
        statistics.changes_xlsx,
        name="statistics_changes_xlsx",
    ),
    path("badges/<str:code>/", badges.badges_due, name="badges"),
    path("transfers/", transfers.transfers, name="transfers"),
]
