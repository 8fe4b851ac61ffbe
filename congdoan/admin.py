from django.apps import apps
from django.contrib import admin

from .models import SiteIdentity

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
        opts.verbose_name = opts.verbose_name_plural = f"liên kết {source.verbose_name} – {target.verbose_name}"
        model.__str__ = link_str


_name_many_to_many_links()


@admin.register(SiteIdentity)
class SiteIdentityAdmin(admin.ModelAdmin):
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
