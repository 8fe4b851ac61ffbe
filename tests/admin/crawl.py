"""Opens every admin page a user may reach, discovered from the admin site's registry.

For each registered ModelAdmin: the change list (plain, with each list filter's choices, with
counts shown, with a search), add, change, history, delete confirmation, each action's reply,
django-reversion's recover list, recover and revert pages, and the extra views of `get_urls()`.
Every HTML reply is kept with its visible text, so a test can read what the user saw.
"""

import re
from dataclasses import dataclass, field
from html.parser import HTMLParser

from django.contrib import admin
from django.contrib.admin.views.main import IS_FACETS_VAR
from django.test import RequestFactory
from django.urls import NoReverseMatch, reverse
from reversion.admin import VersionAdmin
from reversion.models import Version

from congdoan.tenancy import activate, default_federation

STANDARD_VIEWS = ("changelist", "add", "history", "delete", "change", "recoverlist", "recover", "revision")
VISIBLE_ATTRIBUTES = ("title", "placeholder", "aria-label", "alt")
BUTTON_TYPES = ("submit", "button", "reset")


class VisibleText(HTMLParser):
    """The text a user reads (scripts and styles left out) and the attributes a user meets:
    tooltips, placeholders, screen-reader labels, image descriptions and button captions."""

    HIDDEN = ("script", "style", "template")

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.pieces: list[str] = []
        self._hidden = 0

    def handle_starttag(self, tag, attrs):
        if tag in self.HIDDEN:
            self._hidden += 1
        attributes = dict(attrs)
        self.pieces += [attributes[name] for name in VISIBLE_ATTRIBUTES if attributes.get(name)]
        if tag == "input" and attributes.get("type") in BUTTON_TYPES and attributes.get("value"):
            self.pieces.append(attributes["value"])

    def handle_endtag(self, tag):
        if tag in self.HIDDEN and self._hidden:
            self._hidden -= 1

    def handle_data(self, data):
        if not self._hidden and data.strip():
            self.pieces.append(data)


def visible_text(html: str) -> list[str]:
    parser = VisibleText()
    parser.feed(html)
    return [" ".join(piece.split()) for piece in parser.pieces]


@dataclass
class Page:
    url: str
    status: int
    texts: list[str]


@dataclass
class AdminCrawl:
    client: object
    user: object
    pages: list[Page] = field(default_factory=list)
    kinds: set[tuple[str, str]] = field(default_factory=set)

    def _request(self):
        request = RequestFactory().get("/admin/")
        request.user = self.user
        return request

    def open(self, url, *, kind=None, model=None, method="get", data=None):
        response = getattr(self.client, method)(url, data or {}, follow=True)
        assert response.status_code < 500, f"{url}: HTTP {response.status_code}"
        if response.get("Content-Type", "").startswith("text/html"):
            self.pages.append(Page(url, response.status_code, visible_text(response.content.decode())))
        if kind and response.status_code == 200:
            self.kinds.add((model._meta.label if model else "", kind))
        return response

    def crawl(self):
        with activate(default_federation()):  # the pages' own permission checks: the site's federation
            self._crawl()

    def _crawl(self):
        self.open(reverse("admin:index"), kind="index")
        self.open(reverse("admin:password_change"), kind="password_change")
        self.open(reverse("admin:password_change_done"), kind="password_change_done")
        request = self._request()
        app_labels = set()
        for model, model_admin in admin.site._registry.items():
            if model_admin.has_module_permission(request) and model_admin.has_view_or_change_permission(request):
                app_labels.add(model._meta.app_label)
                self.crawl_model(model, model_admin)
        for app_label in sorted(app_labels):
            self.open(reverse("admin:app_list", args=[app_label]), kind="app_list")
        # The editor's "Duyệt máy chủ" window (CKEditor's browse server).
        self.open(reverse("ckeditor_browse") + "?CKEditor=id_body&CKEditorFuncNum=1&langCode=vi", kind="browse")
        self.open(reverse("ckeditor_browse"), method="post", data={"q": "khong-co"}, kind="browse_search")
        self.open(reverse("admin:logout"), method="post", kind="logout")

    def crawl_model(self, model, model_admin):
        request = self._request()
        name = f"admin:{model._meta.app_label}_{model._meta.model_name}"
        changelist = reverse(f"{name}_changelist")
        response = self.open(changelist, kind="changelist", model=model)
        self.open(f"{changelist}?{IS_FACETS_VAR}", kind="changelist_counts", model=model)
        self.open(f"{changelist}?q=khong-co-ket-qua-nao", kind="changelist_search", model=model)
        cl = response.context["cl"]
        for index, spec in enumerate(cl.filter_specs):
            # Each filter applied (its first choice is "all"); counts shown with the first one.
            for choice in list(spec.choices(cl))[1:2]:
                self.open(changelist + choice["query_string"], kind="changelist_filtered", model=model)
                if index == 0:
                    self.open(f"{changelist}{choice['query_string']}&{IS_FACETS_VAR}", model=model)

        if model_admin.has_add_permission(request):
            self.open(reverse(f"{name}_add"), kind="add", model=model)
            # "Thêm" beside a foreign key opens the add form in a popup window.
            self.open(reverse(f"{name}_add") + "?_popup=1&_to_field=id", kind="add_popup", model=model)
            # An empty form: the page with "please correct the errors" and each field's error.
            self.open(reverse(f"{name}_add"), method="post", kind="add_invalid", model=model)
        obj = model_admin.get_queryset(request).order_by("pk").first()
        if obj is not None:
            self.open(reverse(f"{name}_change", args=[obj.pk]), kind="change", model=model)
            self.open(reverse(f"{name}_history", args=[obj.pk]), kind="history", model=model)
            if model_admin.has_delete_permission(request, obj):
                self.open(reverse(f"{name}_delete", args=[obj.pk]), kind="delete", model=model)
        if isinstance(model_admin, VersionAdmin):
            self.crawl_reversion(name, model, obj)
        if obj is not None:
            self.crawl_extra_views(model, model_admin, obj)
            for action in model_admin.get_actions(request):
                # delete_selected answers with its confirmation page; the others act and
                # come back to the change list with their message.
                self.open(
                    changelist,
                    method="post",
                    data={"action": action, "_selected_action": [obj.pk], "index": 0},
                    kind=f"action:{action}",
                    model=model,
                )

    def crawl_reversion(self, name, model, obj):
        self.open(reverse(f"{name}_recoverlist"), kind="recoverlist", model=model)
        deleted = Version.objects.get_deleted(model).first()
        if deleted is not None:
            self.open(reverse(f"{name}_recover", args=[deleted.pk]), kind="recover", model=model)
        if obj is not None:
            version = Version.objects.get_for_object(obj).first()
            if version is not None:
                self.open(reverse(f"{name}_revision", args=[obj.pk, version.pk]), kind="revision", model=model)

    def crawl_extra_views(self, model, model_admin, obj):
        prefix = f"{model._meta.app_label}_{model._meta.model_name}_"
        for pattern in model_admin.get_urls():
            url_name = pattern.name or ""
            if not url_name or url_name.removeprefix(prefix) in STANDARD_VIEWS:
                continue
            arguments = re.findall(r"<(?:\w+:)?(\w+)>", str(pattern.pattern))
            try:
                url = reverse(f"admin:{url_name}", kwargs=dict.fromkeys(arguments, obj.pk))
            except NoReverseMatch:
                continue
            self.open(url, kind=f"view:{url_name}", model=model)
