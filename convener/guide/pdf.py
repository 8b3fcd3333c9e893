"""The guide as a tagged PDF, built once per edition of the text and kept in the media storage."""

from django.conf import settings
from django.core.files.storage import default_storage

from convener.lib import media
from convener.lib.pdf import render_pdf

from .models import GuideEdition, GuideSection

FOLDER = "guide"


def pdf_name(edition: GuideEdition) -> str:
    return f"{FOLDER}/guide-{edition.digest[:16]}-{settings.CONVENER_PAPER_SIZE}.pdf"


def guide_pdf(edition: GuideEdition) -> str:
    """This edition's PDF, by its name in the media storage; built now if the text changed since the last."""
    name = pdf_name(edition)
    if not default_storage.exists(name):
        pdf = render_pdf("guide/pdf.html", {"edition": edition, "sections": GuideSection.objects.all()})
        media.store(name, pdf)  # replaced in one step: a reader never gets half a file
        _folders, files = default_storage.listdir(FOLDER)
        for old in files:
            if old.startswith("guide-") and old.endswith(".pdf") and f"{FOLDER}/{old}" != name:
                default_storage.delete(f"{FOLDER}/{old}")
    return name
