from django.urls import path

from .views import downloads, history, rounds

app_name = "ratings"

urlpatterns = [
    path("", rounds.home, name="home"),
    path("mine/", history.mine, name="mine"),
    path("card/", history.home_card, name="home_card"),
    path("unit/<str:code>/", rounds.unit_page, name="unit"),
    path("unit/<str:code>/open/", rounds.open_round_view, name="open"),
    path("unit/<str:code>/streaks/", history.streaks_page, name="streaks"),
    path("round/<int:pk>/", rounds.round_page, name="round"),
    path("round/<int:pk>/close/", rounds.close_round_view, name="close"),
    path("round/<int:pk>/xlsx/", downloads.xlsx, name="xlsx"),
    path("round/<int:pk>/docx/", downloads.docx, name="docx"),
    path("rating/<int:pk>/", rounds.rating_page, name="rating"),
    path("member/<int:pk>/section/", history.member_section, name="member_section"),
]
