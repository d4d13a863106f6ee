"""Background work of the documents module."""

from django.tasks import task


@task()
def extract_document_file_text(file_id: int) -> None:
    """Text of a large uploaded file, extracted after the upload's transaction commits."""
    from .actions.registry import extract_file_text

    extract_file_text(file_id=file_id)


@task()
def materialise_distribution_task(distribution_id: int) -> None:
    """Receipts and notices of a distribution too big for the request (progress on the row)."""
    from .distribution.actions import materialise_distribution

    materialise_distribution(distribution_id)
