"""Background work of the registry."""

from django.tasks import task


@task()
def extract_document_file_text(file_id: int) -> None:
    """Text of a large uploaded file, extracted after the upload's transaction commits."""
    from .actions import extract_file_text

    extract_file_text(file_id=file_id)
