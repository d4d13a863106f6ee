from django.urls import path

from .views import documents, home, meetings, notices, own_data, pwa, questions, record

app_name = "handbook"

urlpatterns = [
    path("", home.home, name="home"),
    path("ho-so/", record.record, name="record"),
    path("ho-so/du-lieu.json", own_data.own_data_json, name="own_data_json"),
    path("ho-so/du-lieu.pdf", own_data.own_data_pdf_file, name="own_data_pdf"),
    path("ho-so/yeu-cau-sua/", record.request_correction, name="request_correction"),
    path("yeu-cau/", record.corrections_inbox, name="corrections_inbox"),
    path("yeu-cau/<int:pk>/chap-nhan/", record.accept_correction, name="accept_correction"),
    path("yeu-cau/<int:pk>/tu-choi/", record.reject_correction, name="reject_correction"),
    path("van-ban/", documents.document_list, name="documents"),
    path("van-ban/<int:pk>/", documents.document, name="document"),
    path("van-ban/<int:pk>/luu/", documents.bookmark, name="bookmark"),
    path("van-ban/<int:pk>/tep/<int:file_id>/", documents.document_file, name="document_file"),
    path("lich-hop/", meetings.meeting_list, name="meetings"),
    path("lich-hop/<int:pk>/", meetings.meeting, name="meeting"),
    path("lich-hop/<int:pk>/lich.ics", meetings.meeting_ics, name="meeting_ics"),
    path("lich-hop/<int:pk>/diem-danh/", meetings.check_in, name="check_in"),
    path("y-kien/", questions.questions, name="questions"),
    path("y-kien/gui/", questions.ask, name="ask"),
    path("y-kien/hop-thu/", questions.committee_inbox, name="questions_inbox"),
    path("y-kien/<int:pk>/", questions.question, name="question"),
    path("y-kien/<int:pk>/tra-loi/", questions.reply, name="reply"),
    path("thong-bao/", notices.notices, name="notices"),
    path("sw.js", pwa.service_worker, name="service_worker"),
    path("manifest.webmanifest", pwa.manifest, name="manifest"),
    path("offline/", pwa.offline, name="offline"),
]
