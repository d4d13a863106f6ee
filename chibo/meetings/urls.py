from django.urls import path

from .views import attendance, meeting, minutes, not_met, overview

app_name = "meetings"

urlpatterns = [
    path("", overview.home, name="home"),
    path("not-met/", not_met.not_met, name="not_met"),
    path("unit/<str:code>/", overview.unit_page, name="unit"),
    path("unit/<str:code>/plan/", overview.generate_plan, name="generate_plan"),
    path("unit/<str:code>/new/", overview.new_meeting, name="new"),
    path("unit/<str:code>/warnings/", overview.warnings_page, name="warnings"),
    path("unit/<str:code>/quality/", overview.quality_page, name="quality"),
    path("check-in/<str:token>/", meeting.check_in, name="check_in"),
    path("<int:pk>/", meeting.detail, name="detail"),
    path("<int:pk>/edit/", meeting.edit, name="edit"),
    path("<int:pk>/agenda/", meeting.add_agenda, name="agenda"),
    path("<int:pk>/agree/", meeting.agree, name="agree"),
    path("<int:pk>/notice/", meeting.notice, name="notice"),
    path("<int:pk>/documents/", meeting.upload_document, name="documents"),
    path("<int:pk>/documents/<int:doc>/", meeting.document, name="document"),
    path("<int:pk>/cancel/", meeting.cancel, name="cancel"),
    path("<int:pk>/held/", meeting.held, name="held"),
    path("<int:pk>/qr/", meeting.qr, name="qr"),
    path("<int:pk>/ics/", meeting.ics, name="ics"),
    path("<int:pk>/attendance/", attendance.sheet, name="attendance"),
    path("<int:pk>/attendance/mark/", attendance.mark, name="mark"),
    path("<int:pk>/attendance/all-present/", attendance.all_present, name="all_present"),
    path("<int:pk>/minutes/", minutes.minutes, name="minutes"),
    path("<int:pk>/minutes/sign/", minutes.sign, name="sign"),
    path("<int:pk>/minutes/revise/", minutes.revise, name="revise"),
    path("<int:pk>/minutes/<int:version>/pdf/", minutes.pdf, name="pdf"),
    path("<int:pk>/minutes/<int:version>/docx/", minutes.docx, name="docx"),
]
