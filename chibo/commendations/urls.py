from django.urls import path

from .views import awards, campaigns, lists

app_name = "commendations"

urlpatterns = [
    path("", awards.home, name="home"),
    path("card/", lists.home_card, name="home_card"),
    path("unit/<str:code>/", awards.unit_page, name="unit"),
    path("unit/<str:code>/award/", awards.award_view, name="award"),
    path("unit/<str:code>/propose/", awards.propose_view, name="propose"),
    path("unit/<str:code>/campaign/", awards.campaign_new, name="campaign_new"),
    path("unit/<str:code>/eligibility/", lists.eligibility_page, name="eligibility"),
    path("proposal/<int:pk>/", awards.proposal_page, name="proposal"),
    path("campaign/<int:pk>/", campaigns.campaign_page, name="campaign"),
    path("project/<int:pk>/", campaigns.project_step, name="project"),
    path("member/<int:pk>/section/", lists.member_section, name="member_section"),
]
