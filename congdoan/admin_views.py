"""Admin views that replace Django's own where they would show too much."""

from django.contrib import admin
from django.contrib.admin.utils import unquote
from django.contrib.contenttypes.models import ContentType
from django.contrib.contenttypes.views import shortcut
from django.http import Http404


def view_on_site(request, content_type_id, object_id):
    """Django's "view on site" redirect (/admin/r/<ct>/<pk>/), for objects the user may see.

    Django's own redirects any staff member to any object's page, so a writer could read
    the slugs, and so the titles, of other people's drafts and scheduled articles. Here the
    object must be in the queryset its ModelAdmin gives this user (for articles: a writer's
    own only) and the user must have view or change permission on it; otherwise 404, the
    same answer as for an object that does not exist.
    """
    content_type = ContentType.objects.filter(pk=content_type_id).first()
    model = content_type.model_class() if content_type else None
    model_admin = admin.site._registry.get(model)
    if model_admin is None:
        raise Http404
    try:
        obj = model_admin.get_object(request, unquote(object_id))
    except OverflowError:  # an id beyond the database's integers
        obj = None
    if obj is None or not model_admin.has_view_or_change_permission(request, obj):
        raise Http404
    return shortcut(request, content_type_id, object_id)
