from django.contrib import admin
from django.contrib.auth import admin as auth_admin
from django.contrib.auth.models import Group, User

from .admin_input import CheckedInputAdminMixin
from .models import SiteIdentity
from .versioning import VersionCheckAdminMixin

admin.site.site_header = "Quản trị trang thông tin điện tử"
admin.site.site_title = "Quản trị"
admin.site.index_title = "Bảng điều khiển"


@admin.register(SiteIdentity)
class SiteIdentityAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "domain", "phone", "email", "updated_at"]
    fieldsets = [
        (
            "Tên đơn vị ở đầu trang",
            {"fields": ["name_line1", "name_line2", "short_name", "province", "domain", "tagline"]},
        ),
        ("Liên hệ ở chân trang", {"fields": ["address", "phone", "email", "responsible_person", "licence"]}),
    ]

    def has_add_permission(self, request):
        return super().has_add_permission(request) and not SiteIdentity.objects.exists()

    def has_delete_permission(self, request, obj=None):
        return False


# Django's own user and group pages get the same checks (a permission id of 2**70 answered 500).
admin.site.unregister(User)
admin.site.unregister(Group)


@admin.register(User)
class UserAdmin(CheckedInputAdminMixin, auth_admin.UserAdmin):
    pass


@admin.register(Group)
class GroupAdmin(CheckedInputAdminMixin, auth_admin.GroupAdmin):
    pass
