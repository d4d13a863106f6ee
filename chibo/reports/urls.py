from django.urls import URLPattern, URLResolver, path

from .views import reports, requests, templates

app_name = "reports"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", requests.home, name="home"),
    path("card/", requests.home_card, name="home_card"),
    path("unit/<str:code>/", requests.unit_page, name="unit"),
    path("unit/<str:code>/templates/", templates.template_list, name="templates"),
    path("templates/<int:pk>/", templates.template_detail, name="template"),
    path("templates/<int:pk>/indicators/", templates.add_indicator, name="add_indicator"),
    path("templates/<int:pk>/sections/", templates.add_section, name="add_section"),
    path("templates/<int:pk>/rules/", templates.add_rule, name="add_rule"),
    path("requests/<int:pk>/", requests.request_detail, name="request"),
    path("requests/<int:pk>/remind/", requests.remind, name="remind"),
    path("requests/<int:pk>/rollup/", requests.rollup_page, name="rollup"),
    path("requests/<int:pk>/rollup.xlsx", requests.rollup_xlsx, name="rollup_xlsx"),
    path("r/<int:pk>/", reports.report_detail, name="report"),
    path("r/<int:pk>/prefill/", reports.prefill, name="prefill"),
    path("r/<int:pk>/save/", reports.save, name="save"),
    path("r/<int:pk>/submit/", reports.submit, name="submit"),
    path("r/<int:pk>/approve/", reports.approve, name="approve"),
    path("r/<int:pk>/accept/", reports.accept, name="accept"),
    path("r/<int:pk>/return/", reports.return_, name="return"),
    path("r/<int:pk>/report.docx", reports.report_docx, name="docx"),
    path("r/<int:pk>/report.pdf", reports.report_pdf, name="pdf"),
]
