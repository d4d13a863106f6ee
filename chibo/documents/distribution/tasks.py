"""Background work of distribution."""

from django.tasks import task


@task()
def materialise_distribution_task(distribution_id: int) -> None:
    """Receipts and notices of a distribution too big for the request (progress on the row)."""
    from .actions import materialise_distribution

    materialise_distribution(distribution_id)
