from django.apps import AppConfig
from django.utils.translation import gettext_lazy as _


class TrainingConfig(AppConfig):
    name = "chibo.training"
    label = "training"

    def ready(self) -> None:
        from chibo.access.roles import Perm
        from chibo.core import shell

        from . import queries  # noqa: F401  (registers the training module's own needs)

        shell.register(
            "training",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Bồi dưỡng, đào tạo"),
                    "training:home",
                    icon="mortarboard",
                    perm=Perm.TRAINING_VIEW,
                    order=65,
                )
            ],
            profile=[
                shell.ProfileSection(
                    "training.certificates",
                    _("Giấy chứng nhận bồi dưỡng"),
                    "training:member_certificates",
                    order=60,
                )
            ],
        )
