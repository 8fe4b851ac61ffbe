from django import template
from django.templatetags.static import static
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from banners.anniversaries import format_day
from banners.display import shown_day, slides_html, ticker_html

register = template.Library()


@register.simple_tag(takes_context=True)
def header_slides(context):
    """Header slides for the day being shown (cached per day; see banners.display)."""
    day = shown_day(context.get("request")).day
    html = slides_html(day)
    if not html.strip():
        return ""
    # The script tag stays outside the cached fragment: static names change on deploy.
    return mark_safe(html) + format_html('<script src="{}" defer></script>', static("banners/slides.js"))


@register.simple_tag(takes_context=True)
def ticker(context):
    """The ticker line for the day being shown, with a note for staff previewing a date."""
    shown = shown_day(context.get("request"))
    notice = mark_safe("")
    if shown.error:
        notice = format_html('<p class="banners-preview-note banners-preview-error" role="status">{}</p>', shown.error)
    elif shown.is_preview:
        notice = format_html(
            '<p class="banners-preview-note" role="status">Đang xem trang như ngày {} '
            "(chỉ người quản trị thấy dòng này).</p>",
            format_day(shown.day),
        )
    # Both parts are already escaped HTML (format_html and a rendered template).
    return mark_safe(notice + ticker_html(shown.day))
