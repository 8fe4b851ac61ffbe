"""Publishing with a switch and a time: one rule for albums and videos (and what comes next).

An item is visible to readers when an editor ticked "đăng công khai" and its publish time has
come: a time in the future schedules it, and publishing with no time means now (on save and in
`clean()`, so the form shows the time it will keep). No cron: visibility is a query, and the
page cache turns over at the next scheduled time (`next_publication_time`, which the app's
`AppConfig.next_public_change` returns). Articles follow the same idea with a three-step
status and their own rules (news.models, news.services), not this switch.
"""

from django.contrib import admin
from django.contrib.sitemaps import Sitemap
from django.db import models
from django.db.models import Min, Q
from django.utils import timezone
from django.utils.html import format_html


class PublishableQuerySet(models.QuerySet):
    def published(self, now=None):
        """The single definition of "visible to the public": published and due."""
        return self.filter(is_published=True, published_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        return self.filter(is_published=True, published_at__gt=now or timezone.now())

    def next_publication_time(self):
        """When the next scheduled item appears (for the page cache), or None."""
        return self.scheduled().aggregate(next=Min("published_at"))["next"]

    def newest_first(self):
        return self.order_by("-published_at", "-pk")

    def for_cards(self):
        """What a list's card needs (a model's queryset adds its prefetches or defers)."""
        return self


class Publishable(models.Model):
    """The switch and the time, their constraint and the (federation, published, time) index
    the lists read. A model's own Meta extends this one (`class Meta(Publishable.Meta)`)."""

    published_at = models.DateTimeField(
        "thời điểm đăng",
        null=True,
        blank=True,
        help_text="Ngày giờ ra mắt bạn đọc. Để trống khi đăng để đăng ngay; thời điểm trong tương lai: hẹn giờ.",
    )
    is_published = models.BooleanField(
        "đăng công khai",
        default=False,
        help_text="Chỉ biên tập viên đăng. Bỏ chọn để ẩn khỏi trang web.",
    )

    class Meta:
        abstract = True
        ordering = ["-published_at", "-pk"]
        indexes = [
            models.Index(
                fields=["federation", "is_published", "-published_at", "-id"], name="%(app_label)s_%(class)s_pub"
            ),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(is_published=False) | Q(published_at__isnull=False),
                name="%(app_label)s_%(class)s_published_has_time",
                violation_error_message="Đã đăng thì phải có thời điểm đăng.",
            ),
        ]

    def save(self, *args, **kwargs):
        self._publish_now_if_undated()
        super().save(*args, **kwargs)

    def clean(self):
        super().clean()
        self._publish_now_if_undated()

    def _publish_now_if_undated(self) -> None:
        if self.is_published and self.published_at is None:
            self.published_at = timezone.now()

    @property
    def is_visible(self) -> bool:
        return self.is_published and self.published_at is not None and self.published_at <= timezone.now()


class PublishableAdminMixin:
    """The change list's "Đang hiện" icon and the link to the page (a preview while hidden).
    `visible_attribute`: the model's "shown to readers now" property (articles: `is_published`)."""

    visible_attribute = "is_visible"

    @admin.display(description="Đang hiện", boolean=True)
    def is_visible_icon(self, obj):
        return getattr(obj, self.visible_attribute)

    @admin.display(description="Trên trang")
    def site_link(self, obj):
        label = "Xem trên trang" if getattr(obj, self.visible_attribute) else "Xem trước"
        return format_html('<a href="{}" target="_blank" rel="noopener">{}</a>', obj.get_absolute_url(), label)


class PublishedSitemap(Sitemap):
    """The visible items of `model`, newest first; listed in /sitemap.xml by congdoan.urls.SITEMAPS."""

    model: type[Publishable]
    changefreq = "monthly"
    priority = 0.5

    def items(self):
        return self.model.objects.published().only("slug", "updated_at").newest_first()

    def lastmod(self, item):
        return item.updated_at


# --- Public pages ------------------------------------------------------------------------


def published_list(request, model, *, name: str, per_page: int, grid_template: str):
    """A list page of `model`'s visible items, newest first: (the page, its grid rendered).

    The count is kept per content version and the grid per page and version (`cached_render`),
    so a warm page runs no query; a cold one a count and the page, with what a card needs
    (the queryset's `for_cards()`)."""
    from congdoan.caching import cached, cached_render
    from congdoan.pagination import paginate

    published = model.objects.published()
    count = cached(f"{name}-count", "", published.count)
    page = paginate(request, published.for_cards().newest_first(), per_page=per_page, count=count)

    def evaluated():
        page.object_list = list(page.object_list)
        return {"page": page}

    return page, cached_render(request, f"{name}-list", [page.number], grid_template, evaluated)


def can_preview(user, model) -> bool:
    """Staff who may see `model` in the admin also see its hidden items' pages (never cached)."""
    opts = model._meta
    return (
        user.is_authenticated
        and user.is_active
        and user.is_staff
        and user.has_perm(f"{opts.app_label}.view_{opts.model_name}")
    )
