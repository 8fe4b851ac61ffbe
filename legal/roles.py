"""The advisers' role, Tư vấn viên, kept by this app until the core declares roles generically.

Advisers of the federation's legal advice office answer members' questions: they get every
permission of this app (questions, their public versions, topics, advisers) and nothing else.
Editors get the same through `editorial = True` (congdoan.roles). Like the core's roles this
runs after every `migrate` (post_migrate), is idempotent and additive: a permission added by a
later migration reaches the advisers at the next `migrate`.
"""

ADVISER_GROUP = "Tư vấn viên"
APP_LABEL = "legal"


def sync_adviser_permissions(group_model, permission_model) -> None:
    advisers, _ = group_model.objects.get_or_create(name=ADVISER_GROUP)
    advisers.permissions.add(*permission_model.objects.filter(content_type__app_label=APP_LABEL))


def on_post_migrate(sender, using="default", **kwargs):
    from django.contrib.auth.models import Group, Permission

    if not Permission.objects.using(using).filter(content_type__app_label=APP_LABEL).exists():
        return
    sync_adviser_permissions(Group.objects.db_manager(using).model, Permission)
