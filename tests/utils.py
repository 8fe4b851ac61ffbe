def has_horizontal_scroll(page) -> bool:
    """True when the page is wider than the viewport (readers would have to scroll sideways)."""
    return page.evaluate("document.documentElement.scrollWidth > document.documentElement.clientWidth")


# On a cold cache the header's ticker and slides (banners, then cached per day) cost four
# queries: ticker settings, commemorations, slogans, slides.
HEADER_QUERIES_COLD = 4
# Once per cache generation, by whoever reads it first: when public content next changes by
# itself (news: the next scheduled article; contests: the next round opening or closing;
# albums and videos: the next scheduled one).
NEXT_CHANGE_QUERIES = 4
# The home page's blocks that other apps declare (congdoan.portal), on a cold cache, besides
# the ongoing campaigns (counted with the home's own): albums (their covers: one more when
# there are albums), videos, the legal box's newest Q&As.
HOME_APP_BLOCK_QUERIES = 3
# The site search's groups (congdoan.portal), one query each for a query that does not read
# as a số ký hiệu: documents, Q&As, organisation pages, albums, videos.
SEARCH_GROUP_QUERIES = 5


def clear_cache(*, warm_directory: bool = True) -> None:
    """Empty this test process's cache only (with Redis, parallel workers share one server,
    each with its own key prefix: see tests/conftest.py)."""
    from django.core.cache import cache

    from congdoan.tenancy import directory

    cache.clear()
    # The federation directory is read once per process and network version, not per page:
    # counting a page's queries on a cold cache leaves it out.
    if warm_directory:
        directory()


def jpeg_bytes(width=800, height=500, color=(180, 30, 40), orientation=None) -> bytes:
    """A plain JPEG of the given size, with an EXIF orientation tag when asked."""
    import io

    from PIL import Image

    image = Image.new("RGB", (width, height), color)
    buffer = io.BytesIO()
    exif = Image.Exif()
    if orientation:
        exif[0x0112] = orientation
    image.save(buffer, "JPEG", exif=exif.tobytes())
    return buffer.getvalue()


def give_role(user, role, federation=None):
    """Make `user` a writer/editor (a group or its name) of `federation` (the default one)."""
    from django.contrib.auth.models import Group

    from congdoan.models import Membership
    from congdoan.tenancy import default_federation

    group = role if isinstance(role, Group) else Group.objects.get(name=role)
    Membership.objects.update_or_create(
        user=user, federation=federation or default_federation(), defaults={"role": group}
    )
    return user


def cp1258_bytes(text: str) -> bytes:
    """`text` as Windows-1258 (a Vietnamese Windows' "ANSI" CSV): letters it has precomposed
    (ô, ơ, ư, ă, đ, ê) as such, the five tone marks as separate combining characters."""
    import unicodedata

    tone_marks = "\u0300\u0301\u0303\u0309\u0323"
    out = b""
    for char in text:
        try:
            out += char.encode("cp1258")
        except UnicodeEncodeError:
            decomposed = unicodedata.normalize("NFD", char)
            base = unicodedata.normalize("NFC", "".join(c for c in decomposed if c not in tone_marks))
            out += (base + "".join(c for c in decomposed if c in tone_marks)).encode("cp1258")
    return out
