from django.urls import URLPattern, URLResolver, path

from .views import course, pages

app_name = "training"

urlpatterns: list[URLPattern | URLResolver] = [
    path("", pages.home, name="home"),
    path("unit/<str:code>/", pages.unit_page, name="unit"),
    path("unit/<str:code>/courses/new/", pages.course_new, name="course_new"),
    path("courses/<int:pk>/", course.course_page, name="course"),
    path("courses/<int:pk>/sessions/", course.add_session, name="add_session"),
    path("courses/<int:pk>/teachers/", course.add_teacher, name="add_teacher"),
    path("courses/<int:pk>/materials/", course.add_material, name="add_material"),
    path("courses/<int:pk>/enrol/", course.enrol, name="enrol"),
    path(
        "courses/<int:pk>/sessions/<int:session_pk>/attendance/",
        course.attendance,
        name="attendance",
    ),
    path("courses/<int:pk>/grades/", course.grades, name="grades"),
    path("courses/<int:pk>/quiz/", course.link_quiz, name="link_quiz"),
    path("courses/<int:pk>/finish/", course.finish, name="finish"),
    path("materials/<int:pk>/file/", course.material_file, name="material_file"),
    path("certificates/<int:pk>/pdf/", course.certificate_file, name="certificate_pdf"),
    path("verify/", pages.verify, name="verify"),
    path("verify/<str:number>/", pages.verify_number, name="verify_number"),
    path("members/<int:pk>/certificates/", pages.member_certificates, name="member_certificates"),
]
