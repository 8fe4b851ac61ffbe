"""The project's Vietnamese catalogue: the committed .mo files say what the .po files say."""

import gettext
from pathlib import Path

import pytest
from django.utils import translation

from .catalogues import parse_po

LOCALE = Path(__file__).resolve().parents[2] / "congdoan" / "locale" / "vi" / "LC_MESSAGES"


@pytest.mark.parametrize("domain", ["django", "djangojs"])
def test_compiled_catalogue_matches_its_source(domain):
    compiled = gettext.GNUTranslations((LOCALE / f"{domain}.mo").open("rb"))
    for message in parse_po(LOCALE / f"{domain}.po"):
        if message.msgid_plural:
            got = (
                compiled.npgettext(message.context, message.msgid, message.msgid_plural, 2)
                if message.context
                else compiled.ngettext(message.msgid, message.msgid_plural, 2)
            )
        elif message.context:
            got = compiled.pgettext(message.context, message.msgid)
        else:
            got = compiled.gettext(message.msgid)
        assert got == message.msgstr[0], f"{domain}.mo is older than {domain}.po: run compilemessages"


def test_our_catalogue_wins_over_django_and_covers_plural_forms():
    with translation.override("vi"):
        assert translation.gettext("History") == "Lịch sử"  # Django's own says "Bản ghi nhớ"
        assert translation.ngettext("Please correct the error below.", "Please correct the errors below.", 1) == (
            "Vui lòng sửa các lỗi được đánh dấu bên dưới."
        )
        assert translation.ngettext("Please correct the error below.", "Please correct the errors below.", 3) == (
            "Vui lòng sửa các lỗi được đánh dấu bên dưới."
        )
