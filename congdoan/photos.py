"""One behaviour for every model that carries a photo (article cover, campaign cover, header slide).

- When a photo changes (a new upload, or another stored name set by code or by a revert),
  its displayed size (EXIF orientation applied) is measured into the model's width/height fields.
- After the row is saved, the photo's renditions are written (`congdoan.renditions`).
- The renditions of the photo it replaced, and of the photos of a deleted row, are removed once
  the transaction commits (a rolled-back save still shows the old photo), unless another row of
  the same model still uses that file (a revert or a copy).
Originals are kept: the history (django-reversion) may bring them back.
"""

from typing import ClassVar

from django.db import models, transaction
from django.db.models.signals import post_delete
from django.dispatch import receiver
from PIL import Image

from .renditions import delete_renditions, generate_renditions, oriented_size


def _stored_name(value) -> str:
    return getattr(value, "name", value) or ""


def measure(field_file) -> tuple[int, int] | None:
    """Displayed (width, height) of a stored or just-uploaded photo; None when unreadable."""
    if not field_file:
        return None
    try:
        if not getattr(field_file, "_committed", True):
            return oriented_size(field_file.file)
        with field_file.storage.open(field_file.name) as handle:
            return oriented_size(handle)
    except (OSError, ValueError, SyntaxError, Image.DecompressionBombError):
        return None


def forget_renditions_on_commit(model, field_name: str, name: str) -> None:
    """Remove `name`'s renditions after commit, unless a row of `model` still shows that file."""

    def forget():
        if not model._default_manager.filter(**{field_name: name}).exists():
            delete_renditions(name)

    if name:
        transaction.on_commit(forget, robust=True)


class PhotoModel(models.Model):
    """Mixin for models with photos. `photo_fields` maps each ImageField to its (width, height) fields."""

    photo_fields: ClassVar[dict[str, tuple[str, str]]] = {}

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        changed = self.changed_photos()
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            changed = {name: replaced for name, replaced in changed.items() if name in update_fields}
        for name in changed:
            self._measure_photo(name)
        if update_fields is not None:
            sizes = {size for name in changed if name in update_fields for size in self.photo_fields[name]}
            kwargs["update_fields"] = set(update_fields) | sizes
        super().save(*args, **kwargs)
        for name, replaced in changed.items():
            photo = getattr(self, name)
            if photo:
                generate_renditions(photo)
            if replaced and replaced != _stored_name(photo):
                forget_renditions_on_commit(type(self), name, replaced)
        self._remember_photos()

    @classmethod
    def from_db(cls, db, field_names, values):
        instance = super().from_db(db, field_names, values)
        instance._remember_photos()
        return instance

    def _remember_photos(self) -> None:
        # None when the column was not loaded (deferred): unknown until asked.
        self._stored_photos = {
            name: _stored_name(self.__dict__[name]) if name in self.__dict__ else None for name in self.photo_fields
        }

    def changed_photos(self) -> dict[str, str]:
        """{field: name of the photo it replaces ("" for none)} for every photo changed since loading."""
        stored_photos = getattr(self, "_stored_photos", {})
        changed = {}
        for name in self.photo_fields:
            if name not in self.__dict__:
                continue  # deferred and never set: not saved, so not changed
            photo = getattr(self, name)
            stored = stored_photos.get(name, "")
            if stored is None and self.pk is not None:
                stored = type(self)._base_manager.filter(pk=self.pk).values_list(name, flat=True).first() or ""
            if (photo and not photo._committed) or _stored_name(photo) != (stored or ""):
                changed[name] = stored or ""
        return changed

    def _measure_photo(self, name: str) -> None:
        width_field, height_field = self.photo_fields[name]
        size = measure(getattr(self, name))
        if size is None:
            # Slides store 0 for "unknown", covers NULL.
            empty = None if self._meta.get_field(width_field).null else 0
            size = (empty, empty)
        setattr(self, width_field, size[0])
        setattr(self, height_field, size[1])

    def regenerate_renditions(self) -> int:
        """Measure every photo again and rewrite its renditions (make_renditions); returns how many."""
        done = 0
        for name, (width_field, height_field) in self.photo_fields.items():
            photo = getattr(self, name)
            if not photo:
                continue
            self._measure_photo(name)
            type(self)._base_manager.filter(pk=self.pk).update(
                **{width_field: getattr(self, width_field), height_field: getattr(self, height_field)}
            )
            generate_renditions(photo)
            done += 1
        return done


@receiver(post_delete, dispatch_uid="congdoan-photo-renditions-deleted")
def forget_deleted_photos(sender, instance, **kwargs):
    if isinstance(instance, PhotoModel):
        for name in instance.photo_fields:
            forget_renditions_on_commit(sender, name, _stored_name(instance.__dict__.get(name)))
