from django import template

from congdoan.links import absolute_url as _absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def absolute_url(context, path):
    """{% absolute_url article.get_absolute_url as canonical %}: see congdoan.links."""
    return _absolute_url(context.get("request"), path)


@register.inclusion_tag("includes/share.html", takes_context=True)
def share_bar(context, path, title="", label="Chia sẻ"):
    """{% share_bar article.get_absolute_url article.title %}: Facebook, Zalo, e-mail and copy-link
    buttons for the page at `path`, whose absolute URL is built here and not passed between blocks."""
    return {"share_url": _absolute_url(context.get("request"), path), "share_title": title, "share_label": label}
