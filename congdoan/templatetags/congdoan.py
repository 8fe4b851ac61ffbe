from django import template

from congdoan.timefmt import updated_line as _updated_line

register = template.Library()


@register.filter
def updated_line(value):
    """{{ article.updated_at|updated_line }} → Cập nhật lúc 20:59 - 23/11/2023 (GMT +07:00)"""
    return _updated_line(value)


@register.inclusion_tag("includes/picture.html")
def picture(image, width, height, alt, sizes="100vw", loading="lazy", css_class="", fetchpriority=""):
    """<picture> with WebP and JPEG srcsets of a photo's renditions.

    {% picture article.cover article.cover_width article.cover_height article.cover_alt sizes="..." loading="eager" %}
    """
    from congdoan.renditions import picture as build

    return {
        "picture": build(image, width, height),
        "alt": alt,
        "sizes": sizes,
        "loading": loading,
        "css_class": css_class,
        "fetchpriority": fetchpriority,
    }
