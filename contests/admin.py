"""Contests in the admin: editors only (Django model permissions, see contests/roles.py)."""

import secrets

from django import forms
from django.contrib import admin, messages
from django.core.exceptions import PermissionDenied, ValidationError
from django.db.models import Count
from django.http import HttpResponse
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils.html import format_html

from congdoan.admin_input import CheckedInlineFormSet, CheckedInputAdminMixin
from congdoan.tenancy import current_federation, unscoped
from congdoan.versioning import VersionCheckAdminMixin, VersionCheckInlineMixin

from . import exports, importing, network, results, services
from .forms import FederationField, PhoneField
from .models import (
    MAX_OPTIONS,
    Answer,
    Attempt,
    Contest,
    Contestant,
    Option,
    Question,
    Round,
    Unit,
    UnitGroup,
    validate_options,
)


class RoundInline(CheckedInputAdminMixin, VersionCheckInlineMixin, admin.StackedInline):
    model = Round
    extra = 0
    max_num = 30
    show_change_link = True
    fields = [
        ("order", "name"),
        ("starts_at", "ends_at"),
        ("time_limit_minutes", "attempts_allowed", "questions_per_attempt"),
        ("tiebreak_question", "tiebreak_answer"),
        "essay_question",
    ]
    formfield_overrides = {
        Round._meta.get_field("essay_question").__class__: {"widget": forms.Textarea(attrs={"rows": 3, "cols": 80})}
    }


@admin.register(Contest)
class ContestAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "slug", "published", "is_open_for_registration", "round_count", "contestant_count"]
    search_fields = ["campaign__title", "slug"]
    autocomplete_fields = ["campaign"]
    inlines = [RoundInline]
    actions = ["record_figures"]
    fieldsets = [
        (None, {"fields": ["campaign", "slug", "is_open_for_registration"]}),
        ("Thể lệ", {"fields": ["rules"], "description": "Hiện trên trang dự thi, phía trên danh sách đợt thi."}),
    ]

    change_list_template = "contests/admin/contest_change_list.html"

    def get_queryset(self, request):
        return (
            super()
            .get_queryset(request)
            .select_related("campaign")
            .annotate(n_rounds=Count("rounds", distinct=True), n_contestants=Count("contestants", distinct=True))
        )

    def get_fieldsets(self, request, obj=None):
        """Only the national union's editors see (and set) "network-wide"."""
        fieldsets = super().get_fieldsets(request, obj)
        if not _on_national_site():
            return fieldsets
        (name, options), *rest = fieldsets
        return [(name, {**options, "fields": [*options["fields"], "network_wide"]}), *rest]

    def get_list_display(self, request):
        shown = super().get_list_display(request)
        return [*shown, "network_wide"] if _on_national_site() else shown

    def changelist_view(self, request, extra_context=None):
        extra_context = {**(extra_context or {}), "network_results": not _on_national_site()}
        return super().changelist_view(request, extra_context)

    def get_urls(self):
        return [
            path("toan-quoc/", self.admin_site.admin_view(self.network_view), name="contests_contest_network"),
            path(
                "toan-quoc/<int:round_id>/xuat-ket-qua/",
                self.admin_site.admin_view(self.network_export_view),
                name="contests_contest_network_export",
            ),
            *super().get_urls(),
        ]

    def network_view(self, request):
        """A federation's editors: the national union's network-wide contests as they concern
        their federation — every federation's totals (no one's personal data), their own
        units' ranking and their own contestants' standings (with their rank in the whole
        contest). Another federation's contestants appear only inside its totals."""
        federation = _federation_taking_part(request)
        rows = []
        with unscoped():
            contests = list(Contest.objects.network_wide().select_related("campaign").prefetch_related("rounds"))
            for contest in contests:
                for round_ in contest.rounds.all():
                    ranking = results.federation_ranking(round_)
                    rows.append(
                        {
                            "contest": contest,
                            "round": round_,
                            "federations": ranking,
                            "own": next((row for row in ranking if row["federation_id"] == federation.pk), None),
                            "units": results.unit_ranking(round_, federation=federation),
                            "people": results.individual_ranking(
                                round_, federation=federation, limit=NETWORK_PEOPLE_SHOWN
                            ),
                        }
                    )
        context = {
            **self.admin_site.each_context(request),
            "title": f"Cuộc thi toàn quốc – kết quả của {federation.short_name}",
            "federation": federation,
            "rows": rows,
            "contests": contests,
            "people_shown": NETWORK_PEOPLE_SHOWN,
            "opts": self.model._meta,
        }
        return TemplateResponse(request, "contests/admin/network_results.html", context)

    def network_export_view(self, request, round_id):
        """The rankings workbook of a network-wide round, this federation's contestants only."""
        federation = _federation_taking_part(request)
        with unscoped():
            round_ = get_object_or_404(
                Round.objects.select_related("contest").filter(contest__network_wide=True), pk=round_id
            )
            workbook = exports.ranking_workbook(round_, federation=federation)
        response = HttpResponse(workbook, content_type=exports.XLSX_TYPE)
        filename = f"ket-qua-{round_.contest.slug}-dot-{round_.order}-{federation.code}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    @admin.action(description="Ghi số liệu hôm nay vào trang phong trào", permissions=["change"])
    def record_figures(self, request, queryset):
        from .figures import record_campaign_figures

        for contest in queryset.select_related("campaign"):
            report = record_campaign_figures(contest=contest)
            self.message_user(request, f"{contest}: {report.sentence()}.", messages.SUCCESS)

    @admin.display(description="công khai", boolean=True, ordering="campaign__is_published")
    def published(self, contest):
        return contest.is_published

    @admin.display(description="số đợt thi", ordering="n_rounds")
    def round_count(self, contest):
        return contest.n_rounds

    @admin.display(description="số thí sinh", ordering="n_contestants")
    def contestant_count(self, contest):
        return contest.n_contestants


NETWORK_PEOPLE_SHOWN = 50


def _on_national_site() -> bool:
    federation = current_federation()
    return federation is not None and federation.is_national


def _federation_taking_part(request):
    """The federation being administered, if it takes part in network-wide contests and the
    user may read its contests' attempts (editors); otherwise 403."""
    federation = current_federation()
    if (
        federation is None
        or not network.is_eligible(federation.pk)
        or not request.user.has_perm("contests.view_attempt")
    ):
        raise PermissionDenied
    return federation


class OptionFormSet(CheckedInlineFormSet):
    """2–6 options, exactly one correct, checked on what was submitted before anything is saved."""

    def clean(self):
        super().clean()
        if any(self.errors):
            return
        options = [
            (form.cleaned_data.get("text", ""), form.cleaned_data.get("is_correct", False))
            for form in self.forms
            if form.cleaned_data and not form.cleaned_data.get("DELETE")
        ]
        try:
            validate_options(options)
        except ValidationError as error:
            raise ValidationError(error.messages) from None


class OptionInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Option
    formset = OptionFormSet
    extra = 4
    max_num = MAX_OPTIONS
    fields = ["order", "text", "is_correct"]


@admin.register(Question)
class QuestionAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["__str__", "round", "option_count"]
    list_filter = ["round__contest", "round"]
    list_select_related = ["round"]
    search_fields = ["text"]
    inlines = [OptionInline]
    fields = ["round", "text", "explanation", "order"]

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_options=Count("options"))

    @admin.display(description="số phương án", ordering="n_options")
    def option_count(self, question):
        return question.n_options


class ImportForm(forms.Form):
    file = forms.FileField(label="Tệp CSV hoặc Excel (.xlsx)")


class NationalUnitImportForm(ImportForm):
    """The national union's editors may fill a federation's units for a network-wide contest
    (a federation that has not entered its own yet); empty means the national union's own."""

    lien_doan = FederationField(
        label="Nhập vào danh sách đơn vị của",
        required=False,
        help_text="Để trống: đơn vị của Tổng Liên đoàn. Chọn một liên đoàn: đơn vị của liên đoàn đó, "
        "dùng khi thí sinh của liên đoàn đăng ký cuộc thi toàn quốc.",
    )


def import_view(
    model_admin, request, *, title, columns_help, run, done_url, back_url=None, back_label="", form_class=ImportForm
):
    """The shared import page: upload, run (all or nothing), list every row's error."""
    form = form_class(request.POST or None, request.FILES or None)
    errors = []
    if request.method == "POST" and form.is_valid():
        try:
            result = run(form.cleaned_data["file"], form.cleaned_data)
        except importing.ImportFailed as failure:
            errors = failure.errors
        else:
            model_admin.message_user(request, f"Đã nhập {result.created} dòng.", messages.SUCCESS)
            for note in result.notes:
                model_admin.message_user(request, note, messages.INFO)
            return redirect(done_url)
    context = {
        **model_admin.admin_site.each_context(request),
        "title": title,
        "form": form,
        "errors": errors,
        "columns_help": columns_help,
        "back_url": back_url,
        "back_label": back_label,
        "opts": model_admin.model._meta,
    }
    return TemplateResponse(request, "contests/admin/import.html", context)


@admin.register(Round)
class RoundAdmin(CheckedInputAdminMixin, VersionCheckAdminMixin, admin.ModelAdmin):
    list_display = [
        "name",
        "contest",
        "starts_at",
        "ends_at",
        "attempts_allowed",
        "questions_per_attempt",
        "bank",
        "export_link",
    ]
    list_filter = ["contest"]
    list_select_related = ["contest__campaign"]
    search_fields = ["name", "contest__campaign__title"]
    date_hierarchy = "starts_at"

    def get_queryset(self, request):
        return super().get_queryset(request).annotate(n_questions=Count("questions"))

    @admin.display(description="số câu trong ngân hàng", ordering="n_questions")
    def bank(self, round):
        url = reverse("admin:contests_round_import_questions", args=[round.pk])
        return format_html('{} · <a href="{}">Nhập câu hỏi từ tệp</a>', round.n_questions, url)

    @admin.display(description="kết quả")
    def export_link(self, round):
        url = reverse("admin:contests_round_export", args=[round.pk])
        return format_html('<a href="{}">Tải bảng xếp hạng (.xlsx)</a>', url)

    def get_urls(self):
        return [
            path(
                "<int:pk>/nhap-cau-hoi/",
                self.admin_site.admin_view(self.import_questions_view),
                name="contests_round_import_questions",
            ),
            path("<int:pk>/xuat-ket-qua/", self.admin_site.admin_view(self.export_view), name="contests_round_export"),
            *super().get_urls(),
        ]

    def export_view(self, request, pk):
        """Individual and unit rankings of one round as .xlsx (editors: they may view attempts)."""
        if not request.user.has_perm("contests.view_attempt"):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("contest"), pk=pk)
        response = HttpResponse(exports.ranking_workbook(round_), content_type=exports.XLSX_TYPE)
        filename = f"ket-qua-{round_.contest.slug}-dot-{round_.order}.xlsx"
        response["Content-Disposition"] = f'attachment; filename="{filename}"'
        return response

    def import_questions_view(self, request, pk):
        if not request.user.has_perm("contests.add_question"):
            raise PermissionDenied
        round_ = get_object_or_404(Round.objects.select_related("contest__campaign"), pk=pk)
        return import_view(
            self,
            request,
            title=f"Nhập câu hỏi cho {round_.name} – {round_.contest}",
            columns_help=importing.QUESTION_COLUMNS_HELP,
            run=lambda upload, cleaned: importing.import_questions(round=round_, upload=upload),
            done_url=reverse("admin:contests_question_changelist") + f"?round__id__exact={round_.pk}",
            back_url=reverse("admin:contests_round_changelist"),
            back_label="Đợt thi",
        )


@admin.register(UnitGroup)
class UnitGroupAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "order"]
    list_editable = ["order"]
    search_fields = ["name"]


@admin.register(Unit)
class UnitAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    list_display = ["name", "group", "order", "is_active"]
    list_filter = ["group", "is_active"]
    list_select_related = ["group"]
    search_fields = ["name", "group__name"]
    change_list_template = "contests/admin/unit_change_list.html"

    def get_urls(self):
        return [
            path("nhap/", self.admin_site.admin_view(self.import_units_view), name="contests_unit_import"),
            *super().get_urls(),
        ]

    def import_units_view(self, request):
        if not request.user.has_perm("contests.add_unit"):
            raise PermissionDenied
        return import_view(
            self,
            request,
            title="Nhập danh sách đơn vị",
            columns_help=importing.UNIT_COLUMNS_HELP,
            run=lambda upload, cleaned: importing.import_units(upload=upload, federation=cleaned.get("lien_doan")),
            done_url=reverse("admin:contests_unit_changelist"),
            back_url=reverse("admin:contests_unit_changelist"),
            back_label="Đơn vị",
            form_class=NationalUnitImportForm if _on_national_site() else ImportForm,
        )


class ContestantAdminForm(forms.ModelForm):
    # Editors may type the number as the contestant says it (+84 …, spaces, any script):
    # the field normalises it, the model checks it is nobody else's in the contest.
    phone = PhoneField(help_text=Contestant._meta.get_field("phone").help_text)

    class Meta:
        model = Contestant
        fields = ["full_name", "phone", "email", "date_of_birth", "unit"]


class FederationFilter(admin.SimpleListFilter):
    """The national site's contestants by their unit's federation (network-wide contests)."""

    title = "liên đoàn"
    parameter_name = "lien_doan"

    def lookups(self, request, model_admin):
        if not _on_national_site():
            return []
        return [(federation.code, federation.short_name) for federation in network.eligible_federations()]

    def queryset(self, request, queryset):
        found = network.by_code(self.value() or "")
        return queryset.filter(unit__federation_id=found.pk) if found is not None else queryset


@admin.register(Contestant)
class ContestantAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    form = ContestantAdminForm
    list_display = ["full_name", "phone", "unit", "federation", "contest", "created_at"]
    list_filter = ["contest", FederationFilter, "unit__group"]
    list_select_related = ["unit", "contest__campaign"]
    search_fields = ["full_name", "phone", "email"]
    date_hierarchy = "created_at"
    readonly_fields = ["user", "contest", "consented_at", "created_at"]
    fields = ["full_name", "phone", "email", "date_of_birth", "unit", "contest", "user", "consented_at", "created_at"]
    autocomplete_fields = ["unit"]

    actions = ["issue_temporary_password"]

    def has_add_permission(self, request):
        # Contestants register themselves on the public site.
        return False

    def get_fields(self, request, obj=None):
        """A network-wide contest's contestant keeps their federation's unit, shown as text:
        the choices (and links) here are this site's units, not their federation's."""
        fields = super().get_fields(request, obj)
        if obj is not None and obj.contest.network_wide:
            return ["unit_of_federation" if name == "unit" else name for name in fields]
        return fields

    def get_readonly_fields(self, request, obj=None):
        return [*super().get_readonly_fields(request, obj), "unit_of_federation"]

    @admin.display(description="đơn vị")
    def unit_of_federation(self, contestant):
        return f"{contestant.unit.name} ({network.name_of(contestant.unit.federation_id)})"

    @admin.display(description="liên đoàn")
    def federation(self, contestant):
        return network.name_of(contestant.unit.federation_id)

    def save_model(self, request, obj, form, change):
        services.save_contestant(contestant=obj)

    @admin.action(description="Cấp mật khẩu tạm cho thí sinh đã chọn (quên mật khẩu)", permissions=["change"])
    def issue_temporary_password(self, request, queryset):
        """A contestant who forgot the password calls the organisers, who read a new one out."""
        contestants = list(queryset.select_related("user")[:2])
        if len(contestants) != 1:
            self.message_user(request, "Hãy chọn đúng một thí sinh để cấp mật khẩu tạm.", messages.ERROR)
            return
        contestant = contestants[0]
        password = temporary_password()
        contestant.user.set_password(password)
        contestant.user.save(update_fields=["password"])
        self.log_change(request, contestant, "Cấp mật khẩu tạm.")
        self.message_user(
            request,
            f"Mật khẩu tạm của {contestant.full_name} ({contestant.phone}): {password} — hãy báo cho thí sinh "
            "và đề nghị đổi mật khẩu ở trang “Lượt thi của tôi” sau khi đăng nhập.",
            messages.SUCCESS,
        )


def temporary_password() -> str:
    """Ten characters easy to read out over the phone (no 0/O, 1/l/I)."""
    alphabet = "abcdefghjkmnpqrstuvwxyz23456789"
    return "".join(secrets.choice(alphabet) for _ in range(10))


class AnswerInline(CheckedInputAdminMixin, admin.TabularInline):
    model = Answer
    extra = 0
    fields = ["question", "option", "correct", "saved_at"]
    readonly_fields = fields
    can_delete = False

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("question", "option")

    def has_add_permission(self, request, obj=None):
        return False

    @admin.display(description="đúng", boolean=True)
    def correct(self, answer):
        return answer.option.is_correct


class HasEssayFilter(admin.SimpleListFilter):
    title = "bài tự luận"
    parameter_name = "tu_luan"

    def lookups(self, request, model_admin):
        return [("chua-cham", "Có bài, chưa chấm"), ("da-cham", "Đã chấm")]

    def queryset(self, request, queryset):
        if self.value() == "chua-cham":
            return queryset.exclude(essay_answer="").filter(essay_mark__isnull=True)
        if self.value() == "da-cham":
            return queryset.filter(essay_mark__isnull=False)
        return queryset


@admin.register(Attempt)
class AttemptAdmin(CheckedInputAdminMixin, admin.ModelAdmin):
    """Attempts are read-only apart from the essay mark, which organisers enter here."""

    list_display = ["contestant", "round", "number", "started_at", "submitted_at", "score", "duration", "essay_mark"]
    list_filter = ["round__contest", "round", HasEssayFilter]
    list_select_related = ["contestant", "round"]
    search_fields = ["contestant__full_name", "contestant__phone"]
    date_hierarchy = "started_at"
    inlines = [AnswerInline]
    fields = [
        "contestant",
        "round",
        "number",
        ("started_at", "deadline", "submitted_at", "auto_closed"),
        ("score", "duration"),
        "tiebreak_answer",
        "essay_answer",
        "essay_mark",
    ]
    readonly_fields = [
        "contestant",
        "round",
        "number",
        "started_at",
        "deadline",
        "submitted_at",
        "auto_closed",
        "score",
        "duration",
        "tiebreak_answer",
        "essay_answer",
    ]

    def has_add_permission(self, request):
        return False
