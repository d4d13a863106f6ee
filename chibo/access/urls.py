from django.urls import path

from . import views

app_name = "access"

urlpatterns = [
    path("tokens/", views.tokens, name="tokens"),
    path("tokens/<int:token_id>/revoke/", views.revoke_token, name="revoke_token"),
    path("users/", views.users, name="users"),
    path("users/<int:user_id>/", views.user_detail, name="user"),
    path("users/<int:user_id>/grants/", views.add_grant, name="add_grant"),
    path("users/<int:user_id>/deactivate/", views.deactivate, name="deactivate"),
    path("grants/<int:grant_id>/revoke/", views.revoke_grant, name="revoke_grant"),
    path(
        "grant-requests/<int:request_id>/approve/",
        views.approve_grant_request,
        name="approve_grant_request",
    ),
    path(
        "grant-requests/<int:request_id>/refuse/",
        views.refuse_grant_request,
        name="refuse_grant_request",
    ),
]
