"""Work on albums that spans several rows: adding a batch of photos."""

from collections.abc import Sequence

from django.core.exceptions import ValidationError
from django.db import transaction
from django.db.models import Max

from .models import MAX_PHOTOS_PER_ALBUM, Album, AlbumPhoto
from .uploads import check_photos

ORDER_STEP = 10  # gaps, so an editor can slot a photo in between (15 between 10 and 20)


def add_photos(*, album: Album, files: Sequence, credit: str = "", caption: str = "") -> list[AlbumPhoto]:
    """Append `files` to `album` in file-name order, after its last photo; all or none.

    Every file is checked before any is stored (a corrupt file among twenty saves nothing);
    renditions are made as each photo is saved, inside the same transaction.
    """
    files = check_photos(list(files))
    if not files:
        return []
    with transaction.atomic():
        # Locks the album: two batches added at once get distinct order numbers.
        Album._base_manager.select_for_update().filter(pk=album.pk).first()
        existing = AlbumPhoto._base_manager.filter(album=album)
        stats = existing.aggregate(last=Max("order"))
        count = existing.count()
        if count + len(files) > MAX_PHOTOS_PER_ALBUM:
            raise ValidationError(
                "Một album có tối đa %(max)s ảnh; album này đã có %(count)s ảnh. Hãy tạo album mới cho phần còn lại.",
                code="album_full",
                params={"max": MAX_PHOTOS_PER_ALBUM, "count": count},
            )
        order = stats["last"] or 0
        photos = []
        for upload in files:
            order += ORDER_STEP
            photo = AlbumPhoto(album=album, caption=caption, credit=credit, order=order)
            photo.image.save(upload.name, upload, save=False)
            photo.save()
            photos.append(photo)
    return photos
