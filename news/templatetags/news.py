import json

from django import template
from django.utils.safestring import mark_safe

from congdoan.links import absolute_url
from congdoan.renditions import rendition_url
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
