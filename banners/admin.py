from django.contrib import admin
from django.core.exceptions import PermissionDenied
from django.db.models import BooleanField, Case, When
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html
from django.views.decorators.cache import never_cache

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.caching import site_today
from congdoan.kept_uploads import PhotoAdminMixin
from congdoan.renditions import rendition_url
from congdoan.versioning import VersionCheckAdminMixin

from .anniversaries import format_day, parse_day
from .display import build_ticker, slides_on
from .models import Commemoration, Slide, Slogan, TickerSettings

PREVIEW_PERMISSIONS = ("banners.view_slide", "banners.view_slogan", "banners.view_commemoration")


class BannersAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    """Shared list helpers; the change lists link to the preview."""

    change_list_template = "admin/banners/change_list.html"

    @admin.display(description="đang hiển thị hôm nay", boolean=True)
    def live_today(self, obj):
        return getattr(obj, "is_live_today", None)

    def get_queryset(self, request):
        # One query for the whole list instead of one per row.
        live = list(self.model.objects.active_on(site_today()).values_list("pk", flat=True))
        return (
            super()
            .get_queryset(request)
            .annotate(is_live_today=Case(When(pk__in=live, then=True), default=False, output_field=BooleanField()))
        )

    @admin.display(description="khoảng hiển thị")
    def window(self, obj):
        return obj.window_label

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "preview_url": reverse("admin:banners_preview")}
        return super().changelist_view(request, extra_context)


@admin.register(Slide)
class SlideAdmin(PhotoAdminMixin, BannersAdmin):
    list_display = ["thumbnail", "alt", "order", "window", "live_today", "is_active"]
    list_display_links = ["thumbnail", "alt"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active"]
    search_fields = ["alt", "link"]
    fieldsets = [
        (None, {"fields": ["image", "alt", "link"]}),
        (
            "Lịch hiển thị",
            {
                "fields": ["is_active", "order", ("starts_on", "ends_on")],
                "description": "Để trống ngày bắt đầu hoặc kết thúc nếu không giới hạn.",
            },
        ),
    ]

    @admin.display(description="ảnh")
    def thumbnail(self, obj):
        if not obj.image:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="120" loading="lazy">', rendition_url(obj.image.name, 360, "jpg")
        )


@admin.register(Slogan)
class SloganAdmin(BannersAdmin):
    list_display = ["text", "shown_today", "order", "window", "live_today", "is_active"]
    list_editable = ["order", "is_active"]
    list_filter = ["is_active", "repeats_yearly"]
    search_fields = ["text"]
    fieldsets = [
        (None, {"fields": ["text"]}),
        (
            "Lịch hiển thị",
            {
                "fields": ["is_active", "order", ("starts_on", "ends_on"), "repeats_yearly"],
                "description": "Không có ngày bắt đầu và kết thúc thì khẩu hiệu luôn hiển thị.",
            },
        ),
    ]

    @admin.display(description="hôm nay đọc là")
    def shown_today(self, obj):
        return obj.text_on(site_today())


class WindowKindFilter(admin.SimpleListFilter):
    title = "cách hiển thị"
    parameter_name = "cach_hien"

    def lookups(self, request, model_admin):
        return [("thang", "Theo tháng (mặc định)"), ("tu-dat", "Tự đặt số ngày")]

    def queryset(self, request, queryset):
        if self.value() == "thang":
            return queryset.filter(days_before__isnull=True)
        if self.value() == "tu-dat":
            return queryset.filter(days_before__isnull=False)
        return queryset


@admin.register(Commemoration)
class CommemorationAdmin(BannersAdmin):
    list_display = ["event", "origin_display", "window", "next_text", "live_today", "is_active"]
    list_filter = ["is_active", "every", WindowKindFilter]
    search_fields = ["event"]
    fieldsets = [
        (None, {"fields": ["event", "origin", "every", "prefix"]}),
        (
            "Khi nào hiện trên băng chữ",
            {
                "fields": ["is_active", ("days_before", "days_after")],
                "description": (
                    "Mặc định (để trống hai ô số ngày): hiện suốt tháng có ngày kỷ niệm, như biên tập viên "
                    "vẫn thay băng chữ mỗi tháng một lần. Ngày kỷ niệm rơi vào mùng 1 thì hiện thêm suốt "
                    "tháng trước, để được báo trước. Sang ngày 1 tháng mới, các ngày kỷ niệm của tháng cũ "
                    "tự thôi hiện. Ví dụ: ngày gốc 28/07/1929 hiện từ 01/07 đến 31/07; ngày gốc 01/05/1886 "
                    "hiện từ 01/04 đến 31/05. Muốn tự đặt, nhập cả số ngày hiện trước và hiện sau: ngày "
                    "gốc 01/01/1997, trước 30 ngày, sau 15 ngày → từ 02/12/2024 đến 16/01/2025 băng chữ "
                    "đọc “Kỷ niệm 28 năm … (01/01/1997 - 01/01/2025)”. Ngày 29/02 được kỷ niệm vào 28/02 "
                    "ở năm không nhuận."
                ),
            },
        ),
    ]

    @admin.display(description="ngày gốc", ordering="origin")
    def origin_display(self, obj):
        return format_day(obj.origin)

    @admin.display(description="lần kỷ niệm tới")
    def next_text(self, obj):
        occurrence = obj.occurrence_on(site_today()) or obj.next_occurrence()
        return occurrence.text if occurrence else "—"


@admin.register(TickerSettings)
class TickerSettingsAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "heading", "updated_at"]
    fields = ["heading"]
    change_list_template = "admin/banners/change_list.html"

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not TickerSettings.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "preview_url": reverse("admin:banners_preview")}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        preview = self.admin_site.admin_view(never_cache(self.preview_view))
        return [path("xem-truoc/", preview, name="banners_preview"), *super().get_urls()]

    def preview_view(self, request):
        """ "Xem trước băng chữ": the exact ticker and slides for any date."""
        if not request.user.has_perms(PREVIEW_PERMISSIONS):
            raise PermissionDenied
        today = site_today()
        raw = request.GET.get("ngay", "")
        day = parse_day(raw) if raw else today
        error = ""
        if day is None:
            error = f"Ngày “{raw[:40]}” không hợp lệ. Hãy chọn ngày hoặc nhập dạng 01/05/2024."
            day = today
        ticker = build_ticker(day)
        context = {
            **self.admin_site.each_context(request),
            "title": "Xem trước băng chữ",
            "subtitle": format_day(day),
            "day": day,
            "day_label": format_day(day),
            "error": error,
            "ticker": ticker,
            "ticker_line": " ★ ".join(ticker.items),
            "slides": slides_on(day),
            "opts": self.model._meta,
            "home_url": f"{reverse('news:home')}?ngay={day.isoformat()}",
        }
        return TemplateResponse(request, "admin/banners/preview.html", context)
