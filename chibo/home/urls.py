from django.urls import path

from . import views

app_name = "home"

urlpatterns = [
    path("tim-kiem/", views.search, name="search"),
    path("the/<str:key>/", views.card, name="card"),
]
