from django.db import models

from .caching import cached
from .versioning import VersionedModel


class SiteIdentity(VersionedModel):
    """The federation's name and contact details, edited in the admin without a deploy.

    A single row; `SiteIdentity.current()` reads it through the cache.
    """

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
        help_text="Dòng dưới của tên đơn vị, viết hoa. Ví dụ: TỈNH BẮC KẠN.",
    )
    short_name = models.CharField(
        "tên viết tắt",
        max_length=120,
        default="LĐLĐ tỉnh Bắc Kạn",
        help_text="Dùng trong tiêu đề trang và khi chia sẻ. Ví dụ: LĐLĐ tỉnh Bắc Kạn.",
    )
    province = models.CharField("tỉnh", max_length=80, default="Bắc Kạn")
    domain = models.CharField(
        "tên miền",
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
        verbose_name = "thông tin đơn vị"
        verbose_name_plural = "thông tin đơn vị"

    def __str__(self):
        return f"{self.name_line1} {self.name_line2}"

    def save(self, *args, **kwargs):
        self.pk = 1
        super().save(*args, **kwargs)

    @property
    def full_name(self) -> str:
        return f"{self.name_line1} {self.name_line2}"

    @classmethod
    def current(cls) -> "SiteIdentity":
        return cached("site-identity", 1, lambda: cls.objects.filter(pk=1).first() or cls(pk=1))
