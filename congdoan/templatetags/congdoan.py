from django import template

from congdoan.timefmt import updated_line as _updated_line

register = template.Library()


@register.filter
def updated_line(value):
    """{{ article.updated_at|updated_line }} → Cập nhật lúc 20:59 - 23/11/2023 (GMT +07:00)"""
    return _updated_line(value)
