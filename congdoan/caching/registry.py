"""What the apps declare to the core, read from their AppConfig.

An app's config may set:
- `public_models`: names of its models whose rows appear on public pages; saving or deleting
  one starts a new cache generation (contestants' answers, written on every click, are not).
- `next_public_change()`: the next moment its public content changes by itself (a scheduled
  article going live), or None; the generation turns over then, with no save and no cron.
- `demo_module` (and `demo_order`): a module with `load(*, stdout)` for `manage.py load_demo`.
- `editorial`: its models are edited by the editors' group; `editor_only`: writers get none
  of its permissions; `writer_permissions`: the codenames writers get.
"""

from functools import cache

from django.apps import apps
from django.db.models.signals import m2m_changed, post_delete, post_save, pre_delete, pre_save

from . import generations


@cache
def public_model_labels() -> frozenset[str]:
    labels = set()
    for config in apps.get_app_configs():
        for name in getattr(config, "public_models", ()):
            labels.add(config.get_model(name)._meta.label_lower)
    return frozenset(labels)


def _owner(sender):
    model = sender if isinstance(sender, type) else type(sender)
    return getattr(model._meta, "auto_created", None) or model  # an m2m table belongs to its model


def _is_public(sender) -> bool:
    return _owner(sender)._meta.label_lower in public_model_labels()


def _federation_id(instance):
    from congdoan.tenancy import federation_of

    return None if instance is None else federation_of(instance)


def before_write(sender, instance=None, action=None, **kwargs):
    if action is not None and not action.startswith("pre_"):
        return
    if _is_public(sender):
        generations.content_will_change(_federation_id(instance), _owner(sender)._meta.label_lower)


def after_write(sender, instance=None, action=None, **kwargs):
    if action is not None and not action.startswith("post_"):
        return
    if _is_public(sender):
        generations.content_changed(_federation_id(instance), _owner(sender)._meta.label_lower)


def connect_signals() -> None:
    pre_save.connect(before_write, dispatch_uid="caching-before-save")
    pre_delete.connect(before_write, dispatch_uid="caching-before-delete")
    post_save.connect(after_write, dispatch_uid="caching-after-save")
    post_delete.connect(after_write, dispatch_uid="caching-after-delete")
    m2m_changed.connect(before_write, dispatch_uid="caching-before-m2m")
    m2m_changed.connect(after_write, dispatch_uid="caching-after-m2m")
    for config in apps.get_app_configs():
        provider = getattr(config, "next_public_change", None)
        if provider is not None:
            generations.register_next_change(provider, config.label)


def demo_loaders() -> list:
    """(order, app label, module path) of every app that ships demo content, in load order."""
    found = [
        (getattr(config, "demo_order", 100), config.label, config.demo_module)
        for config in apps.get_app_configs()
        if getattr(config, "demo_module", None)
    ]
    return sorted(found)


def editorial_apps() -> list:
    return [config for config in apps.get_app_configs() if getattr(config, "editorial", False)]
