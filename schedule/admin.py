"""The work schedule in the admin: a week with its items in rows; editors only."""

from django import forms
from django.contrib import admin, messages
from django.db.models import Count
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckInlineMixin

from . import weeks
from .models import Entry, Week
from .services import copy_recurring_items


class EntryInline(CheckedInputAdminMixin, VersionCheckInlineMixin, admin.StackedInline):
    model = Entry
    extra = 1
    max_num = 200  # about 15 items a day for a busy week
    fields = [
        ("day", "session", "start_time", "end_time"),
        "content",
        ("venue", "chair"),
        "attendees",
        ("preparing_unit", "is_recurring"),
        "revised_at",
    ]
    readonly_fields = ["revised_at"]
    formfield_overrides = {
        Entry._meta.get_field("content").__class__: {"widget": forms.Textarea(attrs={"rows": 2, "cols": 80})},
    }


@admin.register(Week)
class WeekAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["week_label", "starts_on", "item_count", "is_published", "published_at"]
    list_display_links = ["week_label"]
    list_filter = ["is_published"]
    date_hierarchy = "starts_on"
    save_on_top = True
    readonly_fields = ["published_at", "updated_at"]
    fields = ["starts_on", "note", "is_published", ("published_at", "updated_at")]
    inlines = [EntryInline]
    actions = ["copy_recurring"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(entry_total=Count("entries"))

    @admin.display(description="tuần", ordering="starts_on")
    def week_label(self, obj):
        return f"Tuần {weeks.week_number(obj.starts_on)} (từ {obj.starts_on:%d/%m/%Y})"

    @admin.display(description="số mục", ordering="entry_total")
    def item_count(self, obj):
        return obj.entry_total

    @admin.action(description="Chép các mục lặp lại từ tuần trước", permissions=["change"])
    def copy_recurring(self, request, queryset):
        for week in queryset.order_by("starts_on"):
            added = copy_recurring_items(week=week)
            number = weeks.week_number(week.starts_on)
            if added:
                self.message_user(
                    request, f"Đã chép {added} mục lặp lại từ tuần trước sang tuần {number}.", messages.SUCCESS
                )
            else:
                self.message_user(
                    request,
                    f"Tuần {number}: không có mục lặp lại nào để chép (tuần trước chưa có lịch, không có mục "
                    "đánh dấu “lặp lại hằng tuần”, hoặc các mục đó đã có).",
                    messages.WARNING,
                )
