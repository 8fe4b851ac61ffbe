"""The static files storages, with each file's URL worked out once per process.

A page links half a dozen static files (styles, scripts, the icon), and `{% static %}` asked
the storage for each URL on every render: the manifest lookup and URL quoting of a hashed
storage (the tag's own lookups remain: together about 5 % of a contest attempt page). A file's
URL changes only with the manifest (read when the process starts, and the storage is made anew
when a test changes the static settings) or with DEBUG, so it is kept per (name, DEBUG).
"""

from django.conf import settings
from django.contrib.staticfiles.storage import StaticFilesStorage
from whitenoise.storage import CompressedManifestStaticFilesStorage


class KeptUrlsMixin:
    def url(self, name, *args, **kwargs):
        if args or kwargs:  # force=…: the hashed storage's own callers, not templates
            return super().url(name, *args, **kwargs)
        kept = self.__dict__.setdefault("_kept_urls", {})
        key = (name, settings.DEBUG)
        if key not in kept:
            kept[key] = super().url(name)
        return kept[key]


class PlainStaticStorage(KeptUrlsMixin, StaticFilesStorage):
    """static/ as it is (STATIC_HASHED=0)."""


class HashedStaticStorage(KeptUrlsMixin, CompressedManifestStaticFilesStorage):
    """Hashed, compressed names from `collectstatic`'s manifest (production)."""
