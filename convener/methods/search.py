from convener.lib.markdown import plain_text
from convener.search.index import Document, replace

from .models import Method


def reindex_methods() -> None:
    replace(
        "method",
        [
            Document(
                m.slug,
                m.name,
                m.get_absolute_url(),
                "\n".join([m.summary, plain_text(m.description), *m.fits_when, m.produces_summary]),
            )
            for m in Method.objects.all()
        ],
    )
