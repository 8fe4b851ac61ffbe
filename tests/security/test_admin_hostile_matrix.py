"""Every admin add/change form, one hostile value at a time: never a 5xx, never a half save.

Forms are discovered from the admin registry. For each ModelAdmin the change page of a real
object is rendered and posted back unchanged (it must save: the baseline is valid), then each
field of the main form and of every existing inline row gets hostile values one at a time.
An answer with errors must leave every row of the project's models exactly as it was. Each post
runs in a savepoint that is rolled back, so accepted values never change the next baseline.

The matrix is chosen per kind of field, not as a cross product, to stay well under a minute:
texts get NUL, a mix of RTL marks, emoji, other-script digits and superscripts, and one more
character than allowed; numbers and ids get 2**70, -1, other-script and superscript digits;
dates get year 0001 and 9999; files get truncated, garbage and misnamed photos.
"""

import io
import traceback

import pytest
from django import forms
from django.apps import apps
from django.contrib import admin
from django.contrib.auth.models import Group
from django.core.files.uploadedfile import SimpleUploadedFile
from django.db import transaction
from django.urls import reverse
from PIL import Image

from banners.models import TickerSettings
from campaigns.models import Campaign
from congdoan.fields import RICH_TEXT_MAX_CHARS, RichTextFormField
from congdoan.tenancy import default_federation
from tests.admin_forms import field_data, form_data
from tests.banners.factories import CommemorationFactory, SlideFactory, SloganFactory
from tests.campaigns.factories import (
    CampaignFactory,
    CampaignKindFactory,
    PhaseFactory,
    ProgressReportFactory,
    TargetFactory,
    UnitFigureFactory,
)
from tests.contests.factories import AnswerFactory, AttemptFactory, ContestantFactory, QuestionFactory, RoundFactory
from tests.news.factories import ArticleFactory, SectionFactory, TagFactory
from tests.utils import jpeg_bytes

pytestmark = pytest.mark.django_db

HUGE = 2**70
PROJECT_APPS = ("auth", "congdoan", "news", "banners", "campaigns", "contests")

MIXED_TEXT = "\u202eđảo chiều\u200f 😀🇻🇳 ٠١٢٣ ०१२ ²³ ½"
# Per kind of field: values every field gets, then values handed out in turn (each field of
# the kind gets the next one), so the whole list is covered without posting it for every field.
ALWAYS = {
    "id": [str(HUGE)],
    "number": [str(HUGE)],
    "date": ["01/01/0001", "31/12/9999"],
    "datetime": [("01/01/0001", "00:00:00")],
    "slug": [],
    "text": [],
}
IN_TURN = {
    "id": ["-1", "không-phải-số", "١٢"],
    "number": ["-1", "١٢", "²", "1e3", "9" * 40],
    "date": ["٠١/٠١/٢٠٢٤", "30/02/2024", "01/01/10000"],
    "datetime": [("31/12/9999", "23:59:59"), ("01/01/2024", "²:00"), ("01/01/2024", "25:61:00")],
    "slug": ["Dai-Hoi-", "THOI-SU--", "Bai-Mot", "Phong-Trao-Hai-", "\x00", "😀"],
    "text": ["ch\x00en NUL", MIXED_TEXT, "too long"],
}


def _png_named_jpg() -> bytes:
    buffer = io.BytesIO()
    Image.new("RGB", (40, 30)).save(buffer, "PNG")
    return buffer.getvalue()


def _truncated_jpeg() -> bytes:
    whole = jpeg_bytes(1200, 800)
    return whole[: len(whole) // 2]


FILE_VALUES = [
    ("cat-doi.jpg", _truncated_jpeg()),
    ("rac.jpg", b"\xff\xd8\xff\xe0" + b"\x13" * 3000),
    ("that-ra-la-png.jpg", _png_named_jpg()),
]


def build_world():
    """One object for every model with an admin (two for slugged ones: a slug can clash)."""
    Group.objects.get_or_create(name="Nhóm thử")
    tag = TagFactory(slug="dai-hoi")
    TagFactory()
    SectionFactory(slug="thoi-su")
    article = ArticleFactory(with_cover=True, slug="bai-mot", section=SectionFactory())
    article.tags.add(tag)
    ArticleFactory(slug="bai-hai")
    CampaignKindFactory(name="Loại thứ nhất", slug="loai-mot")
    campaign = CampaignFactory(slug="phong-trao-mot", cover=SimpleUploadedFile("bia.jpg", jpeg_bytes()))
    CampaignFactory(slug="phong-trao-hai")
    PhaseFactory(campaign=campaign)
    TargetFactory(campaign=campaign)
    UnitFigureFactory(report=ProgressReportFactory(campaign=campaign))
    SlideFactory()
    SloganFactory()
    CommemorationFactory()
    TickerSettings.objects.get_or_create(pk=1)
    default_federation()
    round_ = RoundFactory(contest__slug="cuoc-thi-mot")
    question = QuestionFactory(round=round_)
    contestant = ContestantFactory(contest=round_.contest)
    attempt = AttemptFactory(contestant=contestant, round=round_)
    AnswerFactory(attempt=attempt, option=question.options.first())


def snapshot():
    """Every row of the project's models (contents, not just counts)."""
    rows = {}
    for model in apps.get_models():
        if model._meta.app_label in PROJECT_APPS:
            rows[model._meta.label] = list(model._base_manager.order_by("pk").values())
    return rows


class Matrix:
    """Hands out hostile values field by field (see ALWAYS and IN_TURN)."""

    def __init__(self):
        self.turns = dict.fromkeys(IN_TURN, 0)

    def pick(self, kind) -> list:
        values = list(ALWAYS[kind])
        turn = IN_TURN[kind]
        values.append(turn[self.turns[kind] % len(turn)])
        self.turns[kind] += 1
        return values

    def values(self, form, name):
        """(description, {input: value}) pairs for one field of a rendered form."""
        field, html_name = form.fields[name], form[name].html_name
        if isinstance(field.widget, forms.HiddenInput) and name != "id":
            return []  # the version and parent keys: tampering is covered elsewhere
        if isinstance(field, forms.FileField):
            return [(f"tệp {file}", {html_name: SimpleUploadedFile(file, content)}) for file, content in FILE_VALUES]
        if isinstance(field, forms.SplitDateTimeField):
            return [(f"{d} {t}", {f"{html_name}_0": d, f"{html_name}_1": t}) for d, t in self.pick("datetime")]
        if isinstance(field, forms.ModelMultipleChoiceField):
            return [(repr(v), {html_name: [v]}) for v in self.pick("id")]
        if isinstance(field, forms.ModelChoiceField):
            return [(repr(v), {html_name: v}) for v in self.pick("id")]
        if isinstance(field, forms.IntegerField):
            return [(repr(v), {html_name: v}) for v in self.pick("number")]
        if isinstance(field, forms.DateField):
            return [(v, {html_name: v}) for v in self.pick("date")]
        if isinstance(field, forms.BooleanField):
            return []
        if isinstance(field, forms.ChoiceField):
            return [("lựa chọn lạ", {html_name: "không-có\x00"})]
        if isinstance(field, forms.SlugField):
            return [(repr(v), {html_name: v}) for v in self.pick("slug")]
        if isinstance(field, RichTextFormField):
            return [("nội dung quá dài", {html_name: "<p>" + "Đ" * RICH_TEXT_MAX_CHARS + "</p>"})]
        if isinstance(field, forms.CharField):
            values = self.pick("text")
            if values == ["too long"]:
                values = ["Đ" * ((field.max_length or 100_000) + 1)]
            return [(repr(v[:12]), {html_name: v}) for v in values]
        return [("chữ có NUL", {html_name: "ch\x00ữ"})]


def _is_plain_text(field) -> bool:
    return isinstance(field, forms.CharField) and not isinstance(field, forms.SlugField)


def management_values(response):
    values = []
    for inline in response.context.get("inline_admin_formsets", []):
        total = inline.formset.management_form["TOTAL_FORMS"].html_name
        values += [(f"{total}={v}", {total: v}) for v in (str(HUGE), "x")]
    return values


def post_and_roll_back(client, url, data):
    """Post in a savepoint; return (status or exception text, rows afterwards when refused)."""
    for value in data.values():
        if hasattr(value, "seek"):
            value.seek(0)  # a baseline photo is posted again and again
    savepoint = transaction.savepoint()
    try:
        response = client.post(url, data)
        rows = snapshot() if response.status_code == 200 else None
        return response.status_code, rows, response
    except Exception as error:  # a 500: the test client re-raises it
        frames = [f for f in traceback.extract_tb(error.__traceback__) if "/.venv/" not in f.filename]
        where = f"{frames[-1].filename}:{frames[-1].lineno}" if frames else "django"
        return f"{type(error).__name__}: {error} ({where})", None, None
    finally:
        transaction.savepoint_rollback(savepoint)


def add_extras(label: str) -> dict:
    """What a new object needs that its change page does not show."""
    if label == "auth.User":
        password = "Mat-khau-rat-dai-2026"
        return {"username": "nguoi-moi", "password1": password, "password2": password, "usable_password": "true"}
    if label == "congdoan.Federation":  # a code is unique: the change page shows the existing one's
        return {"code": "lien-doan-moi"}
    if label == "contests.Contest":  # one contest per campaign: the second campaign has none
        return {"campaign": str(Campaign.objects.get(slug="phong-trao-hai").pk)}
    return {}


def add_baseline(model, change_response, add_response):
    """The change page's values as a new object: unique texts altered, slug left to be made,
    existing inline rows posted as new rows, a photo for a required photo field."""
    main = change_response.context["adminform"].form
    add_form = add_response.context["adminform"].form
    unique = {f.name for f in model._meta.fields if f.unique}
    for constraint in model._meta.constraints:
        unique |= set(getattr(constraint, "fields", ()))
    data = {}
    for name in add_form.fields:
        if name in main.fields:
            data.update(field_data(main[name]))
        if isinstance(add_form.fields[name], forms.FileField) and add_form.fields[name].required:
            data[name] = SimpleUploadedFile("anh-moi.jpg", jpeg_bytes())
    for name in unique & set(add_form.fields):
        field = add_form.fields[name]
        if isinstance(field, forms.SlugField):
            data[name] = ""
        elif isinstance(field, forms.CharField) and not isinstance(field, forms.EmailField):
            data[name] = f"{data[name]} (mới)"
        elif isinstance(field, forms.DateField):
            data[name] = "02/01/2001"
    data.pop("version", None)
    for inline in change_response.context.get("inline_admin_formsets", []):
        formset = inline.formset
        skip = {"id", "DELETE", "version", formset.fk.name}
        for form in formset.initial_forms:
            for name in form.fields:
                if name not in skip:
                    data.update(field_data(form[name]))
        management = formset.management_form
        data[management["TOTAL_FORMS"].html_name] = str(len(formset.initial_forms))
        data[management["INITIAL_FORMS"].html_name] = "0"
    return {**data, **add_extras(model._meta.label)}


def registered():
    return sorted(admin.site._registry.items(), key=lambda item: item[0]._meta.label)


def editable(model_admin, request, obj) -> bool:
    return model_admin.has_change_permission(request, obj)


@pytest.mark.parametrize(
    "model", [model for model, _ in registered()], ids=[model._meta.label for model, _ in registered()]
)
def test_hostile_values_in_every_admin_form_never_500_and_never_half_save(client, superuser, model, rf):
    build_world()
    client.force_login(superuser)
    model_admin = admin.site._registry[model]
    request = rf.get("/")
    request.user = superuser
    obj = model._default_manager.order_by("pk").first()
    if obj is None or not editable(model_admin, request, obj):
        # Read-only models (login records): their pages must still answer.
        url = reverse(f"admin:{model._meta.app_label}_{model._meta.model_name}_changelist")
        assert client.get(url).status_code == 200
        return
    problems = []
    info = model._meta.app_label, model._meta.model_name
    change_url = reverse("admin:{}_{}_change".format(*info), args=[obj.pk])
    change_page = client.get(change_url)
    pages = [("sửa", change_url, change_page, form_data(change_page))]
    if model_admin.has_add_permission(request):
        add_url = reverse("admin:{}_{}_add".format(*info))
        add_page = client.get(add_url)
        assert add_page.status_code == 200
        pages.append(("thêm", add_url, change_page, add_baseline(model, change_page, add_page)))

    before = snapshot()
    matrix = Matrix()
    for page, url, rendered, base in pages:
        status, _, response = post_and_roll_back(client, url, base)
        errors = response and response.context and response.context["adminform"].form.errors
        assert status == 302, f"{page} {url}: the unchanged form does not save: {status} {errors}"
        adding = page == "thêm"
        # A new object is cleaned by the same fields: only what can clash with stored rows
        # (ids, slugs, dates, files) is posted again. Inline rows: the first row of each.
        main = rendered.context["adminform"].form
        inlines = rendered.context.get("inline_admin_formsets", [])
        first_rows = [inline.formset.initial_forms[0] for inline in inlines if inline.formset.initial_forms]
        mutations = [
            (f"{form.prefix or ''}{name}", description, change)
            for form in ([main] if adding else [main, *first_rows])
            for name in form.fields
            if not (adding and _is_plain_text(form.fields[name]))
            for description, change in matrix.values(form, name)
        ]
        if not adding:
            mutations += [("management", description, change) for description, change in management_values(rendered)]
        assert mutations, f"{page} {url}: no field to try"
        for name, description, change in mutations:
            status, rows, _ = post_and_roll_back(client, url, {**base, **change})
            if not isinstance(status, int) or status >= 500:
                problems.append(f"{page} {name} = {description}: {status}")
            elif status == 200 and rows != before:
                changed = [label for label in rows if rows[label] != before[label]]
                problems.append(f"{page} {name} = {description}: refused but changed {changed}")
    assert not problems, "\n".join(problems)
