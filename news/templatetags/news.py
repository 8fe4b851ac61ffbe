import hashlib
import json
from functools import cache

from django import template
from django.conf import settings
from django.template.loader import get_template
from django.utils.safestring import mark_safe

from congdoan.caching import cached_item
from congdoan.links import absolute_url
from congdoan.renditions import rendition_url
from congdoan.timefmt import card_times
from congdoan.timefmt import revised_line as _revised_line

from ..search import highlight as _highlight

register = template.Library()


@register.filter
def highlight(text, terms):
    """{{ article.title|highlight:terms }}: escaped text with the search terms in <mark>."""
    return _highlight(text, terms or [])


@register.filter
def revised_line(value):
    """{{ article.revision_shown|revised_line }} → Sửa đổi, bổ sung lúc 10:15 - 08/03/2022 (GMT +07:00)"""
    return _revised_line(value)


@register.simple_tag(takes_context=True)
def cover_share_url(context, article, width=1200):
    """Absolute URL of the JPEG rendition used for og:image / JSON-LD."""
    if not article.cover:
        return ""
    return absolute_url(context.get("request"), rendition_url(article.cover.name, width, "jpg"))


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """A JSON-LD NewsArticle block (a data block, not script: CSP does not run it)."""
    request = context["request"]
    federation = context.get("federation")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.sapo,
        "mainEntityOfPage": absolute_url(request, article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.modified_at.isoformat() if article.modified_at else None,
        "articleSection": article.section.name,
        "inLanguage": "vi",
    }
    if article.byline_name:
        data["author"] = {"@type": "Person", "name": article.byline_name}
    if federation is not None:
        data["publisher"] = {"@type": "Organization", "name": federation.full_name}
    if article.cover:
        data["image"] = [cover_share_url(context, article)]
    payload = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.simple_tag(takes_context=True)
def article_link(context, article):
    """{% article_link article as link %}: `link.url` is the article's page on this site, or the
    original on its federation's host (then `link.origin` is that federation)."""
    from ..national import article_link as link_for

    return link_for(context.get("request"), article)


CARD_TEMPLATE = "includes/news_card.html"
CARD_OPTIONS = ("card_class", "card_heading", "show_section", "show_sapo", "no_image", "sizes", "loading",
                "fetchpriority")  # fmt: skip


def _card_template_and_version():
    """The card's template and a digest of what its HTML depends on besides its article (its
    templates' text, the media address, the time zone): a deploy that changes them makes new cards."""
    card = get_template(CARD_TEMPLATE).template
    picture = get_template("includes/picture.html").template
    sources = [card.source, picture.source, settings.MEDIA_URL, settings.TIME_ZONE]
    return card, hashlib.sha1("\0".join(sources).encode(), usedforsecurity=False).hexdigest()[:12]


_card_template_kept = cache(_card_template_and_version)


@register.simple_tag(takes_context=True)
def news_card(context, article, terms=None, **options):
    """{% news_card article card_class="news-card-row" show_sapo=True sizes="…" %}: an article's
    card in a list (options: CARD_OPTIONS; `terms` highlights a search's words).

    Kept in the cache by everything it shows (congdoan.caching.cached_item): after an edit a
    list page renders only the cards that changed."""
    unknown = set(options) - set(CARD_OPTIONS)
    if unknown:
        raise template.TemplateSyntaxError(f"news_card: unknown options {sorted(unknown)}")
    from ..national import article_link as link_for

    request = context.get("request")
    federation = context.get("federation")
    link = link_for(request, article)
    card, version = _card_template_and_version() if settings.DEBUG else _card_template_kept()

    def render() -> str:
        time_iso, time_shown = card_times(article.publish_at)
        values = {"article": article, "link": link, "federation": federation, "terms": terms, "time_iso": time_iso,
                  "time_shown": time_shown, **options}  # fmt: skip
        return card.render(template.Context(values, autoescape=context.autoescape))

    if terms:
        return render()
    parts = [version, article.pk, article.title, link.url, article.publish_at.isoformat() if article.publish_at else "",
             article.sapo if options.get("show_sapo") else "",
             *(f"{name}={options[name]}" for name in CARD_OPTIONS if name in options)]  # fmt: skip
    if not options.get("no_image"):
        parts += [article.cover.name, article.cover_width, article.cover_height, article.cover_alt]
    if link.origin is not None:
        parts += [link.origin.short_name, federation is not None and federation.is_national]
    if options.get("show_section"):
        parts += [article.section.name, article.section.slug]
    return mark_safe(cached_item("news-card", parts, render))


HEADER_TEMPLATE = "includes/header.html"
HEADER_SHOWS = ("congdoan", "news.section")  # the federation (name, domain) and the menu


@register.simple_tag(takes_context=True)
def site_header(context):
    """{% site_header %}: the site's header (brand, date, menu, search box), kept per the
    versions of what it shows (the federation, the sections) like `{% cached_include %}` keeps
    the footer. Rendered, it took about a third of
    the template time of a page not served whole from the cache (a contestant's attempt page).

    Two things in it depend on the request: the menu item of the page being read is marked
    `aria-current`, and a search page's words fill the search box. So one copy is kept for
    every page that is not in the menu, with the menu's addresses beside it; a page at one of
    them (home, a section, the campaigns) gets a copy of its own, and a search page renders
    the header afresh."""
    from django.urls import reverse

    from congdoan.caching import cached_html

    from ..context_processors import menu_sections

    template = context.template.engine.get_template(HEADER_TEMPLATE)
    if context.get("search_query"):
        return template.render(context)

    def render(current_path: str) -> str:
        with context.push(header_current_path=current_path):
            return template.render(context)

    def shared() -> dict[str, str]:
        menu = [reverse("news:home"), reverse("campaigns:list"), *(s.get_absolute_url() for s in menu_sections())]
        return {"html": render(""), "menu": "\n".join(menu)}

    copy = cached_html("header", [HEADER_TEMPLATE], shared, apps=HEADER_SHOWS)
    request = context.get("request")
    path = getattr(request, "path", "")
    if path and path in copy["menu"].split("\n"):
        return mark_safe(cached_html("header", [HEADER_TEMPLATE, path], lambda: render(path), apps=HEADER_SHOWS))
    return mark_safe(copy["html"])  # rendered HTML
