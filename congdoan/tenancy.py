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


def default_federation():
    """The federation `ALLOWED_HOSTS` and rows created outside a request belong to:
    `DEFAULT_FEDERATION` (its code), else the oldest active one; created if there is none."""
    from .models import Federation

    found = None
    if settings.DEFAULT_FEDERATION:
        found = Federation.objects.filter(code=settings.DEFAULT_FEDERATION).first()
    if found is None:
        found = Federation.objects.filter(state=Federation.State.ACTIVE).order_by("pk").first()
    if found is None:
        found, _ = Federation.objects.get_or_create(code=settings.DEFAULT_FEDERATION or "macdinh")
    return found


def current_federation_id() -> int:
    """Default of every `federation` column: the request's federation, else the default one."""
    federation = _current.get()
    return federation.pk if federation is not None else default_federation().pk


@dataclass(frozen=True)
class Scope:
    """How a model reaches its federation: its own column, or a parent's (`contest__federation`)."""

    path: str = "federation"

    def lookup(self, federation) -> dict:
        return {f"{self.path}_id" if "__" not in self.path else f"{self.path}__pk": federation.pk}


class FederationScopedManager(models.Manager):
    """The default manager of federation-owned rows: the current federation's only."""

    scope = Scope()

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


def this_federation():
    """The federation being served: the request's, else the default one (commands, feeds' tests)."""
    return _current.get() or default_federation()
