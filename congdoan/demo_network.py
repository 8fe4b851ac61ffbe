"""The demo network: the national union and two provincial federations on `*.localhost`
names (browsers resolve them to this machine), and Bắc Kạn, merged into Thái Nguyên on
1 July 2025, whose old host answers 301s.

The database's first federation (the single site that was) becomes Thái Nguyên, which holds
the Bắc Kạn archive; it is also the default federation `http://127.0.0.1:8000/` serves.
"""

from dataclasses import dataclass

from django.utils import timezone

from .models import Federation, FederationHost
from .tenancy import default_federation

NATIONAL, DEFAULT, OTHER, MERGED = "tld", "thainguyen", "sonla", "backan"


@dataclass(frozen=True)
class Identity:
    code: str
    kind: str
    line1: str
    line2: str
    short_name: str
    province: str
    domain: str
    tagline: str
    address: str
    phone: str
    email: str
    host: str


IDENTITIES = {
    NATIONAL: Identity(
        NATIONAL, Federation.Kind.NATIONAL, "TỔNG LIÊN ĐOÀN LAO ĐỘNG", "VIỆT NAM", "Tổng LĐLĐ Việt Nam", "Toàn quốc",
        "congdoan.vn", "Cơ quan của Tổng Liên đoàn Lao động Việt Nam", "82 Trần Hưng Đạo, phường Cửa Nam, Hà Nội",
        "024 3000 0001", "banbientap@congdoan.vn", "congdoan.localhost",
    ),
    DEFAULT: Identity(
        DEFAULT, Federation.Kind.PROVINCIAL, "LIÊN ĐOÀN LAO ĐỘNG", "TỈNH THÁI NGUYÊN", "LĐLĐ tỉnh Thái Nguyên",
        "Thái Nguyên", "congdoanthainguyen.vn", "Cơ quan của Liên đoàn Lao động tỉnh Thái Nguyên",
        "Đường Hoàng Văn Thụ, phường Phan Đình Phùng, tỉnh Thái Nguyên", "0208 3000 002",
        "banbientap@congdoanthainguyen.vn", "thainguyen.localhost",
    ),
    OTHER: Identity(
        OTHER, Federation.Kind.PROVINCIAL, "LIÊN ĐOÀN LAO ĐỘNG", "TỈNH SƠN LA", "LĐLĐ tỉnh Sơn La", "Sơn La",
        "congdoansonla.vn", "Cơ quan của Liên đoàn Lao động tỉnh Sơn La", "Đường Tô Hiệu, phường Tô Hiệu, tỉnh Sơn La",
        "0212 3000 003", "banbientap@congdoansonla.vn", "sonla.localhost",
    ),
}  # fmt: skip
MERGED_HOST = "backan.localhost"


def _identity_fields(identity: Identity) -> dict:
    return {
        "kind": identity.kind,
        "name_line1": identity.line1,
        "name_line2": identity.line2,
        "short_name": identity.short_name,
        "province": identity.province,
        "domain": identity.domain,
        "tagline": identity.tagline,
        "address": identity.address,
        "phone": identity.phone,
        "email": identity.email,
        "hotline": identity.phone,
        "hotline_hours": "7:30–17:00 các ngày làm việc",
    }


def set_up() -> dict[str, Federation]:
    """Create (or complete) the demo network; returns its federations by code. Idempotent."""
    national, _ = Federation.objects.update_or_create(code=NATIONAL, defaults=_identity_fields(IDENTITIES[NATIONAL]))
    main = Federation.objects.filter(code=DEFAULT).first()
    if main is None:
        # The single site that was (created from its identity by congdoan's 0003) is Thái Nguyên now.
        main = default_federation()
        if main.pk == national.pk:
            main = Federation(code=DEFAULT)
    main.code = DEFAULT
    for name, value in _identity_fields(IDENTITIES[DEFAULT]).items():
        setattr(main, name, value)
    main.parent = national
    main.save()
    other, _ = Federation.objects.update_or_create(
        code=OTHER, defaults={**_identity_fields(IDENTITIES[OTHER]), "parent": national}
    )
    merged, _ = Federation.objects.update_or_create(
        code=MERGED,
        defaults={
            "kind": Federation.Kind.PROVINCIAL,
            "parent": national,
            "state": Federation.State.MERGED,
            "merged_into": main,
            "merged_at": timezone.make_aware(timezone.datetime(2025, 7, 1)),
            "name_line2": "TỈNH BẮC KẠN",
            "short_name": "LĐLĐ tỉnh Bắc Kạn",
            "province": "Bắc Kạn",
            "domain": "congdoanbackan.vn",
        },
    )
    for federation in (national, main, other):
        host = IDENTITIES[federation.code].host
        has_primary = federation.hosts.filter(is_primary=True).exclude(host=host).exists()
        FederationHost.objects.update_or_create(
            host=host, defaults={"federation": federation, "is_primary": not has_primary}
        )
    # Bắc Kạn's old address now belongs to its successor and forwards every page to it.
    FederationHost.objects.update_or_create(
        host=MERGED_HOST, defaults={"federation": main, "is_primary": False, "redirects": True}
    )
    return {NATIONAL: national, DEFAULT: main, OTHER: other, MERGED: merged}
