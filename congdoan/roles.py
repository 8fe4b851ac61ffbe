"""The staff roles and their permissions, from what the apps declare.

Two roles are the core's: writers (Phóng viên) write articles and submit them; editors (Biên
tập viên) get every permission of the editorial apps. An app's `AppConfig` says
`editorial = True` when editors work in it, `editor_only = True` when writers may not touch
it, and `writer_permissions` (codenames) for what writers may do there.

An app may also declare roles of its own, `roles = (Role(...),)`: the legal Q&A's advisers
(Tư vấn viên) are one. A role is a group of that name holding the permissions it declares.

`sync_role_permissions` runs after every `migrate` (post_migrate), so models added later reach
their roles too. It creates missing groups and adds permissions, never removes one an
administrator granted by hand (the groups are editable in the admin), except that writers
lose any permission of an editor-only app they were handed by mistake. A group is matched by
its name: renaming a role would orphan its members' memberships, so a new name needs a data
migration that renames the group.
"""

from dataclasses import dataclass

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured

WRITER_GROUP = "Phóng viên"
EDITOR_GROUP = "Biên tập viên"


@dataclass(frozen=True)
class Role:
    """A role an app declares in its `AppConfig.roles`.

    `name`: the group's name, shown to administrators (in Vietnamese). `all_app_permissions`:
    every permission of the declaring app, including those of models added later.
    `permissions`: further codenames, `"codename"` of the declaring app or
    `"app_label.codename"` of another (a role that picks documents of the register needs
    `documents.view_document` for the admin's autocomplete).
    """

    name: str
    all_app_permissions: bool = False
    permissions: tuple[str, ...] = ()


@dataclass(frozen=True)
class DeclaredRole:
    role: Role
    app_label: str

    @property
    def name(self) -> str:
        return self.role.name

    def permission_keys(self) -> set[tuple[str, str]]:
        keys = set()
        for permission in self.role.permissions:
            app_label, _, codename = permission.rpartition(".")
            keys.add((app_label or self.app_label, codename))
        return keys


def editor_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs() if getattr(config, "editorial", False)]


def editor_only_app_labels() -> list[str]:
    return [config.label for config in apps.get_app_configs() if getattr(config, "editor_only", False)]


def writer_permission_keys() -> set[tuple[str, str]]:
    return {
        (config.label, codename)
        for config in apps.get_app_configs()
        for codename in getattr(config, "writer_permissions", ())
    }


def declared_roles() -> list[DeclaredRole]:
    """The roles the apps declare, in the order of INSTALLED_APPS. Two roles of one name
    (or one named as a core role) would share a group: refused."""
    found = [
        DeclaredRole(role, config.label) for config in apps.get_app_configs() for role in getattr(config, "roles", ())
    ]
    names = [WRITER_GROUP, EDITOR_GROUP, *(declared.name for declared in found)]
    doubled = sorted({name for name in names if names.count(name) > 1})
    if doubled:
        raise ImproperlyConfigured(f"Roles declared twice: {', '.join(doubled)}")
    return found


def role_names() -> list[str]:
    """Every role a staff member may hold in a federation (congdoan.models.Membership)."""
    return [WRITER_GROUP, EDITOR_GROUP, *(declared.name for declared in declared_roles())]


def _permissions_with_keys(permission_model, keys: set[tuple[str, str]]) -> list:
    return [
        permission
        for permission in permission_model.objects.filter(
            content_type__app_label__in={label for label, _ in keys}
        ).select_related("content_type")
        if (permission.content_type.app_label, permission.codename) in keys
    ]


def sync_role_permissions(group_model, permission_model) -> None:
    """Create every role's group if missing and grant its permissions (idempotent, additive).
    A permission of an app not migrated yet is granted by the `migrate` that creates it."""
    writers, _ = group_model.objects.get_or_create(name=WRITER_GROUP)
    editors, _ = group_model.objects.get_or_create(name=EDITOR_GROUP)
    editors.permissions.add(*permission_model.objects.filter(content_type__app_label__in=editor_app_labels()))
    writers.permissions.add(*_permissions_with_keys(permission_model, writer_permission_keys()))
    writers.permissions.remove(*permission_model.objects.filter(content_type__app_label__in=editor_only_app_labels()))
    for declared in declared_roles():
        group, _ = group_model.objects.get_or_create(name=declared.name)
        if declared.role.all_app_permissions:
            group.permissions.add(*permission_model.objects.filter(content_type__app_label=declared.app_label))
        group.permissions.add(*_permissions_with_keys(permission_model, declared.permission_keys()))


def declares_roles(app_config) -> bool:
    return any(getattr(app_config, attribute, False) for attribute in ("editorial", "writer_permissions", "roles"))


def on_post_migrate(sender, app_config=None, apps=None, using="default", **kwargs):
    # Every app that has a say runs the whole sync once its own permissions exist: on a fresh
    # database a role's permission in a later app arrives with that app's post_migrate.
    if not declares_roles(sender):
        return
    from django.contrib.auth.models import Group, Permission

    if not Permission.objects.using(using).exists():
        return
    sync_role_permissions(Group.objects.db_manager(using).model, Permission)
