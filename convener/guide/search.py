from convener.lib.markdown import plain_text
from convener.search.index import Document, replace

from .models import GuideSection


def reindex_guide() -> None:
    replace(
        "guide",
        [
            Document(s.slug, s.title, s.get_absolute_url(), "\n".join([s.summary, plain_text(s.body)]))
            for s in GuideSection.objects.all()
        ],
    )
