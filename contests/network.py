"""Network-wide contests: which federations take part, and where the contest's pages live.

A network-wide contest belongs to the national union and has one address, on the national
union's host: contestants keep one login (a session cookie is per host), the live counts and
rankings are one page, and search engines see no duplicates. Every other federation's site
lists it and links there (with the federation chosen in advance), and its old-style address on
a federation's host, `/cuoc-thi/<slug>/…`, answers a 301 to the national host.

Contestants choose their federation, then one of that federation's units: each federation
keeps its own list of units (`Unit`, edited by its own editors in its own admin, or imported
from a file), the same list its own contests use, so a merge moves them with the rest.
Federations are read from the directory (`congdoan.tenancy.directory`): no query.
"""

from congdoan.links import federation_url
from congdoan.models import Federation
from congdoan.tenancy import directory
from congdoan.text import vietnamese_slugify

TAKING_PART = (Federation.Kind.PROVINCIAL, Federation.Kind.SECTOR)
GROUP_LABELS = {
    Federation.Kind.PROVINCIAL: "Liên đoàn Lao động tỉnh, thành phố",
    Federation.Kind.SECTOR: "Công đoàn ngành Trung ương và tương đương",
}
# Federation codes are slugs of at most 40 characters (Federation.code).
CODE_MAX_LENGTH = 40


def is_eligible(federation_id) -> bool:
    """Active provincial and sector federations take part (not the national union itself,
    not a merged federation: its units moved to its successor)."""
    federation = directory().federations.get(federation_id)
    return federation is not None and federation.is_active and federation.kind in TAKING_PART


def eligible_federations() -> list:
    """Taking-part federations, provinces first, each kind by place name (Vietnamese order)."""
    found = [federation for federation in directory().federations.values() if is_eligible(federation.pk)]
    order = {kind: index for index, kind in enumerate(TAKING_PART)}
    return sorted(found, key=lambda f: (order[f.kind], vietnamese_slugify(f.province or f.short_name), f.pk))


def grouped_choices() -> list:
    """The registration's select: one group per kind (a phone shows them as headings)."""
    groups = {}
    for federation in eligible_federations():
        groups.setdefault(GROUP_LABELS[federation.kind], []).append((federation.code, federation.short_name))
    return [("", "— Chọn liên đoàn —"), *groups.items()]


def by_code(code: str):
    """The federation with this code (any state), or None."""
    return next((f for f in directory().federations.values() if f.code == code), None)


def name_of(federation_id) -> str:
    federation = directory().federations.get(federation_id)
    return federation.short_name if federation is not None else ""


def national_url(request, path: str) -> str | None:
    """`path` on the national union's primary host, or None when the network has no national
    host."""
    return federation_url(request, directory().national_id, path)
