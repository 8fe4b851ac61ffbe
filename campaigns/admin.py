"""Campaigns in the admin: editors only (Django model permissions; writers have none)."""

from django import forms
from django.contrib import admin
from django.db import models
from django.db.models import Count, Max, Min
from django.utils.html import format_html
from reversion.admin import VersionAdmin

from congdoan.admin_input import CheckedInputAdminMixin
from congdoan.caching import site_today
from congdoan.kept_uploads import PhotoAdminMixin
from congdoan.text import ascii_number
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckInlineMixin

from .models import Campaign, CampaignKind, Phase, ProgressReport, Status, Target, UnitFigure


class PhaseInline(CheckedInputAdminMixin, admin.StackedInline):
    model = Phase
    extra = 0
    max_num = 30
    fields = [("order", "label", "name"), ("start_date", "end_date"), "description"]
    formfield_overrides = {
        # Smaller text box than the admin default: a phase description is a few lines.
        Phase._meta.get_field("description").__class__: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}
    }


class TargetInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Target
    extra = 0
    max_num = 30
    fields = ["order", "label", "value", "unit", "base", "base_count", "measure"]


class ProgressReportInline(CheckedInputAdminMixin, VersionCheckInlineMixin, admin.TabularInline):
    model = ProgressReport
    extra = 0
    max_num = 500  # daily figures for over a year
    fields = ["as_of", "registrations", "attempts", "note"]
    ordering = ["-as_of"]
    show_change_link = True
    verbose_name_plural = "số liệu (bấm “Sửa” ở từng dòng để nhập số liệu theo đơn vị)"


class StatusFilter(admin.SimpleListFilter):
    title = "tình trạng"
    parameter_name = "tinh_trang"

    def lookups(self, request, model_admin):
        return Status.choices

    def queryset(self, request, queryset):
        if self.value() in Status.values:
            return queryset.with_status(self.value(), site_today())
        return queryset


class YearFilter(admin.SimpleListFilter):
    title = "năm"
    parameter_name = "nam"

    def lookups(self, request, model_admin):
        bounds = Campaign.objects.aggregate(first=Min("start_date"), last=Max("end_date"))
        if not bounds["first"]:
            return []
        return [(str(year), str(year)) for year in range(bounds["last"].year, bounds["first"].year - 1, -1)]

    def queryset(self, request, queryset):
        year = ascii_number(self.value() or "", 4)
        if year is not None and 1900 <= year <= 2100:  # a year the date lookups can bound
            return queryset.in_year(year)
        return queryset


# Registered before CampaignAdmin so django-reversion follows reports → unit rows too.
class UnitFigureInline(CheckedInputAdminMixin, admin.TabularInline):
    model = UnitFigure
    extra = 3
    max_num = 500  # every grassroots union of a province
    fields = ["unit", "registrations", "attempts"]


@admin.register(ProgressReport)
class ProgressReportAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, VersionAdmin):
    list_display = ["campaign", "as_of", "registrations", "attempts"]
    list_filter = ["campaign"]
    list_select_related = ["campaign"]
    search_fields = ["campaign__title"]
    autocomplete_fields = ["campaign"]
    date_hierarchy = "as_of"
    fields = ["campaign", "as_of", ("registrations", "attempts"), "note"]
    inlines = [UnitFigureInline]


@admin.register(CampaignKind)
class CampaignKindAdmin(CheckedInputAdminMixin, VersionAdmin):
    list_display = ["name", "slug", "order", "campaign_count"]
    list_editable = ["order"]
    search_fields = ["name"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(campaign_total=Count("campaigns"))

    @admin.display(description="số phong trào", ordering="campaign_total")
    def campaign_count(self, obj):
        return obj.campaign_total


@admin.register(Campaign)
class CampaignAdmin(CheckedInputAdminMixin, PhotoAdminMixin, VersionAdmin):
    list_display = ["title", "kind", "start_date", "end_date", "status_badge", "is_published"]
    list_display_links = ["title"]
    list_filter = ["kind", StatusFilter, YearFilter, "is_published"]
    list_select_related = ["kind"]
    search_fields = ["title", "theme", "organiser", "hashtags"]
    date_hierarchy = "start_date"
    save_on_top = True
    # Editors paste addresses without a scheme; https is what portals use today.
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}
    inlines = [PhaseInline, TargetInline, ProgressReportInline]
    readonly_fields = ["created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "kind", "theme", "summary", "is_published"]}),
        (
            "Thời gian và người tham gia",
            {
                "description": "Ngày viết dạng dd/mm/yyyy. Các đợt bên dưới phải nằm trong khoảng thời gian này.",
                "fields": [("start_date", "end_date"), "organiser", "participants"],
            },
        ),
        ("Ảnh bìa", {"fields": ["cover", "cover_alt"]}),
        ("Nội dung", {"fields": ["body"]}),
        (
            "Tin, bài liên quan",
            {
                "description": "Gõ vài chữ trong tiêu đề để tìm bài. Chỉ bài đã đăng mới hiện trên trang phong trào.",
                "fields": ["related_articles"],
            },
        ),
        (
            "Liên kết, hashtag và cách ghi số liệu",
            {
                "fields": [
                    ("external_url", "external_label"),
                    "hashtags",
                    ("registrations_label", "attempts_label"),
                ]
            },
        ),
        ("Theo dõi", {"fields": [("created_at", "updated_at")], "classes": ["collapse"]}),
    ]

    def get_autocomplete_fields(self, request):
        # Autocomplete needs the news app's Article admin with search_fields; until it is
        # registered, the plain multiple-choice list still lets editors link articles.
        from news.models import Article

        article_admin = self.admin_site._registry.get(Article)
        if article_admin is not None and article_admin.search_fields:
            return ["related_articles"]
        return []

    @admin.display(description="tình trạng")
    def status_badge(self, obj):
        status = obj.status(site_today())
        return format_html('<span class="campaign-status campaign-status--{}">{}</span>', status.value, status.label)
