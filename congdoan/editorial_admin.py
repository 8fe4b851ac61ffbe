"""Writers draft, editors publish: the admin rules every editorial model shares (articles, documents).

Enforced on the server, not by hiding buttons: a user without the model's publish permission
(a writer) sees and reads the history of their own items only, changes only their own drafts,
may choose only the writer's statuses, never deletes, recovers or imports; editors publish and
unpublish in bulk. The bulk actions lock the chosen rows in id order (two editors' actions
never deadlock) by their ids, so a change list annotated with counts (GROUP BY, which
PostgreSQL cannot lock) still works.

The admin's search is the model's own folded, full-text search (`search_queryset`), not
Django's `icontains` over `search_fields`; `search_fields` only makes the admin show the box.
"""

from collections.abc import Callable

import reversion
from django.contrib import admin, messages
from django.contrib.admin.utils import unquote
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import Q


class EditorialAdminMixin:
    publish_permission = ""  # "news.publish_article"
    writer_statuses: tuple = ()  # statuses a writer may choose (draft, review)
    draft_status = "draft"
    published_status = "published"
    writer_status_help = ""
    # Per admin: {action name: (description, revision comment, message with {count})}
    bulk_texts: dict[str, tuple[str, str, str]] = {}
    search_fields = ["pk"]  # shows the search box; `search_queryset` is the search

    # --- Hooks ---------------------------------------------------------------------

    def publish_one(self, request, obj) -> None:
        raise NotImplementedError

    def unpublish_one(self, request, obj) -> None:
        raise NotImplementedError

    def search_queryset(self, queryset, search_term: str):
        """`queryset` narrowed to `search_term`, or None when the term searches for nothing."""
        raise NotImplementedError

    # --- Who sees and changes what -------------------------------------------------

    def is_editor(self, request) -> bool:
        return request.user.has_perm(self.publish_permission)

    def get_queryset(self, request):
        queryset = super().get_queryset(request)
        if not self.is_editor(request):
            queryset = queryset.filter(self.writer_sees(request))
        return queryset

    def writer_sees(self, request) -> Q:
        """The rows a writer (not an editor) sees here: their own."""
        return Q(created_by=request.user)

    def _owns_draft(self, request, obj) -> bool:
        return obj.created_by_id == request.user.pk and obj.status == self.draft_status

    def has_view_permission(self, request, obj=None):
        allowed = super().has_view_permission(request, obj)
        if allowed and obj is not None and not self.is_editor(request):
            return obj.created_by_id == request.user.pk
        return allowed

    def has_change_permission(self, request, obj=None):
        allowed = super().has_change_permission(request, obj)
        if allowed and obj is not None and not self.is_editor(request):
            return self._owns_draft(request, obj)
        return allowed

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and self.is_editor(request)

    def has_publish_permission(self, request):
        return self.is_editor(request)

    def has_import_permission(self, request) -> bool:
        """Imported items are published: editors of this federation (and superusers) only."""
        return self.is_editor(request) and self.has_add_permission(request)

    def get_form(self, request, obj=None, change=False, **kwargs):
        form = super().get_form(request, obj, change=change, **kwargs)
        if not self.is_editor(request) and "status" in form.base_fields:
            status = form.base_fields["status"]
            status.choices = [choice for choice in status.choices if choice[0] in self.writer_statuses]
            status.help_text = self.writer_status_help
        return form

    # --- History (django-reversion checks only model-level permissions) -------------

    def _visible_object(self, request, object_id):
        # get_object: the admin's queryset, and None for an id that is no id (not a 500).
        return self.get_object(request, unquote(object_id))

    def history_view(self, request, object_id, extra_context=None):
        # Writers must not read the history of other people's items.
        obj = self._visible_object(request, object_id)
        if obj is None or not self.has_view_or_change_permission(request, obj):
            raise PermissionDenied
        return super().history_view(request, object_id, extra_context)

    def revision_view(self, request, object_id, version_id, extra_context=None):
        # Without this check a POST would revert an item the user may not change
        # (the revert happens before the change form's own permission check).
        obj = self._visible_object(request, object_id)
        if obj is None or not self.has_change_permission(request, obj):
            raise PermissionDenied
        return super().revision_view(request, object_id, version_id, extra_context)

    def recoverlist_view(self, request, extra_context=None):
        if not self.is_editor(request):
            raise PermissionDenied
        return super().recoverlist_view(request, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        if not self.is_editor(request):
            raise PermissionDenied
        return super().recover_view(request, version_id, extra_context)

    # --- Search ----------------------------------------------------------------------

    def get_search_results(self, request, queryset, search_term):
        found = self.search_queryset(queryset, search_term)
        return (queryset if found is None else found), False

    # --- Bulk publishing -------------------------------------------------------------

    def get_action(self, action):
        found = super().get_action(action)
        if found is not None and found[1] in self.bulk_texts:
            function, name, _description = found
            return function, name, self.bulk_texts[name][0]
        return found

    def _bulk(self, request, queryset, name: str, change: Callable[[object], bool]) -> None:
        _description, comment, message = self.bulk_texts[name]
        count = 0
        with transaction.atomic(), reversion.create_revision():
            reversion.set_user(request.user)
            reversion.set_comment(comment)
            chosen = list(queryset.values_list("pk", flat=True))
            rows = self.model._default_manager.filter(pk__in=chosen).order_by("pk").select_for_update(of=("self",))
            for obj in rows:
                if change(obj):
                    count += 1
        self.message_user(request, message.format(count=count), messages.SUCCESS)

    @admin.action(permissions=["publish"])
    def publish_selected(self, request, queryset):
        def one(obj):
            if obj.status == self.published_status:
                return False
            self.publish_one(request, obj)
            return True

        self._bulk(request, queryset, "publish_selected", one)

    @admin.action(permissions=["publish"])
    def unpublish_selected(self, request, queryset):
        def one(obj):
            if obj.status != self.published_status:
                return False
            self.unpublish_one(request, obj)
            return True

        self._bulk(request, queryset, "unpublish_selected", one)
