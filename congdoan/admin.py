from django.apps import apps
from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.utils.text import format_lazy

from .admin_input import CheckedInputAdminMixin
from .models import Federation, FederationHost, Membership, Redirect
from .versioning import VersionCheckAdminMixin

admin.site.site_header = "Quản trị trang thông tin điện tử"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Bảng điều khiển"


def _name_many_to_many_links() -> None:
    """Django calls the row linking an article to a tag "Article_tags object (1)", in English,
    and the delete confirmation lists every such row: name them after the two models instead."""

    def link_str(row):
        source, target = row._link_fields
        return (
            f"{source.related_model._meta.verbose_name} số {getattr(row, source.attname)} – "
            f"{target.related_model._meta.verbose_name} số {getattr(row, target.attname)}"
        )

    for model in apps.get_models(include_auto_created=True):
        opts = model._meta
        if not opts.auto_created:
            continue
        model._link_fields = [field for field in opts.fields if field.is_relation]
        source, target = (field.related_model._meta for field in model._link_fields)
        # Lazy: Django's own models' names are translations, not to be read at import time.
        opts.verbose_name = opts.verbose_name_plural = format_lazy(
            "liên kết {} – {}", source.verbose_name, target.verbose_name
        )
        model.__str__ = link_str


_name_many_to_many_links()

# --- Users and groups: Django's pages, in Vietnamese where its own text is English -----

PERMISSION_ACTIONS = {"add": "Được thêm", "change": "Được sửa", "delete": "Được xóa", "view": "Được xem"}


def permission_label(permission) -> str:
    """A permission as the group and user pages list it, in Vietnamese: "Tin tức | bài viết |
    Được sửa bài viết", not Django's "Can change bài viết" (stored in English by migrate)."""
    content_type = permission.content_type
    model = content_type.model_class()
    opts = model._meta if model else None
    action, _, model_name = permission.codename.partition("_")
    name = permission.name
    if opts and action in PERMISSION_ACTIONS and model_name == opts.model_name:
        name = f"{PERMISSION_ACTIONS[action]} {opts.verbose_name}"
    app = opts.app_config.verbose_name if opts else content_type.app_label
    return f"{app} | {opts.verbose_name if opts else content_type.model} | {name}"


class VietnamesePermissionsMixin:
    def formfield_for_manytomany(self, db_field, request=None, **kwargs):
        formfield = super().formfield_for_manytomany(db_field, request=request, **kwargs)
        if db_field.name in ("permissions", "user_permissions"):
            formfield.queryset = formfield.queryset.select_related("content_type")
            formfield.label_from_instance = permission_label
        return formfield


class VietnameseAdminPasswordChangeForm(AdminPasswordChangeForm):
    # Django glues this warning to its help text as a plain, untranslatable string.
    usable_password_help_text = SetUnusablePasswordMixin.usable_password_help_text + (
        '<ul id="id_unusable_warning" class="messagelist"><li class="warning">'
        "Nếu tắt, mật khẩu hiện tại của tài khoản này sẽ bị xóa.</li></ul>"
    )


# Django's own user and group pages: Vietnamese where its text is English, and the same input
# checks as every other page (a permission id of 2**70 answered 500).
User = get_user_model()
admin.site.unregister(User)
admin.site.unregister(Group)


class MembershipInline(admin.TabularInline):
    model = Membership
    extra = 0
    autocomplete_fields = ["federation"]


@admin.register(User)
class UserAdmin(CheckedInputAdminMixin, VietnamesePermissionsMixin, auth_admin.UserAdmin):
    change_password_form = VietnameseAdminPasswordChangeForm
    inlines = [MembershipInline]


@admin.register(Group)
class GroupAdmin(CheckedInputAdminMixin, VietnamesePermissionsMixin, auth_admin.GroupAdmin):
    pass


class FederationHostInline(admin.TabularInline):
    model = FederationHost
    extra = 0


@admin.register(Federation)
class FederationAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    list_display = ["short_name", "code", "kind", "state", "domain", "phone", "updated_at"]
    list_filter = ["kind", "state"]
    search_fields = ["short_name", "code", "province", "domain"]
    inlines = [FederationHostInline]
    fieldsets = [
        ("Liên đoàn", {"fields": ["code", "kind", "parent", "state", "merged_into"]}),
        (
            "Tên đơn vị ở đầu trang",
            {"fields": ["name_line1", "name_line2", "short_name", "province", "domain", "tagline"]},
        ),
        (
            "Liên hệ ở chân trang",
            {"fields": ["address", "phone", "email", "hotline", "hotline_hours", "responsible_person", "licence"]},
        ),
    ]

    def has_delete_permission(self, request, obj=None):
        return False


@admin.register(Redirect)
class RedirectAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["old_path", "new_path", "federation", "created_at"]
    list_filter = ["federation"]
    search_fields = ["old_path", "new_path"]
    list_select_related = ["federation"]
