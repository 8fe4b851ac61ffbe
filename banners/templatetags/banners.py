from django import template

register = template.Library()


@register.simple_tag(takes_context=True)
def header_slides(context):
    """Header slides for the day being shown (filled in by the banners app)."""
    return ""


@register.simple_tag(takes_context=True)
def ticker(context):
    """The ticker line for the day being shown (filled in by the banners app)."""
    return ""
