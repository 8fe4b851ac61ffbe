"""Videos in the admin (editors only)."""

from django.contrib import admin
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.kept_uploads import PhotoAdminMixin
from congdoan.publishing import PublishableAdminMixin
from congdoan.renditions import rendition_url

from .models import Video


@admin.register(Video)
class VideoAdmin(CheckedInputAdminMixin, PhotoAdminMixin, PublishableAdminMixin, VersionAdmin):
    class Media:
        js = ["news/admin-slug.js"]  # Vietnamese letters in the prefilled slug (see news.admin)

    list_display = ["poster_thumbnail", "title", "kind", "published_at", "is_visible_icon", "site_link"]
    list_display_links = ["title"]
    list_filter = ["kind", "is_published", "published_at"]
    search_fields = ["title", "description"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title",)}
    save_on_top = True
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "description"]}),
        (
            "Nguồn video",
            {
                "fields": ["kind", "source_url", "file", "poster"],
                "description": "Video YouTube, Facebook: chọn nguồn và dán địa chỉ video. Tệp tải lên: chọn tệp MP4. "
                "Nên có ảnh bìa: bạn đọc thấy ảnh này trước khi bấm xem.",
            },
        ),
        (
            "Phụ đề và lời thoại",
            {
                "fields": ["captions", "transcript"],
                "description": "Cho người khiếm thính: phụ đề .vtt (video tải lên) "
                "hoặc toàn văn lời thoại (mọi video).",
            },
        ),
        ("Đăng video", {"fields": ["is_published", "published_at"]}),
        ("Theo dõi", {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    @admin.display(description="Ảnh bìa")
    def poster_thumbnail(self, obj):
        if not obj.poster:
            return "—"
        return format_html(
            '<img src="{}" alt="" width="96" height="{}" loading="lazy">',
            rendition_url(obj.poster.name, 360, "jpg"),
            round(96 * (obj.poster_height or 9) / (obj.poster_width or 16)),
        )
