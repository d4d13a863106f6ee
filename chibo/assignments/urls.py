from django.urls import path

from .views import tasks, units

app_name = "assignments"

urlpatterns = [
    path("", units.home, name="home"),
    path("mine/", units.mine, name="mine"),
    path("home-card/", units.home_card, name="home_card"),
    path("overdue-card/", units.overdue_card, name="overdue_card"),
    path("my-tasks-box/", units.my_tasks_box, name="my_tasks_box"),
    path("unit/<str:code>/", units.unit_page, name="unit"),
    path("unit/<str:code>/dashboard/", units.dashboard, name="dashboard"),
    path("programme/<int:pk>/", tasks.programme_page, name="programme"),
    path("programme/<int:pk>/issue/", tasks.issue_programme, name="issue_programme"),
    path("programme/<int:pk>/new/", tasks.new_task, name="new_task"),
    path("task/<int:pk>/", tasks.task_page, name="task"),
    path("task/<int:pk>/issue/", tasks.issue, name="issue"),
    path("task/<int:pk>/progress/", tasks.progress, name="progress"),
    path("task/<int:pk>/submit/", tasks.submit, name="submit"),
    path("task/<int:pk>/accept/", tasks.accept, name="accept"),
    path("task/<int:pk>/return/", tasks.return_, name="return"),
    path("task/<int:pk>/extend/", tasks.extend, name="extend"),
    path("task/<int:pk>/decide/", tasks.decide, name="decide"),
    path("task/<int:pk>/split/", tasks.split, name="split"),
    path("from-meeting/<int:pk>/", units.from_meeting, name="from_meeting"),
    path("from-document/<int:pk>/", units.from_document, name="from_document"),
    path("source/<str:kind>/<int:pk>/", units.source_tasks, name="source_tasks"),
]
