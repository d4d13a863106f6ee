from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class AssignmentsConfig(AppConfig):
    name = "chibo.assignments"
    label = "assignments"

    def ready(self) -> None:
        from chibo.core import shell

        shell.register(
            "assignments",
            menu=[
                shell.MenuEntry(
                    shell.Group.WORK,
                    _("Chương trình công tác"),
                    "assignments:home",
                    icon="list-check",
                    perm="assignments.view",
                    order=10,
                ),
                shell.MenuEntry(
                    shell.Group.WORK,
                    _("Nhiệm vụ của tôi"),
                    "assignments:mine",
                    icon="check2-square",
                    order=11,
                ),
            ],
            cards=[
                # Every login: a member's own tasks do not need assignments.view.
                shell.HomeCard(
                    "assignments.mine", _("Nhiệm vụ của tôi"), "assignments:home_card", order=20
                ),
                shell.HomeCard(
                    "assignments.overdue",
                    _("Nhiệm vụ quá hạn"),
                    "assignments:overdue_card",
                    perm="assignments.view",
                    order=21,
                ),
            ],
        )
