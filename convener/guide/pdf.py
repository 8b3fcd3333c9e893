"""The guide as a tagged PDF, built once per edition of the text and kept on disk."""

import os
import tempfile
from pathlib import Path

from django.conf import settings

from convener.lib.pdf import render_pdf

from .models import GuideEdition, GuideSection


def pdf_path(edition: GuideEdition) -> Path:
    return (
        Path(settings.MEDIA_ROOT)
        / "guide"
        / f"guide-{edition.digest[:16]}-{settings.CONVENER_PAPER_SIZE}.pdf"
    )


def guide_pdf(edition: GuideEdition) -> Path:
    """The PDF for this edition, built now if the text changed since the last one."""
    path = pdf_path(edition)
    if not path.exists():
        pdf = render_pdf("guide/pdf.html", {"edition": edition, "sections": GuideSection.objects.all()})
        path.parent.mkdir(parents=True, exist_ok=True)
        # Write beside, then rename: a reader never sees half a file.
        fd, tmp = tempfile.mkstemp(dir=path.parent, suffix=".part")
        with os.fdopen(fd, "wb") as f:
            f.write(pdf)
        os.replace(tmp, path)
        for old in path.parent.glob("guide-*.pdf"):
            if old != path:
                old.unlink(missing_ok=True)
    return path
