"""The wizard's commit step runs here, in the task worker; the page polls the batch's progress."""

from django.tasks import task


@task()
def run_import_task(batch_id: int, actor_id: int) -> dict[str, int]:
    from .actions import run_import
    from .queries import actor_by_id, batch_to_run

    batch = batch_to_run(batch_id)
    actor = actor_by_id(actor_id)
    with batch.upload.open("rb") as stream:
        summary = run_import(actor=actor, batch=batch, stream=stream)
    return summary.as_dict()
