from django.urls import path

from . import views

app_name = "org"

urlpatterns = [
    path("", views.tree, name="tree"),
    path("search/", views.search, name="search"),
    path("<str:code>/", views.unit_detail, name="unit"),
    path("<str:code>/children/", views.children, name="children"),
    path("<str:code>/create/", views.create_child, name="create_child"),
    path("<str:code>/rename/", views.rename, name="rename"),
    path("<str:code>/move/", views.move, name="move"),
    path("<str:code>/merge/", views.merge, name="merge"),
    path("<str:code>/dissolve/", views.dissolve, name="dissolve"),
]
