"""The wizard's commit step runs here, in the task worker; the page polls the batch's progress."""

from django.tasks import task

from chibo.access.models import User

from ..models import ImportBatch


@task()
def run_import_task(batch_id: int, actor_id: int) -> dict[str, int]:
    from .actions import run_import

    batch = ImportBatch.objects.select_related("unit").get(pk=batch_id)
    actor = User.objects.get(pk=actor_id)
    with batch.upload.open("rb") as stream:
        summary = run_import(actor=actor, batch=batch, stream=stream)
    return summary.as_dict()
