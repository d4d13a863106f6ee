from django.apps import AppConfig


class MeetingsConfig(AppConfig):
    name = "chibo.meetings"
    label = "meetings"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "meetings",
            menu=[
                shell.MenuEntry(
                    shell.Group.MEETINGS,
                    _("Sinh hoạt chi bộ"),
                    "meetings:home",
                    icon="calendar-event",
                    perm="meetings.view",
                    order=10,
                ),
                shell.MenuEntry(
                    shell.Group.MEETINGS,
                    _("Chi bộ không sinh hoạt"),
                    "meetings:not_met",
                    icon="calendar-x",
                    perm="meetings.view",
                    order=20,
                ),
            ],
        )
