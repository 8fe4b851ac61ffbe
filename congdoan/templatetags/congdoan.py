from django import template

from congdoan.caching import cached_html
from congdoan.timefmt import updated_line as _updated_line

register = template.Library()


class FragmentNode(template.Node):
    def __init__(self, nodelist, name, vary_on, condition, seconds):
        self.nodelist = nodelist
        self.name = name
        self.vary_on = vary_on
        self.condition = condition
        self.seconds = seconds

    def render(self, context):
        if self.condition is not None and not self.condition.resolve(context):
            return self.nodelist.render(context)
        request = context.get("request")
        # Absolute links (canonical, share) differ by scheme and host.
        origin = f"{request.scheme}://{request.get_host()}" if request is not None else ""
        parts = [origin, *(value.resolve(context) for value in self.vary_on)]
        seconds = None if self.seconds is None else int(self.seconds.resolve(context))
        return cached_html(self.name, parts, lambda: self.nodelist.render(context), seconds=seconds)


@register.tag
def fragment(parser, token):
    """Cache a piece of a public page for the current generation (congdoan.caching).

        {% fragment "article" article.pk if=cacheable %} … {% endfragment %}
        {% fragment "contest-box" contest.pk seconds=30 %} … {% endfragment %}

    The key holds the name, the values after it, the origin and the generation, so an edit
    shows at once. Nothing in a fragment may depend on who is reading. `if=` turns caching off
    for one render (previews); `seconds=` marks live figures, kept at most that long (and the
    page around them too).
    """
    bits = token.split_contents()
    if len(bits) < 2:
        raise template.TemplateSyntaxError("{% fragment %} needs a name")
    condition = seconds = None
    vary_on = []
    for bit in bits[2:]:
        if bit.startswith("if="):
            condition = parser.compile_filter(bit[3:])
        elif bit.startswith("seconds="):
            seconds = parser.compile_filter(bit[8:])
        else:
            vary_on.append(parser.compile_filter(bit))
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    return FragmentNode(nodelist, bits[1].strip("\"'"), vary_on, condition, seconds)


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
