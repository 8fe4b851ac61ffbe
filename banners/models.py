"""Header slides, slogans, commemorations and the ticker's heading.

Every "day" here is a calendar day in Asia/Ho_Chi_Minh (`site_today()`).
"""

from dataclasses import dataclass
from datetime import date

from django.core.exceptions import ValidationError
from django.core.validators import MaxValueValidator, URLValidator
from django.db import models
from django.db.models import F, Q
from django.db.models.functions import ExtractDay, ExtractMonth

from congdoan.caching import site_today
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.tenancy import FederationOwned, default_federation_id, scoped_manager
from congdoan.validators import YearRangeValidator
from congdoan.versioning import VersionedModel

from . import anniversaries
from .anniversaries import (
    DEFAULT_PREFIX,
    MAX_WINDOW_DAYS,
    anniversary_near,
    commemoration_text,
    format_day,
    render_slogan,
)


def validate_link(value: str) -> None:
    """An http(s) address or a path on this site (“/phong-trao/”), nothing else (no javascript:)."""
    if value.startswith("/") and not value.startswith("//") and not any(c.isspace() for c in value):
        return
    try:
        URLValidator(schemes=["http", "https"])(value)
    except ValidationError:
        raise ValidationError(
            "Liên kết phải bắt đầu bằng https:// (hoặc http://), hoặc là đường dẫn trong trang bắt đầu bằng /.",
            code="bad_link",
        ) from None


def _window_q(day: date) -> Q:
    """Items whose optional start/end dates (either open) contain `day`."""
    return (Q(starts_on__isnull=True) | Q(starts_on__lte=day)) & (Q(ends_on__isnull=True) | Q(ends_on__gte=day))


def _window_label(starts_on, ends_on, *, yearly=False) -> str:
    if yearly and starts_on and ends_on:
        return f"hằng năm {starts_on:%d/%m} – {ends_on:%d/%m}"
    if not starts_on and not ends_on:
        return "luôn hiển thị"
    if not ends_on:
        return f"từ {format_day(starts_on)}"
    if not starts_on:
        return f"đến {format_day(ends_on)}"
    return f"{format_day(starts_on)} – {format_day(ends_on)}"


class WindowMixin(models.Model):
    """Active flag plus an optional window of days; shared by slides and slogans."""

    is_active = models.BooleanField(
        "đang bật", default=True, help_text="Bỏ chọn để tạm ẩn mà không phải xoá hay sửa ngày."
    )
    starts_on = models.DateField(
        "hiển thị từ ngày", null=True, blank=True, help_text="Để trống nếu hiển thị ngay, không có ngày bắt đầu."
    )
    ends_on = models.DateField(
        "hiển thị đến hết ngày", null=True, blank=True, help_text="Để trống nếu hiển thị mãi, không có ngày kết thúc."
    )
    order = models.PositiveIntegerField("thứ tự", default=0, help_text="Số nhỏ đứng trước.")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        abstract = True

    def clean(self):
        super().clean()
        if self.starts_on and self.ends_on and self.ends_on < self.starts_on:
            raise ValidationError({"ends_on": "Ngày kết thúc phải bằng hoặc sau ngày bắt đầu."})

    @property
    def window_label(self) -> str:
        return _window_label(self.starts_on, self.ends_on)


# --- Slides ---------------------------------------------------------------------


class SlideQuerySet(models.QuerySet):
    def active_on(self, day: date):
        return self.filter(_window_q(day), is_active=True).order_by("order", "pk")


class Slide(FederationOwned, PhotoModel, VersionedModel, WindowMixin):
    photo_fields = {"image": ("width", "height")}

    image = models.ImageField(
        "ảnh",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        help_text="Ảnh ngang, rộng tối thiểu 1200 điểm ảnh (ví dụ 1200×300). JPEG, PNG hoặc WebP, tối đa 10 MB.",
    )
    width = models.PositiveIntegerField("chiều rộng", editable=False, default=0)
    height = models.PositiveIntegerField("chiều cao", editable=False, default=0)
    alt = models.CharField(
        "mô tả ảnh",
        max_length=255,
        help_text="Bắt buộc: câu ngắn tả nội dung ảnh cho người không xem được ảnh.",
    )
    link = models.CharField(
        "liên kết",
        max_length=500,
        blank=True,
        validators=[validate_link],
        help_text="Không bắt buộc: địa chỉ mở ra khi bấm vào ảnh, dạng https://… hoặc đường dẫn trong trang /….",
    )

    objects = scoped_manager(SlideQuerySet)

    class Meta:
        verbose_name = "ảnh đầu trang"
        verbose_name_plural = "ảnh đầu trang"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(starts_on__isnull=True) | Q(ends_on__isnull=True) | Q(ends_on__gte=F("starts_on")),
                name="banners_slide_window_order",
            )
        ]

    def __str__(self):
        return self.alt


# --- Slogans --------------------------------------------------------------------


class SloganQuerySet(models.QuerySet):
    def active_on(self, day: date):
        """Active slogans for `day`, in their order.

        A yearly slogan compares only day and month with its window, which may wrap
        over the new year (15/12 – 15/02).
        """
        md = day.month * 100 + day.day
        annotated = self.annotate(
            start_md=ExtractMonth("starts_on") * 100 + ExtractDay("starts_on"),
            end_md=ExtractMonth("ends_on") * 100 + ExtractDay("ends_on"),
        )
        dated = Q(repeats_yearly=False) & _window_q(day)
        yearly_open = Q(repeats_yearly=True) & (Q(starts_on__isnull=True) | Q(ends_on__isnull=True)) & _window_q(day)
        yearly_plain = Q(repeats_yearly=True, start_md__lte=F("end_md")) & Q(start_md__lte=md) & Q(end_md__gte=md)
        yearly_wrapping = Q(repeats_yearly=True, start_md__gt=F("end_md")) & (Q(start_md__lte=md) | Q(end_md__gte=md))
        return annotated.filter(dated | yearly_open | yearly_plain | yearly_wrapping, is_active=True).order_by(
            "order", "pk"
        )


class Slogan(FederationOwned, VersionedModel, WindowMixin):
    text = models.CharField(
        "nội dung",
        max_length=500,
        help_text=(
            "Câu khẩu hiệu chạy trên băng chữ. Có thể dùng: {nam} – năm dương lịch của ngày hiển thị "
            "(ví dụ 2026); {can_chi} – tên năm âm lịch đang diễn ra hôm đó, đổi vào đúng ngày Tết (ngày "
            "09/02/2024 vẫn là Quý Mão, 10/02/2024 là Giáp Thìn); {can_chi_tet} và {nam_tet} – tên năm "
            "và năm dương lịch của dịp Tết gần ngày hiển thị nhất, dù sắp tới hay vừa qua. Lời chúc Tết "
            "nên dùng “Mừng Xuân {can_chi_tet} {nam_tet}”: suốt tháng 12/2025 đến tháng 3/2026 đều đọc "
            "“Mừng Xuân Bính Ngọ 2026”."
        ),
    )
    repeats_yearly = models.BooleanField(
        "lặp lại hằng năm",
        default=False,
        help_text=(
            "Chọn để chỉ so ngày và tháng của khoảng hiển thị, năm nào cũng vậy (ví dụ lời chúc Tết "
            "từ 15/01 đến 28/02). Khoảng có thể vắt qua năm mới (15/12 – 15/01)."
        ),
    )

    objects = scoped_manager(SloganQuerySet)

    class Meta:
        verbose_name = "khẩu hiệu"
        verbose_name_plural = "khẩu hiệu"
        ordering = ["order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(repeats_yearly=True)
                | Q(starts_on__isnull=True)
                | Q(ends_on__isnull=True)
                | Q(ends_on__gte=F("starts_on")),
                name="banners_slogan_window_order",
            )
        ]

    def __str__(self):
        return self.text

    def clean(self):
        if self.repeats_yearly:
            if not (self.starts_on and self.ends_on):
                raise ValidationError("Khẩu hiệu lặp lại hằng năm cần cả ngày bắt đầu và ngày kết thúc.")
            return
        super().clean()

    def text_on(self, day: date) -> str:
        return render_slogan(self.text, day)

    @property
    def window_label(self) -> str:
        return _window_label(self.starts_on, self.ends_on, yearly=self.repeats_yearly)


# --- Commemorations -------------------------------------------------------------


@dataclass(frozen=True)
class Occurrence:
    """A commemoration as it shows on one day."""

    commemoration: "Commemoration"
    count: int
    anniversary: date
    text: str


class CommemorationQuerySet(models.QuerySet):
    def occurrences_on(self, day: date) -> list[Occurrence]:
        """What the active commemorations read on `day`, ordered by anniversary date (one query).

        Same-day anniversaries are ordered by origin date (oldest first), then by id.
        """
        found = []
        for item in self.filter(is_active=True).order_by("origin", "pk"):
            occurrence = item.occurrence_on(day)
            if occurrence:
                found.append(occurrence)
        found.sort(key=lambda o: (o.anniversary, o.commemoration.origin, o.commemoration.pk))
        return found

    def shown_in(self, federation):
        """A federation's ticker reads its own commemorations and the national union's, less the
        national ones it hides. Call on an unscoped queryset (`congdoan.tenancy.everywhere`)."""
        hidden = TickerSettings.hidden_national.through.objects.filter(tickersettings__federation=federation)
        return self.filter(Q(federation=federation) | Q(federation__kind="national")).exclude(
            pk__in=hidden.values("commemoration_id")
        )

    def active_on(self, day: date):
        """Commemorations showing on `day` (computed in Python, returned as a queryset)."""
        ids = [o.commemoration.pk for o in self.occurrences_on(day)]
        return self.filter(pk__in=ids).order_by("origin", "pk")


class Commemoration(FederationOwned, VersionedModel):
    event = models.CharField(
        "sự kiện",
        max_length=255,
        help_text=(
            "Tên sự kiện, giữ nguyên cách viết, ví dụ “Ngày thành lập Công đoàn Việt Nam”. "
            "Băng chữ tự thêm “Kỷ niệm N năm”, ngày gốc và ngày kỷ niệm."
        ),
    )
    origin = models.DateField(
        "ngày gốc",
        # From the oldest event Vietnam commemorates by date (the Trưng Sisters' uprising, year 40).
        validators=[YearRangeValidator(first=40)],
        help_text="Ngày diễn ra sự kiện lần đầu (dd/mm/yyyy).",
    )
    every = models.PositiveSmallIntegerField(
        "chu kỳ kỷ niệm",
        choices=[(1, "Hằng năm"), (5, "5 năm một lần (tròn 5, 10, 15… năm)"), (10, "10 năm một lần (tròn chục năm)")],
        default=1,
        help_text="Chỉ hiển thị vào các năm có số năm chia hết cho chu kỳ.",
    )
    # Both empty: the monthly rule (see anniversaries.py); both set: a window of days instead.
    days_before = models.PositiveSmallIntegerField(
        "hiện trước (ngày)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WINDOW_DAYS)],
        help_text=(
            "Để trống (mặc định) để hiện theo tháng. Chỉ nhập khi muốn tự đặt: số ngày hiện trước ngày "
            f"kỷ niệm, tối đa {MAX_WINDOW_DAYS}, nhập cùng “hiện sau”."
        ),
    )
    days_after = models.PositiveSmallIntegerField(
        "hiện sau (ngày)",
        null=True,
        blank=True,
        validators=[MaxValueValidator(MAX_WINDOW_DAYS)],
        help_text=(
            "Để trống (mặc định) để hiện theo tháng. Chỉ nhập khi muốn tự đặt: số ngày còn hiện sau ngày "
            f"kỷ niệm, tối đa {MAX_WINDOW_DAYS}, nhập cùng “hiện trước”."
        ),
    )
    prefix = models.CharField(
        "lời mở đầu",
        max_length=60,
        blank=True,
        default=DEFAULT_PREFIX,
        help_text="Mặc định “Kỷ niệm”; để trống cũng dùng “Kỷ niệm”.",
    )
    is_active = models.BooleanField("đang bật", default=True, help_text="Bỏ chọn để không hiển thị nữa.")
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    objects = scoped_manager(CommemorationQuerySet)

    class Meta:
        verbose_name = "ngày kỷ niệm"
        verbose_name_plural = "ngày kỷ niệm"
        ordering = ["origin__month", "origin__day", "origin"]
        constraints = [
            models.UniqueConstraint(fields=["federation", "event", "origin"], name="banners_commemoration_unique"),
            models.CheckConstraint(condition=Q(every__in=[1, 5, 10]), name="banners_commemoration_every"),
            models.CheckConstraint(
                condition=Q(days_before__isnull=True, days_after__isnull=True)
                | Q(
                    days_before__isnull=False,
                    days_after__isnull=False,
                    days_before__lte=MAX_WINDOW_DAYS,
                    days_after__lte=MAX_WINDOW_DAYS,
                ),
                name="banners_commemoration_window",
            ),
        ]

    def __str__(self):
        return f"{self.event} ({format_day(self.origin)})" if self.origin else self.event

    def clean(self):
        super().clean()
        if (self.days_before is None) != (self.days_after is None):
            missing = "days_after" if self.days_after is None else "days_before"
            raise ValidationError(
                {
                    missing: (
                        "Nhập cả số ngày hiện trước và hiện sau, hoặc để trống cả hai để hiện theo tháng (mặc định)."
                    )
                },
                code="half_window",
            )

    @property
    def is_monthly(self) -> bool:
        return self.days_before is None and self.days_after is None

    def occurrence_on(self, day: date) -> Occurrence | None:
        if not self.origin:
            return None
        found = anniversary_near(
            day, self.origin, every=self.every, days_before=self.days_before, days_after=self.days_after
        )
        if not found:
            return None
        text = commemoration_text(event=self.event, origin=self.origin, anniversary=found, prefix=self.prefix)
        return Occurrence(commemoration=self, count=found.count, anniversary=found.date, text=text)

    def next_occurrence(self, day: date | None = None) -> Occurrence | None:
        """The next anniversary from `day` on that will be shown (for the admin list)."""
        day = day or site_today()
        if not self.origin:
            return None
        for year in range(day.year, day.year + 12):
            count = year - self.origin.year
            if count <= 0 or count % self.every:
                continue
            when = anniversaries.anniversary_in_year(self.origin, year)
            if when < day:
                continue
            found = anniversaries.Anniversary(count=count, date=when)
            text = commemoration_text(event=self.event, origin=self.origin, anniversary=found, prefix=self.prefix)
            return Occurrence(commemoration=self, count=count, anniversary=when, text=text)
        return None

    @property
    def window_label(self) -> str:
        cycle = "hằng năm" if self.every == 1 else f"{self.every} năm một lần"
        if not self.is_monthly:
            return f"{cycle}, {self.days_before} ngày trước – {self.days_after} ngày sau"
        if self.origin and self.origin.day == 1:
            return f"{cycle}, cả tháng trước và cả tháng có ngày kỷ niệm"
        return f"{cycle}, cả tháng có ngày kỷ niệm"


# --- Ticker settings ------------------------------------------------------------


class TickerSettings(FederationOwned, VersionedModel):
    """One row per federation: the ticker's heading, and the national commemorations it hides."""

    heading = models.CharField(
        "lời chào đầu băng chữ",
        max_length=120,
        blank=True,
        default="Nhiệt liệt chào mừng",
        help_text="Hiện cố định ở đầu băng chữ, ví dụ “Nhiệt liệt chào mừng”. Để trống nếu không cần.",
    )
    hidden_national = models.ManyToManyField(
        Commemoration,
        verbose_name="ẩn ngày kỷ niệm chung",
        blank=True,
        related_name="+",
        help_text="Ngày kỷ niệm do Tổng Liên đoàn đặt chung cho cả mạng lưới mà trang này không hiện.",
    )
    updated_at = models.DateTimeField("cập nhật lúc", auto_now=True)

    class Meta:
        verbose_name = "cài đặt băng chữ"
        verbose_name_plural = "cài đặt băng chữ"
        constraints = [models.UniqueConstraint(fields=["federation"], name="banners_tickersettings_one")]

    def __str__(self):
        return "Cài đặt băng chữ"

    def save(self, *args, **kwargs):
        if self.federation_id is None:
            self.federation_id = default_federation_id()
        if self.pk is None:  # one row per federation: saving a new one replaces it
            existing = type(self)._base_manager.filter(federation_id=self.federation_id)
            self.pk = existing.values_list("pk", flat=True).first()
            if self.pk is not None:
                self.version = existing.values_list("version", flat=True).first()
        super().save(*args, **kwargs)

    @classmethod
    def current(cls) -> "TickerSettings":
        return cls.objects.first() or cls()
