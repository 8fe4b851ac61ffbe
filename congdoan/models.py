from django.conf import settings
from django.contrib.auth.models import Group
from django.core.validators import RegexValidator
from django.db import models
from django.db.models import Q

from .versioning import VersionedModel

host_validator = RegexValidator(
    r"^(?=.{1,253}$)([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)(\.[a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?)*$",
    "Tên miền chỉ gồm chữ thường không dấu, chữ số, dấu chấm và dấu gạch ngang, ví dụ congdoanthainguyen.vn.",
)


class Federation(VersionedModel):
    """One union federation of the network: its site, its identity, its staff and content.

    Every content row belongs to one federation (`congdoan.tenancy.FederationOwned`); the
    request's federation comes from its host (`congdoan.tenancy.FederationMiddleware`).
    """

    class Kind(models.TextChoices):
        NATIONAL = "national", "Tổng Liên đoàn"
        PROVINCIAL = "provincial", "Liên đoàn Lao động tỉnh, thành phố"
        SECTOR = "sector", "Công đoàn ngành Trung ương và tương đương"

    class State(models.TextChoices):
        ACTIVE = "active", "Đang hoạt động"
        MERGED = "merged", "Đã hợp nhất"

    code = models.SlugField(
        "mã",
        max_length=40,
        unique=True,
        help_text="Mã ngắn không dấu, dùng trong lệnh quản trị. Ví dụ: thainguyen.",
    )
    kind = models.CharField("cấp", max_length=20, choices=Kind.choices, default=Kind.PROVINCIAL)
    parent = models.ForeignKey(
        "self",
        verbose_name="trực thuộc",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="members",
    )
    state = models.CharField("tình trạng", max_length=20, choices=State.choices, default=State.ACTIVE)
    merged_into = models.ForeignKey(
        "self",
        verbose_name="hợp nhất vào",
        null=True,
        blank=True,
        on_delete=models.PROTECT,
        related_name="merged_from",
    )
    merged_at = models.DateTimeField("hợp nhất lúc", null=True, blank=True)

    name_line1 = models.CharField(
        "dòng tên thứ nhất",
        max_length=120,
        default="LIÊN ĐOÀN LAO ĐỘNG",
        help_text="Dòng trên của tên đơn vị ở đầu trang, viết hoa. Ví dụ: LIÊN ĐOÀN LAO ĐỘNG.",
    )
    name_line2 = models.CharField(
        "dòng tên thứ hai",
        max_length=120,
        default="TỈNH BẮC KẠN",
        help_text="Dòng dưới của tên đơn vị, viết hoa. Ví dụ: TỈNH THÁI NGUYÊN.",
    )
    short_name = models.CharField(
        "tên viết tắt",
        max_length=120,
        default="LĐLĐ tỉnh Bắc Kạn",
        help_text="Dùng trong tiêu đề trang và khi chia sẻ. Ví dụ: LĐLĐ tỉnh Thái Nguyên.",
    )
    province = models.CharField("tỉnh, thành phố hoặc ngành", max_length=80, default="Bắc Kạn")
    domain = models.CharField(
        "tên miền hiển thị",
        max_length=120,
        default="congdoanbackan.vn",
        help_text="Hiển thị dưới tên đơn vị ở đầu trang, không kèm https://.",
    )
    tagline = models.CharField(
        "khẩu hiệu dưới tên",
        max_length=200,
        blank=True,
        default="Cơ quan của Liên đoàn Lao động tỉnh Bắc Kạn",
    )
    address = models.CharField(
        "địa chỉ", max_length=255, default="Tổ 1, phường Đức Xuân, thành phố Bắc Kạn, tỉnh Bắc Kạn"
    )
    phone = models.CharField("điện thoại", max_length=60, default="0209 3870 123")
    hotline = models.CharField(
        "đường dây nóng",
        max_length=60,
        blank=True,
        help_text="Số đường dây nóng tư vấn pháp luật cho đoàn viên, người lao động.",
    )
    hotline_hours = models.CharField(
        "giờ trực đường dây nóng", max_length=120, blank=True, help_text="Ví dụ: 7:30–17:00 các ngày làm việc."
    )
    email = models.EmailField("thư điện tử", default="banbientap@congdoanbackan.vn")
    responsible_person = models.CharField(
        "chịu trách nhiệm nội dung",
        max_length=200,
        blank=True,
        default="Chủ tịch Liên đoàn Lao động tỉnh",
        help_text="Người hoặc chức danh chịu trách nhiệm nội dung, ghi ở chân trang.",
    )
    licence = models.CharField(
        "giấy phép",
        max_length=255,
        blank=True,
        default="Giấy phép thiết lập trang thông tin điện tử tổng hợp số 01/GP-STTTT",
        help_text="Số giấy phép hoạt động, ghi ở chân trang.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "liên đoàn"
        verbose_name_plural = "các liên đoàn"
        ordering = ["kind", "short_name"]
        constraints = [
            models.UniqueConstraint(fields=["kind"], condition=Q(kind="national"), name="federation_one_national"),
            models.CheckConstraint(
                condition=Q(state="active", merged_into__isnull=True) | Q(state="merged", merged_into__isnull=False),
                name="federation_merged_has_successor",
            ),
        ]

    def __str__(self):
        return self.short_name

    @property
    def full_name(self) -> str:
        return f"{self.name_line1} {self.name_line2}"

    @property
    def is_national(self) -> bool:
        return self.kind == self.Kind.NATIONAL

    @property
    def is_active(self) -> bool:
        return self.state == self.State.ACTIVE


class FederationHost(models.Model):
    """A host name the site answers on: the primary one, or an alias (an old domain)."""

    federation = models.ForeignKey(Federation, verbose_name="liên đoàn", on_delete=models.CASCADE, related_name="hosts")
    host = models.CharField(
        "tên miền",
        max_length=253,
        unique=True,
        validators=[host_validator],
        help_text="Không kèm https:// và cổng. Ví dụ: congdoanthainguyen.vn.",
    )
    is_primary = models.BooleanField(
        "tên miền chính",
        default=False,
        help_text="Địa chỉ dùng khi trang khác của mạng lưới dẫn tới liên đoàn này.",
    )
    redirects = models.BooleanField(
        "chuyển về tên miền chính",
        default=False,
        help_text="Tên miền cũ (ví dụ của một liên đoàn đã hợp nhất): mọi địa chỉ chuyển hẳn (301) "
        "sang địa chỉ tương ứng trên tên miền chính.",
    )

    class Meta:
        verbose_name = "tên miền"
        verbose_name_plural = "tên miền"
        ordering = ["-is_primary", "host"]
        constraints = [
            models.UniqueConstraint(
                fields=["federation"], condition=Q(is_primary=True), name="federationhost_one_primary"
            )
        ]

    def __str__(self):
        return self.host

    def save(self, *args, **kwargs):
        self.host = self.host.strip().lower().rstrip(".")
        super().save(*args, **kwargs)


class Membership(models.Model):
    """A staff account's role in one federation: what it may do on that federation's admin."""

    user = models.ForeignKey(
        settings.AUTH_USER_MODEL, verbose_name="tài khoản", on_delete=models.CASCADE, related_name="memberships"
    )
    federation = models.ForeignKey(
        Federation, verbose_name="liên đoàn", on_delete=models.CASCADE, related_name="memberships"
    )
    role = models.ForeignKey(Group, verbose_name="vai trò", on_delete=models.PROTECT, related_name="memberships")

    class Meta:
        verbose_name = "vai trò ở liên đoàn"
        verbose_name_plural = "vai trò ở các liên đoàn"
        constraints = [models.UniqueConstraint(fields=["user", "federation"], name="membership_one_role")]

    def __str__(self):
        return f"{self.user} – {self.role} – {self.federation}"


class Redirect(models.Model):
    """A permanent redirect of an old address on a federation's hosts: a merged federation's
    pages, an imported archive's original URLs. Answered (301) when the path is not a page."""

    federation = models.ForeignKey(
        Federation, verbose_name="liên đoàn", on_delete=models.CASCADE, related_name="redirects"
    )
    old_path = models.CharField(
        "địa chỉ cũ", max_length=500, help_text="Đường dẫn cũ, bắt đầu bằng /, kể cả phần ?… nếu có."
    )
    new_path = models.CharField("địa chỉ mới", max_length=500, help_text="Đường dẫn mới trên tên miền chính.")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)

    class Meta:
        verbose_name = "chuyển hướng"
        verbose_name_plural = "chuyển hướng"
        constraints = [models.UniqueConstraint(fields=["federation", "old_path"], name="redirect_unique_old_path")]

    def __str__(self):
        return f"{self.old_path} → {self.new_path}"
