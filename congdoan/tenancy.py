"""Row-level tenancy: every content row belongs to one federation, chosen by the request's host.

- `FederationMiddleware` finds the federation of the `Host` header (a table kept in the shared
  cache, renewed whenever a federation or a host changes). An unknown host is answered 400
  before anything else runs: it never sees another federation's content nor fills a cache.
  A merged federation's old host answers 301s to its successor (`congdoan.redirects`).
- While a request runs, `current_federation()` is its federation, and the default manager of
  every `FederationOwned` model (and of the models owned through a parent, `scoped_manager`)
  returns that federation's rows only. Admin change lists, forms' foreign-key choices,
  autocomplete, bulk actions and history all go through the default manager, so a federation's
  staff cannot reach another federation's rows by crafting an id.
- Outside a request (management commands, migrations, the shell) managers return every row and
  new rows belong to the default federation; `activate(federation)` scopes a block of code and
  `unscoped()` lifts the filter for the national layer's own cross-federation queries.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass

from django.conf import settings
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import models

_current: ContextVar = ContextVar("congdoan_federation", default=None)
_unscoped: ContextVar[bool] = ContextVar("congdoan_federation_unscoped", default=False)


def current_federation():
    """The federation this request (or `activate` block) is about; None outside both."""
    return _current.get()


@contextmanager
def activate(federation) -> Iterator[None]:
    token = _current.set(federation)
    try:
        yield
    finally:
        _current.reset(token)


@contextmanager
def unscoped() -> Iterator[None]:
    """Managers return every federation's rows inside this block (the national layer, merges)."""
    token = _unscoped.set(True)
    try:
        yield
    finally:
        _unscoped.reset(token)


# --- The directory: which host is which federation ----------------------------------------


@dataclass(frozen=True)
class Directory:
    """Every federation and host, read once per network version (a few dozen rows)."""

    federations: dict  # id -> Federation
    by_host: dict  # host -> federation id
    primary_hosts: dict  # federation id -> its primary host
    national_id: int | None
    default_id: int | None
    redirecting: frozenset = frozenset()  # old hosts answering 301s to their primary host

    def federation_for_host(self, host: str):
        found = self.by_host.get(host)
        if found is None and self.default_id is not None and _serves_default(host):
            found = self.default_id
        return None if found is None else self.federations[found]

    @property
    def default(self):
        return None if self.default_id is None else self.federations[self.default_id]


DIRECTORY_KEY = "federations:directory"
_directory_memo: dict = {}


def _serves_default(host: str) -> bool:
    from django.http.request import validate_host

    return validate_host(host, [pattern for pattern in settings.ALLOWED_HOSTS if pattern != "*"])


def _load_directory() -> Directory:
    from .models import Federation, FederationHost

    federations = {federation.pk: federation for federation in Federation.objects.order_by("pk")}
    if not federations:  # an emptied database (a flushed test database): the site has one
        first, _ = Federation.objects.get_or_create(code=settings.DEFAULT_FEDERATION or "macdinh")
        federations = {first.pk: first}
    by_host, primary_hosts, redirecting = {}, {}, set()
    for row in FederationHost.objects.order_by("-is_primary", "pk"):
        by_host[row.host] = row.federation_id
        if row.redirects:
            redirecting.add(row.host)
        else:
            primary_hosts.setdefault(row.federation_id, row.host)
    active = [f for f in federations.values() if f.is_active]
    chosen = [f for f in federations.values() if settings.DEFAULT_FEDERATION and f.code == settings.DEFAULT_FEDERATION]
    default = (chosen or active or [None])[0]
    national = next((f.pk for f in federations.values() if f.is_national), None)
    return Directory(
        federations, by_host, primary_hosts, national, default.pk if default else None, frozenset(redirecting)
    )


def directory() -> Directory:
    """The directory of the current network version: from this process's memory, the shared
    cache, or the database (two queries), in that order."""
    from .caching.generations import network_version

    version = network_version()
    memo = _directory_memo.get("current")
    if version is not None and memo is not None and memo[0] == version:
        return memo[1]
    from django.core.cache import cache

    stored = cache.get(DIRECTORY_KEY) if version is not None else None
    if stored is not None and stored[0] == version:
        found = stored[1]
    else:
        found = _load_directory()
        if version is not None:
            cache.set(DIRECTORY_KEY, (version, found), None)
    _directory_memo["current"] = (version, found)
    return found


def national_federation_id() -> int | None:
    return directory().national_id


def default_federation():
    """The federation `ALLOWED_HOSTS` and rows created outside a request belong to:
    `DEFAULT_FEDERATION` (its code), else the oldest active one; created if there is none."""

    return directory().default


def current_federation_id() -> int | None:
    """Default of every `federation` column: the request's federation. Outside a request it
    is left empty and `FederationOwned.save` fills in the default federation (a model built
    in memory, or a migration step, must not need the database)."""
    federation = _current.get()
    return None if federation is None else federation.pk


def default_federation_id() -> int:
    """The default federation's id, reading ids only (migrations run this while later
    columns of the federation table do not exist yet)."""
    from .models import Federation

    ids = Federation.objects.order_by("pk").values_list("pk", flat=True)
    found = ids.filter(code=settings.DEFAULT_FEDERATION).first() if settings.DEFAULT_FEDERATION else None
    if found is None:
        found = ids.filter(state=Federation.State.ACTIVE).first()
    return found if found is not None else default_federation().pk


@dataclass(frozen=True)
class Scope:
    """How a model reaches its federation: its own column, or a parent's (`contest__federation`)."""

    path: str = "federation"

    def lookup(self, federation) -> dict:
        return {f"{self.path}_id" if "__" not in self.path else f"{self.path}__pk": federation.pk}


class FederationScopedManager(models.Manager):
    """The default manager of federation-owned rows: the current federation's only."""

    scope = Scope()

    def bulk_create(self, objs, *args, **kwargs):
        """`save()` is skipped: rows made outside a request get the default federation here."""
        objs = list(objs)
        if self.scope.path == "federation" and any(obj.federation_id is None for obj in objs):
            default_id = default_federation_id()
            for obj in objs:
                if obj.federation_id is None:
                    obj.federation_id = default_id
        return self.get_queryset().bulk_create(objs, *args, **kwargs)

    def get_queryset(self):
        queryset = super().get_queryset()
        federation = _current.get()
        if federation is None or _unscoped.get():
            return queryset
        return queryset.filter(**self.scope.lookup(federation))


def scoped_manager(queryset_class=models.QuerySet, path: str = "federation") -> models.Manager:
    """A default manager with `queryset_class`'s methods that keeps to the current federation;
    `path` is how the model reaches its federation."""
    manager_class = FederationScopedManager.from_queryset(queryset_class)
    manager_class.scope = Scope(path)
    return manager_class()


def federation_path(model) -> str | None:
    """How `model` reaches its federation, or None for network-wide models (users, kinds)."""
    manager = model._default_manager
    scope = getattr(manager, "scope", None)
    return scope.path if isinstance(scope, Scope) else None


def federation_of(instance):
    """The federation id a row belongs to (walking up to its owner), or None if network-wide."""
    path = federation_path(type(instance))
    if path is None:
        return None
    target = instance
    *parents, last = path.split("__")
    for name in parents:
        target = getattr(target, name, None)
        if target is None:
            return None
    return getattr(target, f"{last}_id", None)


class FederationOwned(models.Model):
    """A content row of one federation. Subclasses declare `objects = scoped_manager(TheirQuerySet)`
    and lead their indexes with `federation`."""

    federation = models.ForeignKey(
        "congdoan.Federation",
        verbose_name="liên đoàn",
        on_delete=models.PROTECT,
        default=current_federation_id,
        editable=False,
        related_name="+",
    )

    objects = scoped_manager()

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if self.federation_id is None:
            self.federation_id = default_federation_id()
        super().save(*args, **kwargs)

    # Forms leave `federation` out (it is set from the request), and Django skips a constraint
    # naming a field the form left out: a duplicate slug would reach the database as a 500.
    def validate_constraints(self, exclude=None):
        try:
            super().validate_constraints(exclude=None if exclude is None else set(exclude) - {"federation"})
        except ValidationError as error:
            raise ValidationError(_errors_on_their_field(error.error_dict)) from None

    def unique_error_message(self, model_class, unique_check):
        """ "Unique within the federation" reads as the field's own message ("… đã có đường dẫn này")."""
        others = tuple(name for name in unique_check if name != "federation")
        if len(others) == 1 and len(unique_check) == 2:
            return super().unique_error_message(model_class, others)
        return super().unique_error_message(model_class, unique_check)


def _errors_on_their_field(errors: dict) -> dict:
    moved = {name: list(found) for name, found in errors.items() if name != NON_FIELD_ERRORS}
    for error in errors.get(NON_FIELD_ERRORS, []):
        check = (error.params or {}).get("unique_check") if error.code == "unique" else None
        target = check[0] if check and len(check) == 1 else NON_FIELD_ERRORS
        moved.setdefault(target, []).append(error)
    return moved


def unique_slug_constraint(prefix: str, field: str = "slug") -> models.UniqueConstraint:
    """`field` is unique within a federation (two federations may both have `/chuyen-muc/tin-tuc/`)."""
    return models.UniqueConstraint(fields=["federation", field], name=f"{prefix}_unique_{field}")


def this_federation():
    """The federation being served: the request's, else the default one (commands, feeds' tests)."""
    return _current.get() or default_federation()


def everywhere(model) -> models.QuerySet:
    """Every federation's rows of `model`, with its queryset's methods (the national layer)."""
    with unscoped():
        return model._default_manager.all()


def owned_by_first_federation(app_label: str, *model_names: str):
    """A migration step giving existing rows of `model_names` to the database's first federation
    (created by congdoan's 0003 from the single site's identity). Historical models only."""

    def assign(apps, schema_editor):
        federation = apps.get_model("congdoan", "Federation").objects.order_by("pk").first()
        if federation is None:
            return
        for name in model_names:
            apps.get_model(app_label, name).objects.filter(federation__isnull=True).update(federation=federation)

    return assign


# --- The request's federation ---------------------------------------------------------------


# Answered on any host: the load balancer's health check asks by address, not by name.
FEDERATION_FREE_PATHS = frozenset({"/healthz"})


class FederationMiddleware:
    """Find the request's federation from its host; answer unknown hosts 400 and old hosts 301.

    Runs before everything that could read content or the cache. `request.federation` is the
    federation and `current_federation()` returns it until the response is made. A path that
    is not a page (404) but has a recorded redirect on this federation answers 301.
    """

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        if request.path_info in FEDERATION_FREE_PATHS:
            return self.get_response(request)
        from django.core.exceptions import DisallowedHost
        from django.http.request import split_domain_port

        try:
            host = split_domain_port(request.get_host())[0]
        except DisallowedHost:
            host = ""
        known = directory()
        federation = known.federation_for_host(host) if host else None
        if federation is None:
            return _unknown_host(request)
        if host in known.redirecting:
            return _moved(request, federation, known)
        request.federation = federation
        with activate(federation):
            response = self.get_response(request)
            if response.status_code == 404:
                target = _recorded_redirect(federation, request.get_full_path())
                if target is not None:
                    return _permanent(target)
            return response


def _unknown_host(request):
    from django.http import HttpResponseBadRequest
    from django.template.loader import render_to_string

    response = HttpResponseBadRequest(render_to_string("tenancy/unknown_host.html"))
    response["Cache-Control"] = "no-store"
    return response


def _permanent(location: str):
    from django.http import HttpResponsePermanentRedirect

    response = HttpResponsePermanentRedirect(location)
    response["Cache-Control"] = "public, max-age=86400"
    return response


def _recorded_redirect(federation, full_path: str) -> str | None:
    from .models import Redirect

    path = full_path[:500]
    found = Redirect.objects.filter(federation=federation, old_path__in={path, path.split("?")[0]}).first()
    return None if found is None else found.new_path


def _moved(request, federation, known: Directory):
    """An old host (a merged federation's domain): the same page, or its recorded new address,
    on the successor's primary host."""
    path = request.get_full_path()
    target = _recorded_redirect(federation, path) or path
    if target.startswith(("http://", "https://")):
        return _permanent(target)
    primary = known.primary_hosts.get(federation.pk)
    if primary is None:
        return _unknown_host(request)
    from django.http.request import split_domain_port

    port = split_domain_port(request.get_host())[1]
    port = f":{port}" if port and port not in ("80", "443") else ""
    return _permanent(f"{request.scheme}://{primary}{port}{target}")


# --- Staff: a role per federation ----------------------------------------------------------

from django.contrib.auth.backends import ModelBackend  # noqa: E402


class FederationRoleBackend(ModelBackend):
    """Django's permissions, except that a staff member's groups are their role in the
    federation being administered (`Membership`), not global groups: an editor of one
    federation has no permission at all on another's admin. Network-wide rows (campaign
    kinds) are edited from the national union's admin only."""

    def get_user(self, user_id):
        """ModelBackend.get_user (the user by id, if still allowed to log in) in one plain SQL
        statement (congdoan.rows): every request of a logged-in user loads it, and the ORM
        composed that query for about 0.3 ms of CPU, `QuerySet.raw()` 0.2 ms, this 0.08 ms
        (congdoan/sessions.py says the same of the session before it)."""
        from django.contrib.auth import get_user_model

        from .rows import db, fetch_instance

        model = get_user_model()
        user = fetch_instance(model, f"t.{db().ops.quote_name(model._meta.pk.column)} = %s", [user_id])
        return user if user is not None and self.user_can_authenticate(user) else None

    def _get_group_permissions(self, user_obj):
        from django.contrib.auth.models import Permission

        federation = current_federation()
        if federation is None:
            return Permission.objects.none()
        return Permission.objects.filter(
            group__memberships__user=user_obj, group__memberships__federation_id=federation.pk
        )

    def get_group_permissions(self, user_obj, obj=None):
        found = super().get_group_permissions(user_obj, obj)
        federation = current_federation()
        if federation is None or federation.is_national:
            return found
        return {permission for permission in found if not _changes_network_rows(permission)}


def _changes_network_rows(permission: str) -> bool:
    from django.apps import apps

    app_label, codename = permission.split(".", 1)
    action, _, model_name = codename.partition("_")
    if action == "view":
        return False
    try:
        model = apps.get_model(app_label, model_name)
    except LookupError:
        return False
    return federation_path(model) is None
