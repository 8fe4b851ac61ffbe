"""Merging one federation into another (the provinces merged on 1/7/2025: Bắc Kạn → Thái Nguyên).

One service for the command (`manage.py merge_federations`) and the Federation admin's action.
No app is named here. The rows that move are those of every model whose default manager is
federation-scoped (`federation_path(model) == "federation"`); rows owned through a parent (a
contest's rounds, a campaign's phases) move with it, untouched. What else a merge does, the
apps declare in their AppConfig:

- `merge_combined`: models whose row with the same key as a row of the target *is* that row
  (a section "tin-tuc" on both sites): everything pointing at the source's row is re-pointed at
  the target's (articles, the m2m links of a tag) and the source's row is deleted.
- `merge_archived`: {model name: {field: value}} set on the moved rows: slides and slogans
  arrive switched off, so the successor's header and ticker stay as its editors made them.

Any other collision on a per-federation unique key is renamed: a slug gets the source's code
(`dai-hoi` → `dai-hoi-backan`), a name the source's province ("Khối doanh nghiệp (Bắc Kạn)").
A key with no text to rename (one ticker-settings row per federation) is combined. Every public
address that changes (a renamed slug, and the pages under it: `/cuoc-thi/x/dang-ky/`) is
recorded as a `Redirect` of the target, so the old host answers it with a 301 to the new one;
every other old address keeps its path on the new host (congdoan.tenancy.FederationMiddleware).

Rows keep their primary keys and files: media stay where they are and their URLs keep working.
The whole merge is one transaction (a failure leaves nothing half-done), the federation rows
are locked first (two merges cannot interleave), and a content checksum over every moved row,
computed before and after inside that transaction, proves nothing was lost.
"""

from __future__ import annotations

import hashlib
import json
import re
from collections import defaultdict
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from datetime import date, datetime

from django.apps import apps
from django.conf import settings
from django.contrib.auth.models import Group
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import Count, F, Q
from django.dispatch import Signal
from django.urls import NoReverseMatch, Resolver404, get_resolver, resolve, reverse
from django.utils import timezone

from .models import Federation, FederationHost, Membership, Redirect
from .tenancy import Scope, everywhere, federation_path
from .text import vietnamese_slugify

# Sent inside the merge's transaction, its rows moved (with bulk updates, no save signals):
# apps put right what they derive from their rows (news: kept article counts). Kwargs:
# source, target (Federation).
federations_merged = Signal()

CODE_PATTERN = re.compile(r"[-a-z0-9_]{1,40}")
BATCH = 1000
# The confirmation page and the command list this many renamed rows, then "… và N mục khác".
LISTED = 50


def grouped(number: int) -> str:
    """4155 → "4.155" (Vietnamese grouping)."""
    return f"{number:,}".replace(",", ".")


class MergeRefused(Exception):
    """A merge that must not run, with the reason in Vietnamese for the person who asked."""


class AlreadyMerged(MergeRefused):
    """The source was merged into this very target before: there is nothing left to do."""


# --- What moves -----------------------------------------------------------------------------


@dataclass(frozen=True)
class UniqueKey:
    """A per-federation unique key of a model (`federation` plus `fields`, under `condition`)."""

    fields: tuple[str, ...]
    condition: Q | None
    rename_field: str | None  # the text a collision renames; None: collisions are combined


def owned_models() -> list[type[models.Model]]:
    """Models with their own `federation` column, in the apps' order."""
    return [model for model in apps.get_models() if federation_path(model) == "federation"]


def scoped_models() -> list[type[models.Model]]:
    """Every federation-scoped model: the owners and the rows owned through a parent."""
    return [model for model in apps.get_models() if federation_path(model) is not None]


def _declared(name: str) -> dict:
    found = {}
    for config in apps.get_app_configs():
        declared = getattr(config, name, ())
        items = declared.items() if isinstance(declared, dict) else ((model, None) for model in declared)
        for model_name, value in items:
            found[config.get_model(model_name)] = value
    return found


def combined_models() -> set:
    return set(_declared("merge_combined"))


def archived_values() -> dict:
    return {model: dict(values) for model, values in _declared("merge_archived").items()}


def _rename_field(model, names: tuple[str, ...]) -> str | None:
    texts = []
    for name in names:
        model_field = model._meta.get_field(name)
        if isinstance(model_field, models.CharField) and not model_field.choices:
            texts.append(model_field)
    slugs = [text for text in texts if isinstance(text, models.SlugField)]
    chosen = (slugs or texts or [None])[0]
    return None if chosen is None else chosen.name


def unique_keys(model) -> list[UniqueKey]:
    """The model's unique keys that contain `federation` (per-federation slugs, names, …)."""
    found = []
    together = [(tuple(names), None) for names in model._meta.unique_together]
    constraints = [
        (tuple(constraint.fields), constraint.condition)
        for constraint in model._meta.constraints
        if isinstance(constraint, models.UniqueConstraint) and constraint.fields
    ]
    for names, condition in [*together, *constraints]:
        if "federation" not in names:
            continue
        others = tuple(name for name in names if name != "federation")
        found.append(UniqueKey(others, condition, _rename_field(model, others)))
    return found


def _scope_filter(model, federation) -> dict:
    return Scope(federation_path(model)).lookup(federation)


def _rows(model, federation) -> models.QuerySet:
    return everywhere(model).filter(**_scope_filter(model, federation)).order_by()


def _label(model) -> str:
    return model._meta.label


def _name(model) -> str:
    return str(model._meta.verbose_name_plural)


# --- The plan: what a merge will do, computed without changing anything -------------------------


@dataclass(frozen=True)
class ModelCount:
    label: str
    name: str
    source: int
    target: int
    combined: int = 0

    @property
    def total(self) -> int:
        return self.source + self.target

    @property
    def target_after(self) -> int:
        return self.target + self.source - self.combined


@dataclass(frozen=True)
class Combination:
    label: str
    name: str
    source_pk: int
    target_pk: int
    key: str


@dataclass(frozen=True)
class Rename:
    label: str
    name: str
    pk: int
    field: str
    old: str
    new: str
    old_url: str = ""
    new_url: str = ""


@dataclass(frozen=True)
class RoleMove:
    username: str
    source_role: str
    target_role: str | None  # the role the account already had on the target
    kept_role: str


@dataclass
class MergePlan:
    source: Federation
    target: Federation
    counts: list[ModelCount]
    combinations: list[Combination]
    renames: list[Rename]
    redirects: dict[str, str]  # old path -> new path, to record on the target
    moved_redirects: list[tuple[str, str]]  # the source's own recorded redirects, re-aimed
    roles: list[RoleMove]
    hosts: list[str]
    archived: list[str]  # names of the models whose rows arrive switched off
    warnings: list[str] = field(default_factory=list)

    @property
    def rows_to_move(self) -> int:
        return sum(count.source - count.combined for count in self.counts if count.label in self._owned_labels)

    @property
    def _owned_labels(self) -> set[str]:
        return {_label(model) for model in owned_models()}

    @property
    def redirect_count(self) -> int:
        return len(self.redirects) + len(self.moved_redirects)


def find_federations(*, source_code: str, target_code: str) -> tuple[Federation, Federation]:
    """The two federations named by their codes, or MergeRefused saying which code is unknown."""
    found = []
    for code in (source_code, target_code):
        code = (code or "").strip()
        federation = Federation.objects.filter(code=code).first() if CODE_PATTERN.fullmatch(code) else None
        if federation is None:
            shown = "".join(c if c.isprintable() else "?" for c in code[:40]) + ("…" if len(code) > 40 else "")
            known = ", ".join(Federation.objects.order_by("code").values_list("code", flat=True))
            raise MergeRefused(f"Không có liên đoàn nào mã “{shown}”. Các mã hiện có: {known}.")
        found.append(federation)
    return found[0], found[1]


def _check(source: Federation, target: Federation) -> None:
    if source.pk == target.pk:
        raise MergeRefused(f"Không thể hợp nhất {source.short_name} vào chính nó: hãy chọn một liên đoàn khác.")
    if not source.is_active:
        successor = source.merged_into
        when = timezone.localtime(source.merged_at).strftime("%H:%M - %d/%m/%Y") if source.merged_at else ""
        if successor is not None and successor.pk == target.pk:
            raise AlreadyMerged(
                f"{source.short_name} đã được hợp nhất vào {target.short_name}"
                f"{' lúc ' + when if when else ''}; không còn gì để chuyển, không có gì thay đổi."
            )
        raise MergeRefused(
            f"{source.short_name} đã được hợp nhất vào {successor.short_name if successor else 'liên đoàn khác'}; "
            "một liên đoàn đã hợp nhất không thể hợp nhất lần nữa."
        )
    if not target.is_active:
        successor = target.merged_into
        raise MergeRefused(
            f"Không thể hợp nhất vào {target.short_name}: liên đoàn này đã được hợp nhất vào "
            f"{successor.short_name if successor else 'liên đoàn khác'}. Hãy chọn liên đoàn đang hoạt động."
        )
    if source.is_national:
        raise MergeRefused("Không thể hợp nhất Tổng Liên đoàn vào một liên đoàn khác.")
    if settings.DEFAULT_FEDERATION and source.code == settings.DEFAULT_FEDERATION:
        raise MergeRefused(
            f"{source.short_name} đang là liên đoàn mặc định (DEFAULT_FEDERATION={source.code}); "
            "hãy đổi cấu hình này sang liên đoàn khác trước khi hợp nhất."
        )
    if (
        FederationHost.objects.filter(federation=source).exists()
        and not FederationHost.objects.filter(federation=target, is_primary=True, redirects=False).exists()
    ):
        raise MergeRefused(
            f"{target.short_name} chưa có tên miền chính: tên miền cũ của {source.short_name} sẽ không "
            "có nơi để chuyển về. Hãy thêm tên miền chính cho liên đoàn đích trước."
        )


def _suffix_candidates(model_field, value: str, source: Federation) -> Iterator[str]:
    """New values for a colliding `value`: `dai-hoi-backan`, `dai-hoi-backan-2`, …"""
    is_slug = isinstance(model_field, models.SlugField)
    base_suffix = f"-{vietnamese_slugify(source.code)}" if is_slug else f" ({source.province or source.short_name})"
    for number in range(1, 10_000):
        suffix = base_suffix if number == 1 else f"{base_suffix}-{number}" if is_slug else f"{base_suffix} {number}"
        room = (model_field.max_length or 255) - len(suffix)
        stem = value[:room].rstrip("-" if is_slug else " ")
        yield f"{stem}{suffix}"
    raise MergeRefused(f"Không tìm được tên mới cho “{value}”.")


def _key_text(values: tuple) -> str:
    shown = [value.strftime("%d/%m/%Y") if isinstance(value, date) else str(value) for value in values]
    return ", ".join(shown) or "một bản ghi cho mỗi liên đoàn"


def _collisions(model, source: Federation, target: Federation, combine_all: bool):
    """(combinations, renames) of `model`'s source rows that collide with the target's."""
    combinations: list[Combination] = []
    renames: dict[tuple[int, str], Rename] = {}
    combined_pks: set[int] = set()
    for key in unique_keys(model):
        condition = key.condition or Q()
        names = key.fields
        target_rows = everywhere(model).filter(federation=target).filter(condition).order_by("pk")
        source_rows = everywhere(model).filter(federation=source).filter(condition).order_by("pk")
        target_keys = {tuple(row[1:]): row[0] for row in target_rows.values_list("pk", *names)}
        source_list = [(row[0], list(row[1:])) for row in source_rows.values_list("pk", *names)]
        for pk, values in source_list:  # earlier keys' renames apply to this key too
            for position, name in enumerate(names):
                if (pk, name) in renames:
                    values[position] = renames[(pk, name)].new
        taken = set(target_keys) | {tuple(values) for _, values in source_list}
        for pk, values in source_list:
            if pk in combined_pks or tuple(values) not in target_keys:
                continue
            if combine_all or key.rename_field is None:
                combined_pks.add(pk)
                combinations.append(
                    Combination(_label(model), _name(model), pk, target_keys[tuple(values)], _key_text(tuple(values)))
                )
                continue
            position = names.index(key.rename_field)
            model_field = model._meta.get_field(key.rename_field)
            old = renames[(pk, key.rename_field)].old if (pk, key.rename_field) in renames else values[position]
            for candidate in _suffix_candidates(model_field, values[position], source):
                trial = tuple(candidate if index == position else value for index, value in enumerate(values))
                if trial not in taken:
                    break
            taken.add(trial)
            values[position] = candidate
            renames[(pk, key.rename_field)] = Rename(_label(model), _name(model), pk, key.rename_field, old, candidate)
    return combinations, [rename for rename in renames.values() if rename.pk not in combined_pks]


def _url_names(namespaces: list[str]) -> list[str]:
    resolver = get_resolver()
    for namespace in namespaces:
        resolver = resolver.namespace_dict[namespace][1]
    return [name for name in resolver.reverse_dict if isinstance(name, str)]


def _addresses(old_url: str, new_url: str) -> dict[str, str]:
    """The object's own address and every page under it (`/cuoc-thi/x/` → `/cuoc-thi/x/dang-ky/`),
    old → new: the named URLs of the same namespace reversed with the same arguments."""
    found = {old_url: new_url}
    try:
        old_match, new_match = resolve(old_url), resolve(new_url)
    except Resolver404:
        return found
    prefix = ":".join(old_match.namespaces)
    for name in _url_names(old_match.namespaces):
        view = f"{prefix}:{name}" if prefix else name
        try:
            old_page = reverse(view, args=old_match.args, kwargs=old_match.kwargs)
            new_page = reverse(view, args=new_match.args, kwargs=new_match.kwargs)
        except NoReverseMatch:
            continue
        if old_page.startswith(old_url) and old_page != new_page:
            found[old_page] = new_page
    return found


def _with_urls(model, renames: list[Rename]) -> list[Rename]:
    if not hasattr(model, "get_absolute_url") or not renames:
        return renames
    rows = everywhere(model).in_bulk([rename.pk for rename in renames])
    placed = []
    for rename in renames:
        row = rows[rename.pk]
        old_url = row.get_absolute_url()
        setattr(row, rename.field, rename.new)
        new_url = row.get_absolute_url()
        setattr(row, rename.field, rename.old)
        placed.append(Rename(**{**rename.__dict__, "old_url": old_url, "new_url": new_url}))
    return placed


def _role_strength() -> dict[int, int]:
    """A role's strength is how many permissions it holds: an editor's include a writer's."""
    return dict(Group.objects.annotate(held=Count("permissions")).values_list("pk", "held"))


def _role_moves(source: Federation, target: Federation) -> list[RoleMove]:
    strength = _role_strength()
    there = {m.user_id: m for m in Membership.objects.filter(federation=target).select_related("role")}
    moves = []
    for membership in Membership.objects.filter(federation=source).select_related("user", "role").order_by("pk"):
        existing = there.get(membership.user_id)
        kept = membership.role
        if existing is not None and strength.get(existing.role_id, 0) >= strength.get(membership.role_id, 0):
            kept = existing.role
        moves.append(
            RoleMove(
                membership.user.get_username(),
                membership.role.name,
                existing.role.name if existing else None,
                kept.name,
            )
        )
    return moves


def plan_merge(*, source: Federation, target: Federation) -> MergePlan:
    """What merging `source` into `target` will do; changes nothing. MergeRefused if it must not run."""
    _check(source, target)
    combine = combined_models()
    counts, combinations, renames = [], [], []
    for model in scoped_models():
        combined = []
        if federation_path(model) == "federation":
            combined, renamed = _collisions(model, source, target, combine_all=model in combine)
            combinations += combined
            renames += _with_urls(model, renamed)
        counts.append(
            ModelCount(
                _label(model),
                _name(model),
                _rows(model, source).count(),
                _rows(model, target).count(),
                len(combined),
            )
        )
    redirects, warnings = {}, []
    for rename in renames:
        if rename.old_url and rename.old_url != rename.new_url:
            redirects.update(_addresses(rename.old_url, rename.new_url))
    existing = dict(Redirect.objects.filter(federation=target).values_list("old_path", "new_path"))
    moved = []
    for old_path, new_path in (
        Redirect.objects.filter(federation=source).order_by("pk").values_list("old_path", "new_path")
    ):
        if old_path not in redirects:
            moved.append((old_path, redirects.get(new_path, new_path)))
    for old_path, new_path in [*redirects.items(), *moved]:
        if old_path in existing and existing[old_path] != new_path:
            warnings.append(
                f"Địa chỉ cũ {old_path} đã được {target.short_name} chuyển tới {existing[old_path]}; "
                f"giữ nguyên, không ghi chuyển tới {new_path}."
            )
    redirects = {old: new for old, new in redirects.items() if old not in existing}
    moved = [(old, new) for old, new in moved if old not in existing]
    archived = [_name(model) for model in archived_values() if federation_path(model) == "federation"]
    hosts = list(FederationHost.objects.filter(federation=source).order_by("host").values_list("host", flat=True))
    return MergePlan(
        source, target, counts, combinations, renames, redirects, moved, _role_moves(source, target),
        hosts, archived, warnings,
    )  # fmt: skip


# --- The content checksum ---------------------------------------------------------------------


class Fingerprint:
    """sha256 over every moved row, sorted: (model, identity, its fields).

    What a merge changes on purpose is left out or undone: the `federation` column; the fields
    `merge_archived` sets; a renamed value is read back as its old value (only when it is exactly
    the planned new one); a reference to a row of a combined model (an article's section, its
    tags) is that row's key (`tin-tuc`), the same before and after. A row combined into the
    target's counts by its key: before, the source's row; after, the target's that took it in."""

    def __init__(self, plan: MergePlan, *, after: bool):
        self.combined = combined_models()
        self.archived = archived_values()
        self.renamed = {(rename.label, rename.pk, rename.field): rename for rename in plan.renames}
        self.key_only = defaultdict(set)
        for combination in plan.combinations:
            self.key_only[combination.label].add(combination.target_pk if after else combination.source_pk)
        self._keys: dict = {}

    def _key_names(self, model) -> tuple[str, ...]:
        keys = unique_keys(model)
        return keys[0].fields if keys else ()

    def _combined_key(self, model, pk) -> str:
        """The key of a row of a combined model, e.g. the slug of a section."""
        known = self._keys.setdefault(model, {})
        if pk not in known:
            names = self._key_names(model)
            row = everywhere(model).filter(pk=pk).values_list(*names).first() if names else ()
            known[pk] = _dumps(list(row or ()))
        return known[pk]

    def _reference(self, model_field, value):
        related = model_field.related_model
        # A model declared as combined, or one whose rows this plan combines by their key.
        if value is None or (related not in self.combined and not self.key_only.get(_label(related))):
            return value
        return self._combined_key(related, value)

    def rows(self, model, federation, pks=None) -> Iterator[tuple[int, str]]:
        """(pk, line) of `model`'s rows of `federation` (restricted to `pks` when given)."""
        label = _label(model)
        queryset = _rows(model, federation)
        wanted = list(queryset.values_list("pk", flat=True)) if pks is None else list(pks)
        key_only = [pk for pk in wanted if pk in self.key_only[label]]
        names = self._key_names(model)
        for chunk in _chunks(key_only):
            for row in queryset.filter(pk__in=chunk).values_list("pk", *names):
                yield row[0], _dumps([label, list(row[1:])])
        archived = set(self.archived.get(model, {}))
        concrete = [f for f in model._meta.concrete_fields if f.name not in archived and f.name != "federation"]
        many = list(model._meta.many_to_many)
        for chunk in _chunks([pk for pk in wanted if pk not in self.key_only[label]]):
            links = defaultdict(lambda: defaultdict(list))
            for m2m in many:
                through = m2m.remote_field.through
                own, other = m2m.m2m_field_name(), m2m.m2m_reverse_field_name()
                for owner, linked in through._base_manager.filter(**{f"{own}__in": chunk}).values_list(own, other):
                    links[m2m.name][owner].append(self._reference(m2m, linked))
            for row in queryset.filter(pk__in=chunk).values(*[f.attname for f in concrete]):
                pk = row[model._meta.pk.attname]
                values = []
                for model_field in concrete:
                    value = row[model_field.attname]
                    rename = self.renamed.get((label, pk, model_field.name))
                    if rename is not None and value == rename.new:
                        value = rename.old
                    if model_field.is_relation:
                        value = self._reference(model_field, value)
                    values.append([model_field.name, value])  # a file: its stored name
                for m2m in many:
                    values.append([m2m.name, sorted(map(str, links[m2m.name].get(pk, [])))])
                yield pk, _dumps([label, pk, values])


def _dumps(value) -> str:
    return json.dumps(value, cls=DjangoJSONEncoder, ensure_ascii=False)


def _chunks(items: list, size: int = BATCH) -> Iterator[list]:
    for start in range(0, len(items), size):
        yield items[start : start + size]


def _digest(lines: Iterable[str]) -> str:
    hashed = sorted(hashlib.sha256(line.encode()).digest() for line in lines)
    return hashlib.sha256(b"".join(hashed)).hexdigest()


def checksum_before(plan: MergePlan) -> tuple[str, dict]:
    """The checksum of the source's rows, and which rows they are (label → pks)."""
    fingerprint = Fingerprint(plan, after=False)
    chosen, lines = {}, []
    for model in scoped_models():
        pks = []
        for pk, line in fingerprint.rows(model, plan.source):
            pks.append(pk)
            lines.append(line)
        chosen[_label(model)] = pks
    return _digest(lines), chosen


def checksum_after(plan: MergePlan, chosen: dict) -> str:
    """The same rows, read where they are now: on the target (a combined row: the target's row
    with its key). A row missing from the target is missing from the checksum."""
    fingerprint = Fingerprint(plan, after=True)
    lines = []
    into = {(c.label, c.source_pk): c.target_pk for c in plan.combinations}
    for model in scoped_models():
        label = _label(model)
        pks = [into.get((label, pk), pk) for pk in chosen.get(label, [])]
        found = dict(fingerprint.rows(model, plan.target, pks))
        lines += [found[pk] for pk in pks if pk in found]
    return _digest(lines)


# --- Doing it ---------------------------------------------------------------------------------


@dataclass
class MergeReport:
    plan: MergePlan
    dry_run: bool
    checksum_before: str
    checksum_after: str
    counts_after: list[ModelCount]
    redirects_recorded: int
    history_rewritten: int
    merged_at: datetime | None

    @property
    def intact(self) -> bool:
        return self.checksum_before == self.checksum_after


def _references_to(model) -> list[tuple[type[models.Model], models.Field]]:
    """Every foreign key column in the project that points at `model` (m2m tables included)."""
    found = []
    for candidate in apps.get_models(include_auto_created=True):
        for model_field in candidate._meta.concrete_fields:
            if (model_field.many_to_one or model_field.one_to_one) and model_field.related_model is model:
                found.append((candidate, model_field))
    return found


def _repoint(model, old_pk, new_pk, skip=()) -> None:
    """Make every reference to row `old_pk` of `model` point at `new_pk` instead."""
    for referrer, model_field in _references_to(model):
        if (referrer, model_field.name) in skip:
            continue
        rows = referrer._base_manager.filter(**{model_field.attname: old_pk})
        if referrer._meta.auto_created:  # an m2m link table: drop links the new row already has
            other = next(f for f in referrer._meta.concrete_fields if f.is_relation and f is not model_field)
            already = referrer._base_manager.filter(**{model_field.attname: new_pk}).values(other.attname)
            rows.filter(**{f"{other.attname}__in": already}).delete()
        elif model_field.one_to_one and referrer._base_manager.filter(**{model_field.attname: new_pk}).exists():
            raise MergeRefused(
                f"Không gộp được: {referrer._meta.verbose_name} số {rows.first().pk} không thể chuyển sang "
                f"{model._meta.verbose_name} số {new_pk}, vì mục này đã có một {referrer._meta.verbose_name} khác."
            )
        rows.update(**{model_field.attname: new_pk})


def _rewrite_history(plan: MergePlan) -> int:
    """Recorded versions (django-reversion) of the moved rows name the target as their federation,
    so their history and recovery show on the target's admin."""
    import reversion
    from reversion.models import Version

    source, target = plan.source.pk, plan.target.pk
    skip = {(c.label, str(c.source_pk)) for c in plan.combinations}
    mark = f'"federation": {source}'
    marks = Q(serialized_data__contains=f"{mark},") | Q(serialized_data__contains=f"{mark}}}")
    rewritten = 0
    for model in owned_models():
        if not reversion.is_registered(model):
            continue
        changed = []
        for version in Version.objects.get_for_model(model).filter(marks).iterator(chunk_size=BATCH):
            if (_label(model), version.object_id) in skip or version.format != "json":
                continue
            data = json.loads(version.serialized_data)
            if data and data[0].get("fields", {}).get("federation") == source:
                data[0]["fields"]["federation"] = target
                version.serialized_data = json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False)
                changed.append(version)
        Version.objects.bulk_update(changed, ["serialized_data"], batch_size=BATCH)
        rewritten += len(changed)
    return rewritten


def _move_rows(plan: MergePlan, progress: Callable[[int], None]) -> None:
    archived = archived_values()
    for model in owned_models():
        pks = list(_rows(model, plan.source).values_list("pk", flat=True))
        for chunk in _chunks(pks):
            everywhere(model).filter(pk__in=chunk).update(federation=plan.target, **archived.get(model, {}))
            progress(len(chunk))


def _move_staff(plan: MergePlan) -> None:
    strength = _role_strength()
    for membership in Membership.objects.filter(federation=plan.source).order_by("pk"):
        existing = Membership.objects.filter(federation=plan.target, user_id=membership.user_id).first()
        if existing is None:
            Membership.objects.filter(pk=membership.pk).update(federation=plan.target)
            continue
        if strength.get(membership.role_id, 0) > strength.get(existing.role_id, 0):
            Membership.objects.filter(pk=existing.pk).update(role=membership.role_id)
        membership.delete()


def _final_addresses(plan: MergePlan) -> dict[str, str]:
    """The renamed objects' addresses read back after every rename is written: an address that
    holds a renamed parent's slug too (a page under a renamed page) is only known then."""
    found = dict(plan.redirects)
    kept = set(Redirect.objects.filter(federation=plan.target).values_list("old_path", flat=True))
    for rename in plan.renames:
        if not rename.old_url:
            continue
        row = everywhere(apps.get_model(rename.label)).filter(pk=rename.pk).first()
        new_url = row.get_absolute_url() if row is not None else rename.new_url
        if new_url == rename.old_url:
            continue
        for old_path, new_path in _addresses(rename.old_url, new_url).items():
            if old_path in found or old_path not in kept:  # the successor's own redirects stay
                found[old_path] = new_path
    return found


def _move_redirects(plan: MergePlan) -> int:
    Redirect.objects.filter(federation=plan.source).delete()
    rows = [
        Redirect(federation=plan.target, old_path=old[:500], new_path=new[:500])
        for old, new in [*_final_addresses(plan).items(), *plan.moved_redirects]
    ]
    Redirect.objects.bulk_create(rows, batch_size=BATCH)
    return len(rows)


def _move_federation(plan: MergePlan, now: datetime) -> None:
    source, target = plan.source, plan.target
    FederationHost.objects.filter(federation=source).update(federation=target, redirects=True, is_primary=False)
    Federation.objects.filter(merged_into=source).update(merged_into=target)
    Federation.objects.filter(parent=source).update(parent=target)
    handled = {(FederationHost, "federation"), (Membership, "federation"), (Redirect, "federation")}
    handled |= {(Federation, "merged_into"), (Federation, "parent")}
    handled |= {(model, "federation") for model in owned_models()}
    _repoint(Federation, source.pk, target.pk, skip=handled)
    Federation.objects.filter(pk=source.pk).update(
        state=Federation.State.MERGED, merged_into=target, merged_at=now, version=F("version") + 1
    )


def merge_federations(
    *, source: Federation, target: Federation, dry_run: bool = False, progress: Callable[[int], None] | None = None
) -> MergeReport:
    """Merge `source` into `target` (see the module's docstring), in one transaction.

    `dry_run` does all of it and rolls it back: the report tells exactly what would happen.
    `progress(n)` is called as rows move (the plan's `rows_to_move` in all).
    Raises MergeRefused (AlreadyMerged when it was done before: nothing changes)."""
    from .caching.generations import content_will_change

    progress = progress or (lambda moved: None)
    with transaction.atomic():
        # Locked, then read again: a second merge started meanwhile waits here, then sees "merged".
        locked = Federation.objects.select_for_update().in_bulk([source.pk, target.pk])
        source, target = locked.get(source.pk, source), locked.get(target.pk, target)
        plan = plan_merge(source=source, target=target)
        before, chosen = checksum_before(plan)
        if not dry_run:
            content_will_change(None)  # every cached page of the network: now, and after commit
        for combination in plan.combinations:
            _repoint(apps.get_model(combination.label), combination.source_pk, combination.target_pk)
        for combination in plan.combinations:
            apps.get_model(combination.label)._base_manager.filter(pk=combination.source_pk).delete()
        for rename in plan.renames:
            everywhere(apps.get_model(rename.label)).filter(pk=rename.pk).update(**{rename.field: rename.new})
        _move_rows(plan, progress)
        history = _rewrite_history(plan)
        _move_staff(plan)
        recorded = _move_redirects(plan)
        now = timezone.now()
        _move_federation(plan, now)
        after = checksum_after(plan, chosen)
        counts_after = [
            ModelCount(_label(model), _name(model), _rows(model, source).count(), _rows(model, target).count())
            for model in scoped_models()
        ]
        if after != before:
            raise MergeRefused(
                "Mã kiểm tra nội dung sau khi chuyển không khớp với trước khi chuyển; đã hủy toàn bộ, "
                "không có gì thay đổi."
            )
        federations_merged.send(Federation, source=source, target=target)
        if dry_run:
            transaction.set_rollback(True)
    return MergeReport(plan, dry_run, before, after, counts_after, recorded, history, None if dry_run else now)
