from django import forms
from django.apps import apps
from django.contrib import admin, messages
from django.contrib.auth import admin as auth_admin
from django.contrib.auth import get_user_model
from django.contrib.auth.forms import AdminPasswordChangeForm, SetUnusablePasswordMixin
from django.contrib.auth.models import Group
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError
from django.db.models import Q
from django.template.response import TemplateResponse
from django.utils.text import format_lazy

from .admin_input import CheckedInputAdminMixin, CheckedModelChoiceField
from .caching import CacheUnavailable
from .merging import LISTED, MergeRefused, grouped, merge_federations, plan_merge
from .models import Federation, FederationHost, Membership, Redirect
from .roles import role_names
from .text import ascii_number
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

    def formfield_for_foreignkey(self, db_field, request, **kwargs):
        # The roles the apps declare (congdoan.roles), not any group an administrator made;
        # a role this account already holds stays (memberships copied from older groups).
        if db_field.name == "role":
            offered = Q(name__in=role_names())
            user_id = (request.resolver_match.kwargs if request.resolver_match else {}).get("object_id", "")
            if (user_pk := ascii_number(user_id, 17)) is not None:
                offered |= Q(memberships__user_id=user_pk)
            kwargs["queryset"] = Group.objects.filter(offered).distinct().order_by("name")
        return super().formfield_for_foreignkey(db_field, request, **kwargs)


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
        ("Liên đoàn", {"fields": ["code", "kind", "parent", "state", "merged_into", "merged_at"]}),
        (
            "Tên đơn vị ở đầu trang",
            {"fields": ["name_line1", "name_line2", "short_name", "province", "domain", "tagline"]},
        ),
        (
            "Liên hệ ở chân trang",
            {"fields": ["address", "phone", "email", "hotline", "hotline_hours", "responsible_person", "licence"]},
        ),
    ]

    actions = ["merge_into"]
    # Set by a merge only (the action below, or manage.py merge_federations), which also moves
    # the content, staff and domains: a state typed here would leave them behind.
    readonly_fields = ["state", "merged_into", "merged_at"]

    def has_delete_permission(self, request, obj=None):
        return False

    def has_merge_permission(self, request) -> bool:
        """Merging moves a whole federation's content, staff and domains: superusers only."""
        return request.user.is_active and request.user.is_superuser

    @admin.action(description="Hợp nhất liên đoàn đã chọn vào liên đoàn khác…", permissions=["merge"])
    def merge_into(self, request, queryset):
        """Choose the successor, read what will move (congdoan.merging.plan_merge), confirm."""
        if not self.has_merge_permission(request):
            raise PermissionDenied
        chosen = list(queryset[:2])
        if len(chosen) != 1:
            self.message_user(request, "Hãy chọn đúng một liên đoàn để hợp nhất.", messages.WARNING)
            return None
        source = chosen[0]
        form = MergeTargetForm(source, request.POST if "target" in request.POST else None)
        plan, error = None, ""
        if form.is_bound and form.is_valid():
            target = form.cleaned_data["target"]
            try:
                if request.POST.get("confirm") == "yes":
                    report = merge_federations(source=source, target=target)
                    self.message_user(request, merged_message(report), messages.SUCCESS)
                    return None
                plan = plan_merge(source=source, target=target)
            except MergeRefused as refused:
                error = str(refused)
            except DatabaseError as failure:
                error = (
                    "Cơ sở dữ liệu từ chối một bước của việc hợp nhất nên đã hủy toàn bộ, không có gì thay đổi. "
                    f"Chi tiết kỹ thuật: {failure}"
                )
            except CacheUnavailable:
                error = (
                    "Không làm mới được bộ nhớ đệm (Redis không trả lời): chưa hợp nhất, không có gì thay đổi. "
                    "Hãy thử lại sau ít phút."
                )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Hợp nhất {source.short_name} vào liên đoàn khác",
            "opts": self.model._meta,
            "source": source,
            "form": form,
            "plan": plan,
            "error": error,
            "counts": [count for count in plan.counts if count.source or count.target] if plan else [],
            "listed": LISTED,
            "combined_more": max(0, len(plan.combinations) - LISTED) if plan else 0,
            "renamed_more": max(0, len(plan.renames) - LISTED) if plan else 0,
        }
        return TemplateResponse(request, "admin/congdoan/federation/merge.html", context)


class MergeTargetForm(forms.Form):
    target = CheckedModelChoiceField(
        queryset=Federation.objects.none(),
        label="Hợp nhất vào",
        empty_label="— Chọn liên đoàn nhận —",
        help_text="Liên đoàn nhận toàn bộ nội dung, tài khoản và tên miền của liên đoàn được hợp nhất.",
    )

    def __init__(self, source, *args, **kwargs):
        super().__init__(*args, **kwargs)
        active = Federation.objects.filter(state=Federation.State.ACTIVE).exclude(pk=source.pk)
        self.fields["target"].queryset = active.order_by("kind", "short_name")


def merged_message(report) -> str:
    plan = report.plan
    return (
        f"Đã hợp nhất {plan.source.short_name} vào {plan.target.short_name}: {grouped(plan.rows_to_move)} bản ghi "
        f"chuyển sang, {grouped(len(plan.combinations))} mục gộp vào mục đã có, {grouped(len(plan.renames))} mục "
        f"đổi tên vì trùng, {grouped(report.redirects_recorded)} địa chỉ cũ được chuyển hướng 301. Mã kiểm tra nội "
        "dung trước và sau "
        f"khớp nhau (sha256 {report.checksum_after[:12]}…)."
    )


@admin.register(Redirect)
class RedirectAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["old_path", "new_path", "federation", "created_at"]
    list_filter = ["federation"]
    search_fields = ["old_path", "new_path"]
    list_select_related = ["federation"]
