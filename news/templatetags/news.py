import json

from django import template
from django.utils.safestring import mark_safe

from congdoan.renditions import rendition_url

from ..search import highlight as _highlight

register = template.Library()


@register.filter
def highlight(text, terms):
    """{{ article.title|highlight:terms }}: escaped text with the search terms in <mark>."""
    return _highlight(text, terms or [])


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    request = context.get("request")
    return request.build_absolute_uri(path) if request else path


@register.simple_tag(takes_context=True)
def cover_share_url(context, article, width=1200):
    """Absolute URL of the JPEG rendition used for og:image / JSON-LD."""
    if not article.cover:
        return ""
    request = context.get("request")
    url = rendition_url(article.cover.name, width, "jpg")
    return request.build_absolute_uri(url) if request else url


@register.simple_tag(takes_context=True)
def article_jsonld(context, article):
    """A JSON-LD NewsArticle block (a data block, not script: CSP does not run it)."""
    request = context["request"]
    site = context.get("site")
    data = {
        "@context": "https://schema.org",
        "@type": "NewsArticle",
        "headline": article.title[:110],
        "description": article.sapo,
        "mainEntityOfPage": request.build_absolute_uri(article.get_absolute_url()),
        "datePublished": article.publish_at.isoformat() if article.publish_at else None,
        "dateModified": article.updated_at.isoformat() if article.updated_at else None,
        "articleSection": article.section.name,
        "inLanguage": "vi",
    }
    if article.byline_name:
        data["author"] = {"@type": "Person", "name": article.byline_name}
    if site is not None:
        data["publisher"] = {"@type": "Organization", "name": site.full_name}
    if article.cover:
        data["image"] = [cover_share_url(context, article)]
    payload = json.dumps({k: v for k, v in data.items() if v}, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
