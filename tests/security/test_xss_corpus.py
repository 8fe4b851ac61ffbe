"""Every payload of the corpus through every staff-editable text, on every page that shows it.

Objects are saved through the ORM (a sample through the admin forms at the end); pages are
checked with an HTML parser (tests/security/checks.py): no script but the site's own, no
event handler, no javascript:/vbscript:/data: URL, no frame/object/embed/base/meta refresh,
no style element or attribute. RSS and the sitemap must parse as XML with payloads as text.
"""

import datetime
import re
from urllib.parse import urlencode

import pytest
import time_machine
from django.contrib import admin
from django.test import Client
from django.urls import reverse
from django.utils import timezone

from banners.models import Commemoration, Slogan, TickerSettings
from campaigns.models import Campaign
from congdoan.models import Federation
from congdoan.roles import EDITOR_GROUP
from congdoan.tenancy import default_federation
from news.models import Article, Section, Tag
from tests.utils import clear_cache, give_role

from . import corpus
from .checks import assert_safe_feed, assert_safe_html, assert_safe_sitemap, html_findings, page_text
from .payloads import PAYLOADS

pytestmark = pytest.mark.django_db

# 10/05/2025, 10:00 in Hà Nội.
FROZEN_NOW = datetime.datetime(2025, 5, 10, 3, 0, tzinfo=datetime.UTC)
ADMIN_APPS = ("news", "banners", "campaigns", "congdoan")


@pytest.fixture
def frozen():
    with time_machine.travel(FROZEN_NOW, tick=False):
        yield timezone.localdate()


@pytest.fixture
def editor_client(django_user_model):
    user = django_user_model.objects.create_user("bientap-xss", password="mat-khau-thu", is_staff=True)
    give_role(user, EDITOR_GROUP)
    client = Client()
    client.force_login(user)
    return client


@pytest.fixture
def superuser_client(superuser):
    client = Client()
    client.force_login(superuser)
    return client


_BASELINE: list[frozenset[str]] = []  # computed once per test process


@pytest.fixture
def admin_baseline(editor_client, superuser_client, frozen):
    """What the admin itself puts on its pages (inline styles, say), from a render with plain
    text only; a payload must not add anything beyond that."""
    if _BASELINE:
        return _BASELINE[0]
    from tests.campaigns.factories import CampaignFactory, PhaseFactory, ProgressReportFactory, UnitFigureFactory

    article = Article.objects.create(
        title="Bài thử", section=Section.objects.create(name="Chuyên mục thử"), status=Article.Status.PUBLISHED
    )
    article.tags.add(Tag.objects.create(name="Chủ đề thử"))
    campaign = CampaignFactory()
    PhaseFactory(campaign=campaign)
    UnitFigureFactory(report=ProgressReportFactory(campaign=campaign))
    Slogan.objects.create(text="Khẩu hiệu thử")
    Commemoration.objects.create(event="Sự kiện thử", origin=datetime.date(2000, 5, 10))
    TickerSettings.objects.get_or_create(pk=1)
    default_federation()
    allowed = set()
    for url, client in admin_urls(editor_client, superuser_client):
        response = client.get(url)
        assert response.status_code == 200, url
        allowed.update(html_findings(response.content.decode()))
    for model in (Article, Campaign, Section, Tag, Slogan, Commemoration, TickerSettings):
        model.objects.all().delete()
    clear_cache()
    _BASELINE.append(frozenset(allowed))
    return _BASELINE[0]


def admin_models():
    return [model for model in admin.site._registry if model._meta.app_label in ADMIN_APPS]


# Change forms rendered per model and round. The change lists show every object; the forms
# (Django's widgets, escaping the same way for every value) are rendered for the first
# objects, which carry chunks of every field of the model (later objects only the fields
# with the most chunks): 4 rounds × 8 forms, about 1 s per round instead of 11 s.
CHANGE_FORMS_PER_MODEL = 8


def admin_urls(editor_client, superuser_client, change_forms=CHANGE_FORMS_PER_MODEL):
    """Change list, then change forms, of every model of the site's apps."""
    for model in admin_models():
        # Editors manage news, banners and campaigns; the site identity is the superuser's.
        client = superuser_client if model is Federation else editor_client
        info = (model._meta.app_label, model._meta.model_name)
        yield reverse("admin:{}_{}_changelist".format(*info)), client
        for pk in model.objects.order_by("pk").values_list("pk", flat=True)[:change_forms]:
            yield reverse("admin:{}_{}_change".format(*info), args=[pk]), client
    yield reverse("admin:banners_preview"), editor_client


def get_ok(client, url, **extra):
    response = client.get(url, **extra)
    assert response.status_code == 200, f"{url}: {response.status_code}"
    return response


def check_page(client, url, allowed=frozenset()):
    response = get_ok(client, url)
    html = response.content.decode()
    assert_safe_html(html, url, allowed)
    return html


def _comparable(text: str) -> str:
    """Control characters may be dropped on the way (NUL becomes U+FFFD); whitespace may fold."""
    return " ".join(re.sub(r"[\x00-\x08\x0b\x0c\x0e-\x1f\x7f\ufffd\ufffe\uffff]", "", text).split())


def assert_shown(html, url, *values):
    """The payloads really reached the page (as text): a page showing nothing proves nothing."""
    text = _comparable(page_text(html))
    for value in values:
        assert _comparable(value) in text, f"{url}: {value[:80]!r} is not on the page"


def check_public_pages(client, built):
    urls = [reverse("news:home"), reverse("campaigns:list")]
    urls += [reverse("news:section", args=[s.slug]) for s in built["sections"]]
    urls += [reverse("news:tag", args=[t.slug]) for t in built["tags"]]
    urls += [a.get_absolute_url() for a in built["articles"]]
    urls += [c.get_absolute_url() for c in built["campaigns"]]
    first = built["articles"][0]
    for query in ("alert script onerror", first.title, first.sapo[:80]):
        urls.append(f"{reverse('news:search')}?{urlencode({'q': query})}")
    pages = {url: check_page(client, url) for url in urls}

    for obj in [*built["articles"], *built["campaigns"], *built["commemorations"], *built["slogans"]]:
        obj.refresh_from_db()  # as stored (NFC-normalised)
    home = pages[reverse("news:home")]
    assert_shown(
        home,
        "home",
        *(c.event for c in built["commemorations"]),
        *(s.text_on(timezone.localdate()) for s in built["slogans"]),
    )
    assert_shown(home, "home", *(s.alt for s in built["slides"]), *(s.name for s in built["sections"]))
    for article in built["articles"]:
        url = article.get_absolute_url()
        fields = ("title", "sapo", "byline_name", "byline_position", "source", "cover_caption", "cover_alt")
        assert_shown(pages[url], url, *(getattr(article, field) for field in fields))
    for campaign in built["campaigns"]:
        url = campaign.get_absolute_url()
        assert_shown(pages[url], url, campaign.title, campaign.organiser, campaign.summary)
        assert_shown(pages[url], url, *(phase.label for phase in campaign.phases.all()))
        assert_shown(pages[url], url, *(target.label for target in campaign.targets.all()))

    feeds = [reverse("news:feed"), reverse("campaigns:rss")]
    feeds += [reverse("news:section_feed", args=[s.slug]) for s in built["sections"]]
    for url in feeds:
        assert_safe_feed(get_ok(client, url).content, url)
    # The payloads are in the feed, as text (XML-escaped), with control characters dropped.
    root = assert_safe_feed(get_ok(client, reverse("news:feed")).content, "rss")
    titles = {_comparable(title.text or "") for title in root.iterfind("channel/item/title")}
    assert {_comparable(article.title) for article in built["articles"]} <= titles
    assert_safe_sitemap(get_ok(client, reverse("sitemap")).content, "sitemap.xml")


@pytest.mark.parametrize("round_no", range(corpus.ROUNDS))
def test_every_field_on_every_page(round_no, frozen, admin_baseline, client, editor_client, superuser_client):
    built = corpus.build_round(round_no, frozen, timezone.now())
    check_public_pages(client, built)
    for url, staff_client in admin_urls(editor_client, superuser_client):
        check_page(staff_client, url, admin_baseline)


def test_rounds_cover_every_payload_in_every_field():
    """The spreading really puts each payload (cut to the field's length) into each field."""
    for model, fields in {**corpus.FIELDS, **corpus.SINGLETON_FIELDS}.items():
        for field in fields:
            limit = model._meta.get_field(field).max_length or corpus.TEXT_CAP
            chunks = corpus.FULL.field_chunks(model, field)
            joined = "\n".join(chunks)
            assert all(payload[:limit] in joined for payload in PAYLOADS), (model, field)
            assert all(len(chunk) <= limit for chunk in chunks), (model, field)
            if model in corpus.FIELDS:
                assert corpus.FULL.per_round(model) * corpus.ROUNDS >= len(chunks), (model, field)
            else:
                assert corpus.FULL.singleton_rounds() >= len(chunks), (model, field)
    assert len(PAYLOADS) >= 120


def test_site_identity_and_ticker_heading(frozen, admin_baseline, client, superuser_client, editor_client):
    """The singletons take one chunk at a time: every chunk on the pages that show them."""
    article = Article.objects.create(
        title="Bài thử", section=Section.objects.create(name="Tin tức"), status=Article.Status.PUBLISHED
    )
    Commemoration.objects.create(event="Ngày thành lập", origin=datetime.date(2000, 5, 10))
    # base.html shows the identity the same way everywhere: home (and its og: tags), an
    # article (its JSON-LD publisher), the feed and the admin cover every use.
    home, article_url = reverse("news:home"), article.get_absolute_url()

    def new(model, *fields):
        """Whether this pass gives one of `fields` a chunk it has not had yet."""
        return any(number < len(corpus.FULL.field_chunks(model, field)) for field in fields)

    for number in range(corpus.FULL.singleton_rounds()):
        for model in corpus.SINGLETON_FIELDS:
            obj = model.objects.filter(pk=1).first() or model(pk=1)
            for field, value in corpus.FULL.singleton_values(model, number).items():
                setattr(obj, field, value)
            obj.save()
        clear_cache()
        identity = Federation.objects.get(pk=default_federation().pk)
        # Home shows every field (header, ticker, footer, og: tags), the admin form too.
        html = check_page(client, home)
        assert_shown(html, home, identity.short_name, identity.name_line1, identity.phone, identity.licence)
        check_page(
            superuser_client,
            reverse("admin:congdoan_federation_change", args=[default_federation().pk]),
            admin_baseline,
        )
        # The article's JSON-LD publisher and og:site_name, and the feed, use the names only.
        if new(Federation, "name_line1", "name_line2", "short_name"):
            assert_shown(check_page(client, article_url), article_url, identity.full_name)
            assert_safe_feed(get_ok(client, reverse("news:feed")).content, "rss")
        if new(TickerSettings, "heading"):
            check_page(editor_client, reverse("admin:banners_tickersettings_change", args=[1]), admin_baseline)


def test_search_query(client):
    """Each payload as the query, and matching stored texts: the query is echoed (title, field,
    highlighted results), never as markup."""
    section = Section.objects.create(name="Tin tức")
    for number, payload in enumerate(PAYLOADS):
        Article.objects.create(
            title=corpus.storable(f"Kết quả {number} {payload}")[:300],
            sapo=corpus.storable(payload)[:1000],
            section=section,
            status=Article.Status.PUBLISHED,
            publish_at=timezone.now() - datetime.timedelta(hours=1),
        )
    for payload in PAYLOADS:
        response = client.get(reverse("news:search"), {"q": payload})
        assert response.status_code in (200, 400), payload
        assert_safe_html(response.content.decode(), f"search q={payload[:60]!r}")
