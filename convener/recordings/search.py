from convener.search.index import Document, replace

from .models import Recording


def reindex_recordings() -> None:
    replace(
        "recording",
        [
            Document(
                r.slug,
                r.title,
                r.get_absolute_url(),
                "\n".join([r.summary, *r.learn, *r.topics, r.transcript]),
            )
            for r in Recording.objects.all()
        ],
    )
