import hashlib

from django import template
from django.conf import settings
from django.core.cache import cache

from congdoan.cache import cache_generation
from congdoan.timefmt import updated_line as _updated_line

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, condition):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.condition = condition

    def render(self, context):
        from congdoan.middleware import seconds_until_local_midnight

        seconds = settings.FRAGMENT_CACHE_SECONDS
        if seconds <= 0 or (self.condition is not None and not self.condition.resolve(context)):
            return self.nodelist.render(context)
        request = context.get("request")
        generation = cache_generation(request)
        if generation is None:  # cache unreachable
            return self.nodelist.render(context)
        # Absolute links (canonical, share) differ by scheme and host.
        origin = f"{request.scheme}://{request.get_host()}" if request is not None else ""
        parts = [self.name, generation, origin, *(str(value.resolve(context)) for value in self.vary_on)]
        key = "fragment:" + hashlib.sha1("|".join(parts).encode(), usedforsecurity=False).hexdigest()
        html = cache.get(key)
        if html is None:
            html = self.nodelist.render(context)
            cache.set(key, html, min(seconds, seconds_until_local_midnight()))
        return html


@register.tag
def fragment(parser, token):
    """Cache a piece of a public page until the content changes (or the day turns over).

        {% fragment "article-main" article.pk if=cacheable %} … {% endfragment %}

    The key holds the name, the values after it, the content version (bumped by every save
    in the content apps) and the local day, so an edit shows at once. The page's data should
    be lazy (querysets, SimpleLazyObject): on a hit its queries are never run. Nothing in a
    fragment may depend on who is reading. `if=` turns caching off for one render (previews).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    condition = None
    vary_on = []
    for bit in bits[2:]:
        if bit.startswith("if="):
            condition = parser.compile_filter(bit[3:])
        else:
            vary_on.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1].strip("\"'"), vary_on, condition)


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
