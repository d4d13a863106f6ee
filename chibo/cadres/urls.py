from django.urls import URLPattern, URLResolver, path

from .views import planning, posts

app_name = "cadres"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", posts.home, name="home"),
    path("mine/", posts.mine, name="mine"),
    path("card/", posts.home_card, name="home_card"),
    path("member/<int:pk>/posts/", posts.member_posts, name="member_posts"),
    path("unit/<str:code>/", posts.unit_page, name="unit"),
    path("unit/<str:code>/posts/", posts.define_post, name="define_post"),
    path("unit/<str:code>/gaps/", planning.gaps, name="gaps"),
    path("unit/<str:code>/planning/", planning.planning, name="planning"),
    path("unit/<str:code>/planning/new/", planning.create_planning, name="create_planning"),
    path("unit/<str:code>/rotations/", planning.rotations, name="rotations"),
    path("unit/<str:code>/rotations/new/", planning.add_rotation, name="add_rotation"),
    path("unit/<str:code>/lists/", planning.lists, name="lists"),
    path("unit/<str:code>/lists.xlsx", planning.lists_xlsx, name="lists_xlsx"),
    path("unit/<str:code>/lists.docx", planning.lists_docx, name="lists_docx"),
    path("posts/<int:pk>/", posts.post_history, name="post_history"),
    path("posts/<int:pk>/appoint/", posts.appoint, name="appoint"),
    path("posts/<int:pk>/propose/", posts.propose, name="propose"),
    path("holdings/<int:pk>/end/", posts.end_holding, name="end_holding"),
    path("proposals/<int:pk>/", posts.proposal_page, name="proposal"),
    path("proposals/<int:pk>/step/", posts.record_step, name="record_step"),
    path("planning/<int:pk>/add/", planning.plan_person, name="plan_person"),
    path("planning/<int:pk>/approve/", planning.approve_planning, name="approve_planning"),
    path("planning/<int:pk>/review/", planning.start_review, name="start_review"),
    path("planning/entries/<int:pk>/remove/", planning.remove_planned, name="remove_planned"),
]
