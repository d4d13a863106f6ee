"""Routes of the campaign pages, included by `chibo.data_quality.urls` (namespace data_quality)."""

from django.urls import path

from . import views

urlpatterns = [
    path("", views.home, name="home"),
    path("campaigns/create/", views.campaign_create, name="campaign_create"),
    path("campaigns/<int:pk>/", views.campaign_detail, name="campaign"),
    path("members/<int:pk>/", views.record, name="record"),
    path("members/<int:pk>/fix/", views.record_fix, name="record_fix"),
    path("members/<int:pk>/confirm/", views.record_confirm, name="record_confirm"),
]
