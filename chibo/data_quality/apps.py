from django.apps import AppConfig


class DataQualityConfig(AppConfig):
    name = "chibo.data_quality"
    label = "data_quality"

    def ready(self) -> None:
        from django.utils.translation import gettext_lazy as _

        from chibo.core import shell

        shell.register(
            "data_quality",
            menu=[
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Làm sạch dữ liệu"),
                    "data_quality:home",
                    icon="stars",
                    perm="data_quality.view",
                    order=60,
                ),
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Nhập danh sách"),
                    "data_quality:import_list",
                    icon="file-earmark-arrow-up",
                    perm="data_quality.manage",
                    order=70,
                ),
                shell.MenuEntry(
                    shell.Group.ORG,
                    _("Hồ sơ trùng"),
                    "data_quality:duplicate_queue",
                    icon="union",
                    perm="data_quality.manage",
                    order=80,
                ),
            ],
        )
