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


@register.simple_tag(takes_context=True)
def cached_include(context, name: str, template_name: str, apps: str = ""):
    """{% cached_include "footer" "includes/footer.html" apps="congdoan news.section" %}: an
    include rendered once per cache generation (see congdoan.caching: the federation's content
    and the day), for pieces of the layout that show the federation and its public content but
    nothing of the reader or the address; `apps`: the app or model labels of all it shows, to
    be kept per their versions alone (an article's edit leaves the footer cached). The footer
    took about 0.3 ms of CPU on every page not served whole from the cache (a contestant's
    every page among them), a cached copy about 0.02 ms."""
    from django.utils.safestring import mark_safe

    from congdoan.caching import cached_html

    template = context.template.engine.get_template(template_name)
    shows = tuple(apps.split()) or None
    return mark_safe(cached_html(name, [template_name], lambda: template.render(context), apps=shows))  # rendered HTML
