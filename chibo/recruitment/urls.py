from django.urls import URLPattern, URLResolver, path

from .views import candidates, pages

app_name = "recruitment"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.home, name="home"),
    path("card/", pages.home_card, name="home_card"),
    path("unit/<str:code>/", pages.unit_page, name="unit"),
    path("unit/<str:code>/tally/", pages.tally_page, name="tally"),
    path("unit/<str:code>/target/", pages.set_target, name="set_target"),
    path("unit/<str:code>/candidates/new/", pages.candidate_new, name="candidate_new"),
    path("candidates/<int:pk>/", candidates.candidate_page, name="candidate"),
    path("candidates/<int:pk>/steps/", candidates.record_step, name="record_step"),
    path("candidates/<int:pk>/age-exception/", candidates.age_exception, name="age_exception"),
    path("candidates/<int:pk>/withdraw/", candidates.withdraw, name="withdraw"),
    path("candidates/<int:pk>/enrol/", candidates.enrol, name="enrol"),
    path("steps/<int:pk>/document/", candidates.step_document, name="step_document"),
]
