"""Holes the corpus found, pinned one by one."""

import datetime
from xml.etree import ElementTree

import pytest
from django.urls import reverse
from django.utils import timezone

from campaigns.models import Campaign, CampaignKind
from news.models import Article, Section

from .checks import assert_safe_html, html_findings

pytestmark = pytest.mark.django_db


def _article(**fields):
    return Article.objects.create(
        section=Section.objects.get_or_create(name="Tin tức")[0],
        status=Article.Status.PUBLISHED,
        publish_at=timezone.now() - datetime.timedelta(hours=1),
        **fields,
    )


@pytest.mark.parametrize("url", ["/rss/", "section"])
def test_feed_survives_control_characters_and_escapes_sapo_html(client, url):
    """Was: a control character (\\x01, \\x0b…; NUL too on SQLite) in a title/sapo made /rss/ a 500 (XML 1.0 cannot
    hold it), and the sapo went into <description> as HTML, so a feed reader would render
    `<img onerror>` typed by an editor."""
    article = _article(title="Tiêu đề\x08\x0b có ký tự lạ", sapo="Sapo\x01 <img src=x onerror=alert(1)> & hết")
    if url == "section":
        url = reverse("news:section_feed", args=[article.section.slug])
    response = client.get(url)
    assert response.status_code == 200
    item = ElementTree.fromstring(response.content).find("channel/item")
    assert item.findtext("title") == "Tiêu đề có ký tự lạ"
    description = item.findtext("description")
    assert description == "Sapo &lt;img src=x onerror=alert(1)&gt; &amp; hết"
    assert_safe_html(description, "description")


def test_campaign_feed_escapes_summary_html(client):
    Campaign.objects.create(
        title="Phong trào\x08 thử",
        kind=CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})[0],
        summary='<script>alert(1)</script>\x1f"',
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 2, 1),
        is_published=True,
    )
    response = client.get(reverse("campaigns:rss"))
    assert response.status_code == 200
    item = ElementTree.fromstring(response.content).find("channel/item")
    assert item.findtext("title") == "Phong trào thử"
    assert item.findtext("description").endswith("&lt;script&gt;alert(1)&lt;/script&gt;&quot;")
    assert_safe_html(item.findtext("description"), "description")


@pytest.mark.parametrize(
    ("html", "kind"),
    [
        ("<script>alert(1)</script>", "script"),
        ('<script src="//evil.example/x.js"></script>', "script"),
        ('<script type="application/ld+json">{"a": "</script><script>alert(1)</script>"}</script>', "script"),
        ('<script type="application/ld+json">{oops</script>', "script"),
        ("<img src=x onerror=alert(1)>", "handler"),
        ("<svg><a xlink:href='java\tscript:alert(1)'>x</a></svg>", "url"),
        ('<a href="&#106;avascript:alert(1)">x</a>', "url"),
        ('<a href="\x01 JavaScript:alert(1)">x</a>', "url"),
        ('<img srcset="/a.jpg 1x, data:image/svg+xml,x 2x">', "url"),
        ('<form action="vbscript:x">', "url"),
        ("<iframe srcdoc=x></iframe>", "element"),
        ('<meta http-equiv="refresh" content="0">', "element"),
        ('<base href="https://evil.example/">', "element"),
        ("<style>*{}</style>", "element"),
        ('<p style="x:expression(1)">', "style"),
    ],
)
def test_checker_catches_what_it_must(html, kind):
    """The checker itself: a test that cannot fail proves nothing."""
    findings = html_findings(f"<p>trước</p>{html}<p>sau</p>")
    assert findings and findings[0].startswith(kind), findings


def test_checker_accepts_the_sites_own_scripts():
    html = (
        '<script src="/static/news/article.js" defer></script>'
        '<script type="application/ld+json">{"headline": "\\u003c/script\\u003e"}</script>'
        "<p>&lt;script&gt;alert(1)&lt;/script&gt; onerror=alert(1) javascript:alert(1)</p>"
        '<a href="/bai-viet/x/" title="&quot; onmouseover=&quot;x">x</a>'
    )
    assert html_findings(html) == []


def test_campaign_pages_name_the_site_in_their_title(client):
    """Was: the campaign templates read `site.short_name` (the context variable is
    `site_identity`), so their <title> ended in “– ” with no name."""
    from congdoan.tenancy import default_federation

    federation = default_federation()
    federation.short_name = "LĐLĐ <b>thử</b>"
    federation.save()
    campaign = Campaign.objects.create(
        title="Phong trào thử",
        kind=CampaignKind.objects.get_or_create(slug="cuoc-thi", defaults={"name": "Cuộc thi"})[0],
        start_date=datetime.date(2025, 1, 1),
        end_date=datetime.date(2025, 2, 1),
        is_published=True,
    )
    for url in (reverse("campaigns:list"), campaign.get_absolute_url()):
        html = client.get(url).content.decode()
        title = html.split("<title>")[1].split("</title>")[0]
        assert title.endswith("– LĐLĐ &lt;b&gt;thử&lt;/b&gt;"), title
