"""A sample through the admin's own forms (as editors save them), then the public pages.

The ORM-level corpus (test_xss_corpus.py) covers every payload; this proves the same texts
survive the admin's cleaning unchanged (they are stored as typed, escaped on output) and
that the admin refuses dangerous link fields.
"""

import datetime

import pytest
from django import forms
from django.urls import reverse
from django.utils import timezone

from banners.models import Commemoration, Slogan, TickerSettings
from campaigns.models import Campaign, CampaignKind
from congdoan.models import Federation
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import default_federation
from news.models import Article, Section, Tag
from tests.utils import give_role

from .checks import assert_safe_feed, assert_safe_html
from .corpus import FIELDS, SINGLETON_FIELDS, chunks_for
from .payloads import NASTIEST

pytestmark = pytest.mark.django_db

SAMPLE = tuple(NASTIEST)


def sample_for(model, field) -> str:
    """The first chunk of the nastiest payloads that fits the field."""
    return chunks_for(model._meta.get_field(field).max_length or 4000, SAMPLE)[0]


@pytest.fixture
def editor(client, django_user_model):
    user = django_user_model.objects.create_user("bientap-form", password="mat-khau-thu", is_staff=True)
    give_role(user, EDITOR_GROUP)
    client.force_login(user)
    return user


def admin_post(client, url, **overrides):
    """GET the admin form, post its values back with `overrides`, as a browser would."""
    response = client.get(url)
    assert response.status_code == 200, url
    form = response.context["adminform"].form
    data = {}
    for name, field in form.fields.items():
        value = form[name].value()
        if isinstance(field, forms.SplitDateTimeField):
            local = timezone.localtime(value) if value else None
            data[f"{name}_0"] = local.strftime("%d/%m/%Y") if local else ""
            data[f"{name}_1"] = local.strftime("%H:%M:%S") if local else ""
        elif isinstance(field, forms.FileField):
            continue
        elif isinstance(field, forms.ModelMultipleChoiceField):
            data[name] = [str(v) for v in (value or [])]
        elif isinstance(value, bool):
            if value:
                data[name] = "on"
        elif isinstance(value, datetime.date):
            data[name] = value.strftime("%d/%m/%Y")
        elif isinstance(value, (list, tuple)):
            data[name] = [str(v) for v in value]
        elif value is None:
            data[name] = ""
        else:
            data[name] = str(value)
    for formset in response.context.get("inline_admin_formsets", []):
        management = formset.formset.management_form
        for name in ("TOTAL_FORMS", "INITIAL_FORMS", "MIN_NUM_FORMS", "MAX_NUM_FORMS"):
            data[management[name].html_name] = management[name].value()
        data[management["TOTAL_FORMS"].html_name] = management["INITIAL_FORMS"].value()
    data.update(overrides)
    response = client.post(url, data)
    errors = response.context["adminform"].form.errors if response.status_code == 200 else None
    assert response.status_code == 302, f"{url}: {errors}"
    return response


def payload_fields(model, singleton=False):
    fields = (SINGLETON_FIELDS if singleton else FIELDS)[model]
    return {f: sample_for(model, f) for f in fields if not f.startswith("cover_") and f != "email"}


def test_texts_saved_through_admin_forms_render_safely(client, editor, superuser, django_user_model):
    today = timezone.localdate()
    admin_post(client, reverse("admin:news_section_add"), show_in_menu="on", order="1", **payload_fields(Section))
    section = Section.objects.get()
    admin_post(client, reverse("admin:news_tag_add"), kind="topic", **payload_fields(Tag))
    tag = Tag.objects.get()
    admin_post(
        client,
        reverse("admin:news_article_add"),
        section=str(section.pk),
        tags=[str(tag.pk)],
        status="published",
        publish_at_0=today.strftime("%d/%m/%Y"),
        publish_at_1="00:00:00",  # published at once, even in the first second of a day
        **payload_fields(Article),
    )
    article = Article.objects.get()
    admin_post(client, reverse("admin:banners_slogan_add"), is_active="on", order="0", **payload_fields(Slogan))
    admin_post(
        client,
        reverse("admin:banners_commemoration_add"),
        origin=today.replace(year=today.year - 12).strftime("%d/%m/%Y"),  # a leap year too: 29/02 exists
        every="1",
        days_before="7",
        days_after="3",
        is_active="on",
        **payload_fields(Commemoration),
    )
    TickerSettings.objects.get_or_create(pk=1)
    admin_post(
        client,
        reverse("admin:banners_tickersettings_change", args=[1]),
        **payload_fields(TickerSettings, singleton=True),
    )
    # Campaign kinds are the network's, edited from the national union's admin (here: a superuser).
    client.force_login(superuser)
    admin_post(
        client, reverse("admin:campaigns_campaignkind_add"), slug="loai-thu", order="0", **payload_fields(CampaignKind)
    )
    kind = CampaignKind.objects.get(slug="loai-thu")
    client.force_login(editor)
    admin_post(
        client,
        reverse("admin:campaigns_campaign_add"),
        kind=str(kind.pk),
        start_date=(today - datetime.timedelta(days=5)).strftime("%d/%m/%Y"),
        end_date=(today + datetime.timedelta(days=5)).strftime("%d/%m/%Y"),
        is_published="on",
        external_url="https://cuocthi.example.vn/",
        **payload_fields(Campaign),
    )
    campaign = Campaign.objects.get()
    client.force_login(superuser)
    admin_post(
        client,
        reverse("admin:congdoan_federation_change", args=[default_federation().pk]),
        **payload_fields(Federation, singleton=True),
    )

    # Stored as typed (escaping is the templates' job), so the test really carried them.
    assert article.title == sample_for(Article, "title")
    assert Slogan.objects.get().text == sample_for(Slogan, "text")
    assert Federation.objects.get(pk=default_federation().pk).short_name == sample_for(Federation, "short_name")
    assert campaign.summary == sample_for(Campaign, "summary")

    client.logout()
    for url in (
        reverse("news:home"),
        article.get_absolute_url(),
        reverse("news:section", args=[section.slug]),
        reverse("news:tag", args=[tag.slug]),
        reverse("campaigns:list"),
        campaign.get_absolute_url(),
    ):
        response = client.get(url)
        assert response.status_code == 200, url
        assert_safe_html(response.content.decode(), url)
    assert_safe_feed(client.get(reverse("news:feed")).content, "rss")
    assert_safe_feed(client.get(reverse("campaigns:rss")).content, "campaigns rss")


@pytest.mark.parametrize(
    "link",
    [
        "javascript:window.__xss=1",
        "JavaScript:alert(1)",
        " javascript:alert(1)",
        "java\tscript:alert(1)",
        "data:text/html,<script>alert(1)</script>",
        "vbscript:msgbox(1)",
        "&#106;avascript:alert(1)",
    ],
)
def test_admin_refuses_dangerous_links(client, editor, link):
    """The two link fields an editor types (slide link, campaign portal) take http(s) only."""
    response = client.post(reverse("admin:banners_slide_add"), {"alt": "Ảnh", "link": link, "order": "0"})
    assert response.status_code == 200
    assert "link" in response.context["adminform"].form.errors
    response = client.post(reverse("admin:campaigns_campaign_add"), {"title": "Thử", "external_url": link})
    assert response.status_code == 200
    assert "external_url" in response.context["adminform"].form.errors
