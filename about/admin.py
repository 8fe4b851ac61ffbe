"""Organisation pages in the admin: editors only (the app is `editor_only`)."""

from django.contrib import admin
from django.db import models
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.kept_uploads import PhotoAdminMixin
from congdoan.versioning import VersionCheckAdminMixin

from .models import Leader, Officer, Page, Profile, Unit


@admin.register(Page)
class PageAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["title", "parent", "block", "order", "is_published", "updated_at"]
    list_display_links = ["title"]
    list_editable = ["order"]
    list_filter = ["is_published", "block", "parent"]
    list_select_related = ["parent"]
    search_fields = ["title", "summary"]
    save_on_top = True
    readonly_fields = ["updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "parent", ("order", "is_published")]}),
        ("Nội dung", {"fields": ["summary", "body"]}),
        (
            "Phần lấy từ dữ liệu",
            {
                "description": "Trang “Cơ cấu tổ chức” kèm sơ đồ; trang “Ban Thường vụ”, “Ban Chấp hành” kèm "
                "danh sách lãnh đạo. Sửa sơ đồ ở mục “Đơn vị trong sơ đồ tổ chức”, lãnh đạo ở mục “Lãnh đạo”.",
                "fields": ["block"],
            },
        ),
        ("Theo dõi", {"fields": ["updated_at"], "classes": ["collapse"]}),
    ]


@admin.register(Unit)
class UnitAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["name", "parent", "order", "name_en"]
    list_editable = ["order"]
    list_filter = ["parent"]
    list_select_related = ["parent"]
    search_fields = ["name", "name_en", "description"]
    fields = ["name", "parent", "description", "order", "name_en"]


@admin.register(Leader)
class LeaderAdmin(CheckedInputAdminMixin, PhotoAdminMixin, VersionAdmin):
    list_display = ["thumbnail", "name", "position", "board", "term_text", "order", "is_published"]
    list_display_links = ["thumbnail", "name"]
    list_editable = ["order"]
    list_filter = ["board", "is_published", "term_start"]
    search_fields = ["name", "position"]
    fieldsets = [
        (None, {"fields": ["name", "position", "board", ("term_start", "term_end"), ("order", "is_published")]}),
        ("Ảnh", {"fields": ["photo"]}),
        (
            "Liên hệ công khai",
            {"description": "Chỉ ghi số máy và thư điện tử công vụ, được phép công bố.", "fields": ["phone", "email"]},
        ),
        ("Trang tiếng Anh", {"fields": ["position_en"]}),
    ]

    @admin.display(description="ảnh")
    def thumbnail(self, obj):
        if not obj.photo:
            return "—"
        return format_html('<img src="{}" alt="" width="40" height="53" class="admin-thumb">', obj.photo.url)

    @admin.display(description="nhiệm kỳ", ordering="term_start")
    def term_text(self, obj):
        return f"{obj.term_start}–{obj.term_end}"


@admin.register(Officer)
class OfficerAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["name", "role", "position", "phone", "email", "order"]
    list_editable = ["order"]
    list_filter = ["role"]
    search_fields = ["name", "position"]
    fields = ["role", "name", "position", "phone", "email", "order"]


@admin.register(Profile)
class ProfileAdmin(CheckedInputAdminMixin, PhotoAdminMixin, VersionAdmin):
    list_display = ["__str__", "updated_at"]
    # Editors paste addresses without a scheme; map sites use https.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    readonly_fields = ["updated_at"]
    fieldsets = [
        (
            "Trang Liên hệ",
            {
                "description": "Tên, địa chỉ, điện thoại và thư điện tử của liên đoàn lấy từ thông tin liên đoàn; "
                "ở đây là phần còn lại của trang Liên hệ.",
                "fields": ["working_hours", "map_image", "map_alt", "map_url"],
            },
        ),
        (
            "Trang tiếng Anh (/en/)",
            {"fields": ["name_en", "address_en", "intro_en", "functions_en", "working_hours_en"]},
        ),
        ("Theo dõi", {"fields": ["updated_at"], "classes": ["collapse"]}),
    ]

    def has_add_permission(self, request):
        # One per federation: the contact page reads the one there is.
        return super().has_add_permission(request) and not Profile.objects.exists()
