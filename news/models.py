from datetime import datetime, timedelta
from functools import reduce
from operator import and_

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import connections, models
from django.db.models import Case, F, Q, Subquery, Value, When
from django.db.models.expressions import RawSQL
from django.urls import reverse
from django.utils import timezone

from congdoan.fields import RichTextField, VietnameseSlugField
from congdoan.images import dated_upload_to, validate_image_upload
from congdoan.photos import PhotoModel
from congdoan.sanitize import strip_tags_text
from congdoan.tenancy import FederationOwned, scoped_manager, unique_slug_constraint
from congdoan.versioning import VersionedModel

from .search import FullTextMatch, query_phrases, search_document

MOST_READ_DAYS = 30
SEARCH_LIMIT = 500
# What an article's folded search text is made of (with its tag names): see Article.search_columns.
SEARCHED_FIELDS = (
    "pk", "title", "sapo", "body", "byline_name", "byline_position", "cover_caption", "cover_credit", "source",
)  # fmt: skip


class KeptCount(models.Model):
    """A kept `published_count` (news.counts): a save of the row itself (an editor renaming a
    tag, holding the count read before) writes every field but that one, which only the
    counts' own UPDATEs change."""

    class Meta:
        abstract = True

    def save(self, *args, **kwargs):
        if not self._state.adding and kwargs.get("update_fields") is None and not kwargs.get("force_insert"):
            kwargs["update_fields"] = [
                field.name
                for field in self._meta.concrete_fields
                if not field.primary_key and field.name != "published_count"
            ]
        super().save(*args, **kwargs)


class Section(KeptCount, FederationOwned):
    """A section (chuyên mục); top-level sections flagged for the menu build the header menu."""

    name = models.CharField("tên chuyên mục", max_length=120, help_text="Ví dụ: Tin tức – Sự kiện.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=140,
        populate_from="name",
        fallback="chuyen-muc",
        blank=True,
        help_text="Phần cuối của địa chỉ trang, không dấu. Để trống để tạo tự động từ tên.",
    )
    parent = models.ForeignKey(
        "self",
        verbose_name="chuyên mục cha",
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="children",
        help_text="Chỉ chọn khi đây là chuyên mục con. Chỉ có một cấp chuyên mục con.",
    )
    order = models.PositiveSmallIntegerField(
        "thứ tự", default=0, help_text="Số nhỏ đứng trước trong trình đơn và trên trang chủ."
    )
    show_in_menu = models.BooleanField(
        "hiện trên trình đơn", default=True, help_text="Hiện chuyên mục này trên thanh trình đơn đầu trang."
    )
    description = models.TextField(
        "mô tả", blank=True, help_text="Một hai câu giới thiệu, dùng làm mô tả trang chuyên mục."
    )
    # Kept, not recomputed: see news.counts (COUNT over a section of 145,000 articles: 120 ms).
    published_count = models.PositiveIntegerField(
        "số bài đã duyệt đăng", default=0, editable=False, help_text="Kể cả bài hẹn giờ chưa đến giờ đăng."
    )

    class Meta:
        verbose_name = "chuyên mục"
        verbose_name_plural = "chuyên mục"
        ordering = ["order", "name"]
        constraints = [unique_slug_constraint("news_section")]

    def __str__(self):
        if self.parent_id and "parent" in self._state.fields_cache:
            return f"{self.parent.name} › {self.name}"
        return self.name

    def get_absolute_url(self):
        # Kept on the instance (and in the cached menu): the header and footer ask for every
        # menu section's address three times on every page.
        known = self.__dict__.get("_url")
        if known is None or known[0] != self.slug:
            known = self.__dict__["_url"] = (self.slug, reverse("news:section", args=[self.slug]))
        return known[1]

    def clean(self):
        if self.parent_id:
            if self.pk and self.parent_id == self.pk:
                raise ValidationError({"parent": "Một chuyên mục không thể là cha của chính nó."})
            if self.parent.parent_id:
                raise ValidationError(
                    {"parent": "Chuyên mục cha đã là chuyên mục con; chỉ được có một cấp chuyên mục con."}
                )
            if self.pk and self.children.exists():
                raise ValidationError(
                    {"parent": "Chuyên mục này đang có chuyên mục con nên không thể trở thành chuyên mục con."}
                )


class Tag(KeptCount, FederationOwned):
    class Kind(models.TextChoices):
        TOPIC = "topic", "Chủ đề"
        PLACE = "place", "Địa danh"

    name = models.CharField("tên", max_length=100, help_text="Ví dụ: An toàn lao động, hoặc Sơn La.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=120,
        blank=True,
        populate_from="name",
        fallback="the",
        help_text="Để trống để tạo tự động từ tên.",
    )
    kind = models.CharField(
        "loại", max_length=10, choices=Kind.choices, default=Kind.TOPIC, help_text="Chủ đề hay địa danh."
    )
    # Kept, not recomputed: see news.counts (the join over a tag's articles: 400 ms at a million).
    published_count = models.PositiveIntegerField(
        "số bài đã duyệt đăng", default=0, editable=False, help_text="Kể cả bài hẹn giờ chưa đến giờ đăng."
    )

    class Meta:
        verbose_name = "thẻ"
        verbose_name_plural = "thẻ (chủ đề, địa danh)"
        ordering = ["name"]
        constraints = [unique_slug_constraint("news_tag")]

    def __str__(self):
        return self.name

    def get_absolute_url(self):
        return reverse("news:tag", args=[self.slug])


def union_all(queries: list[tuple[str, list]]) -> RawSQL:
    """`pk__in=` operand: the ids of every (sql, params) query, one UNION ALL.

    The database runs each part on its own index and looks the few ids up by primary key.
    Each part is wrapped as a derived table: SQLite allows no ORDER BY or LIMIT in a part.
    """
    parts = [f"SELECT * FROM ({sql}) AS part{number}" for number, (sql, _) in enumerate(queries)]
    return RawSQL(" UNION ALL ".join(parts), [param for _, params in queries for param in params])


def newest_ids(querysets, limit: int, offset: int = 0, oldest: bool = False) -> tuple[str, list]:
    """SQL for the ids of the newest `offset`..`offset + limit` articles of several querysets
    (each ordered newest first, e.g. one section each).

    Each part is limited before the merge, so the database reads at most `offset + limit`
    entries of each part's index, and only (publish time, id): an index-only scan. A section
    list's page 700 costs a walk of 14,000 index entries, not 14,000 articles fetched.
    `oldest`: counted from the oldest end instead (the same index read backwards).
    """
    if oldest:
        querysets = [queryset.reverse() for queryset in querysets]
    parts = [queryset.values("pk", "publish_at")[: offset + limit].query.sql_with_params() for queryset in querysets]
    if len(parts) == 1:
        sql, params = querysets[0].values("pk")[offset : offset + limit].query.sql_with_params()
        return sql, list(params)
    union = union_all(parts)
    # Each part names its columns "pk" and "publish_at" (as `values()` does).
    way = "ASC" if oldest else "DESC"
    sql = f"SELECT pk FROM ({union.sql}) AS newest ORDER BY publish_at {way}, pk {way} LIMIT %s OFFSET %s"
    return sql, [*union.params, limit, offset]


# PostgreSQL: how many of the newest articles a search reads before asking the index.
SEARCH_WALK = 4_000


def _postgres_newest_matches(ordered, phrases, limit: int) -> RawSQL:
    """Ids of the `limit` newest articles of `ordered` matching `phrases`, as one statement.

    First the newest SEARCH_WALK articles are read in publish order; a query with `limit`
    matches among them ("công đoàn") stops there. Only otherwise does the full-text index
    answer (the plan the planner picks): then the walk found every match in its window, and
    those are the newest of all, so the index's answer contains them. The planner alone
    multiplied the words' frequencies: "Triệu Quang Huy" (three names that come together in
    14% of the articles) was guessed rare, and its bitmap of 140,000 rows took 2.7 s.
    """
    window = ordered.annotate(sv=RawSQL('"news_article"."search_vector"', ())).values("pk", "publish_at", "sv")
    window_sql, window_params = window[:SEARCH_WALK].query.sql_with_params()
    index_sql, index_params = ordered.filter(FullTextMatch(phrases))[:limit].query.sql_with_params()
    sql = (
        f"WITH walk AS MATERIALIZED (SELECT pk FROM ({window_sql}) AS recent "
        f"WHERE sv @@ to_tsquery('simple'::regconfig, %s) ORDER BY publish_at DESC, pk DESC LIMIT {limit}) "
        f"SELECT pk FROM walk UNION ALL "
        f"SELECT * FROM ({index_sql}) AS found WHERE (SELECT COUNT(*) FROM walk) < {limit}"
    )
    return RawSQL(sql, [*window_params, FullTextMatch(phrases).tsquery(), *index_params])


class NewestFirst:
    """Published articles newest first, as a list for the Paginator, each page read from the
    nearer end of the list: the last page costs what the first does (its OFFSET counted from
    the oldest article), and no page reads more than half the list's index entries (pages
    beyond `news.views.MAX_DEPTH` from both ends are served from an article instead of a
    number: `beyond`).

    `count()` reads the kept count (`news.counts`), not a COUNT over the list.
    """

    def __init__(self, queryset, counted):
        self.queryset = queryset.order_by("-publish_at", "-pk")
        self._counted = counted  # () -> int, one statement
        self._total = None
        self.ordered = True

    def count(self) -> int:
        self._total = self._counted()
        return self._total

    def known_count(self, total: int) -> None:
        """The count the caller kept (per content version): a page then needs no count query."""
        self._total = total

    def __len__(self) -> int:
        return self.count() if self._total is None else self._total

    def __getitem__(self, index: slice):
        if not isinstance(index, slice) or index.step not in (None, 1):
            raise TypeError(f"{type(self).__name__} only supports slices.")
        start, stop = index.start or 0, index.stop
        if stop <= start:
            return self.queryset.none()
        total = len(self)
        if start > total - stop:  # nearer the oldest end: count from there
            return self.queryset.filter(pk__in=self._ids(stop - start, max(total - stop, 0), oldest=True))
        return self.queryset.filter(pk__in=self._ids(stop - start, start, oldest=False))

    def _ids(self, limit: int, offset: int, oldest: bool):
        ordered = self.queryset.reverse() if oldest else self.queryset
        return Subquery(ordered.values("pk")[offset : offset + limit])

    def members(self):
        """The articles of this list, unordered."""
        return self.queryset

    def beyond(self, article_id: int, limit: int, *, older: bool) -> list | None:
        """The `limit` articles right after (`older`) or before article `article_id` in this
        list, newest first; None when it is not in the list (a keyset page,
        congdoan.pagination). Two queries, each an index read from that article."""
        anchor = self.members().filter(pk=article_id).values_list("publish_at", flat=True).first()
        if anchor is None:
            return None
        if older:
            beyond = Q(publish_at__lte=anchor) & ~Q(publish_at=anchor, pk__gte=article_id)
        else:
            beyond = Q(publish_at__gte=anchor) & ~Q(publish_at=anchor, pk__lte=article_id)
        return list(self.queryset.filter(pk__in=self._ids_where(beyond, limit, oldest=not older)))

    def _ids_where(self, condition: Q, limit: int, oldest: bool):
        ordered = self.queryset.reverse() if oldest else self.queryset
        return Subquery(ordered.filter(condition).values("pk")[:limit])


class SectionArticles(NewestFirst):
    """The published articles of a group of sections (a section and its sub-sections), each
    part read on its own (section, status, publish time) index by `newest_ids`."""

    def __init__(self, queryset, section_ids: list[int], pushed=None):
        self.section_ids = list(section_ids)
        # Ids of national articles pushed into these sections (ArticlePush): then `queryset`
        # is unscoped (`everywhere`), the sections' own ids keeping the rest to this federation.
        self.pushed = pushed
        super().__init__(queryset, self._count)

    def _count(self) -> int:
        from .counts import section_count

        return section_count(self.queryset, self.section_ids, self.pushed)

    def _ids(self, limit: int, offset: int, oldest: bool):
        return self._ids_where(Q(), limit, oldest, offset)

    def members(self):
        if self.pushed is None:
            return self.queryset.filter(section_id__in=self.section_ids)
        return self.queryset.filter(Q(section_id__in=self.section_ids) | Q(pk__in=self.pushed))

    def _ids_where(self, condition: Q, limit: int, oldest: bool, offset: int = 0):
        parts = [self.queryset.filter(condition, section_id=pk) for pk in self.section_ids]
        if self.pushed is not None:
            parts.append(self.queryset.filter(condition, pk__in=self.pushed))
        if not parts:
            return []
        sql, params = newest_ids(parts, limit, offset, oldest=oldest)
        return RawSQL(sql, params)


class ArticleQuerySet(models.QuerySet):
    def published(self, now=None):
        """The single definition of "visible to the public": published and due."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__lte=now or timezone.now())

    def scheduled(self, now=None):
        """Published by an editor but due later: they appear at `publish_at` by themselves."""
        return self.filter(status=Article.Status.PUBLISHED, publish_at__gt=now or timezone.now())

    def next_publication_time(self):
        """When the next scheduled article goes live (for the page cache), or None."""
        return self.scheduled().aggregate(next=models.Min("publish_at"))["next"]

    def for_cards(self):
        """What a list card shows: section and cover, nothing heavy."""
        return self.select_related("section").defer("body", "search_text", "search_title")

    def in_section(self, section):
        return self.filter(Q(section=section) | Q(section__parent=section))

    def newest_of_sections(self, section_ids: list[int], pushed=None) -> "SectionArticles":
        """The articles of these sections, newest first, as a list the paginator slices;
        `pushed`: ids of national articles pushed into them (call on `everywhere(Article)`)."""
        return SectionArticles(self, section_ids, pushed)

    def newest_with_tag(self, tag) -> "NewestFirst":
        """The articles carrying `tag`, newest first, as a list the paginator slices."""
        from .counts import tag_count

        return NewestFirst(self.filter(tags=tag), lambda: tag_count(self, tag))

    def related_and_more(self, article, tag_ids: list[int], *, related: int, more: int, candidates: int):
        """(related, more) for `article`'s page, in two queries: up to `related` articles
        sharing the most of `tag_ids`, then newer first (section-mates share none but rank
        after those that do); and up to `more` others of its section, newest first.

        Ranked among a bounded candidate set, each part read from an index: the `candidates`
        newest of the section and of each tag (ranking every article that shares a tag took
        464 ms at 100,000 articles). The parts are written out around the WHERE clause that
        this queryset compiles to (the "published" rule, the federation), so building the
        query costs one compile, not one per part."""
        quote = connections[self.db].ops.quote_name
        table, through = quote(Article._meta.db_table), quote(Article.tags.through._meta.db_table)
        article_id, tag_id = f"{through}.{quote('article_id')}", f"{through}.{quote('tag_id')}"
        compiler = self.exclude(pk=article.pk).query.get_compiler(self.db)
        where, where_params = compiler.compile(compiler.query.where)

        def newest(source: str, condition: str, value: int, in_section: int) -> tuple[str, list]:
            sql = (
                f"SELECT {table}.{quote('id')} AS pk, {table}.{quote('publish_at')} AS publish_at, "
                f"{in_section} AS in_section FROM {source} WHERE {where} AND {condition} = %s "
                f"ORDER BY {table}.{quote('publish_at')} DESC, {table}.{quote('id')} DESC LIMIT %s"
            )
            return sql, [*where_params, value, candidates]

        tagged = f"{table} INNER JOIN {through} ON {article_id} = {table}.{quote('id')}"
        union = union_all(
            [newest(table, f"{table}.{quote('section_id')}", article.section_id, 1)]
            + [newest(tagged, tag_id, pk, 0) for pk in tag_ids]
        )
        shared, shared_params = "0", []
        if tag_ids:
            placeholders = ", ".join(["%s"] * len(tag_ids))
            shared = (
                f"(SELECT COUNT(*) FROM {through} WHERE {article_id} = candidate.pk AND {tag_id} IN ({placeholders}))"
            )
            shared_params = list(tag_ids)
        sql = (
            f"SELECT candidate.pk, candidate.in_section, {shared} FROM ({union.sql}) AS candidate "
            "ORDER BY candidate.publish_at DESC, candidate.pk DESC"
        )
        with connections[self.db].cursor() as cursor:
            cursor.execute(sql, [*shared_params, *union.params])
            rows = cursor.fetchall()
        newest_first, shares, of_section = [], {}, set()
        for pk, in_section, count in rows:
            if pk not in shares:
                newest_first.append(pk)
                shares[pk] = count
            if in_section:
                of_section.add(pk)
        related_ids = sorted(newest_first, key=lambda pk: -shares[pk])[:related]  # stable: newer first
        more_ids = [pk for pk in newest_first if pk in of_section and pk not in related_ids][:more]
        found = self.for_cards().in_bulk([*related_ids, *more_ids])
        return [found[pk] for pk in related_ids if pk in found], [found[pk] for pk in more_ids if pk in found]

    def pushed_here(self):
        """National articles pushed to the current federation and not hidden by it. Call on
        `everywhere(Article)`: they belong to the national union."""
        return self.filter(pk__in=ArticlePush.objects.shown().values("article_id"))

    def newest_of_federations(self, federation_ids: list[int], limit: int, per_federation: int | None = None):
        """The `limit` newest articles of these federations, at most `per_federation` of each, in
        one query. Each federation's newest come from a LIMIT on its (federation, status, publish
        time) index, merged as in `newest_ids`: the cost grows with the number of federations,
        not with the network's million articles. Call on `everywhere(Article)`."""
        if not federation_ids:
            return self.none()
        ordered = self.order_by("-publish_at", "-pk").values("pk", "publish_at")
        each = per_federation or limit
        union = union_all([ordered.filter(federation_id=pk)[:each].query.sql_with_params() for pk in federation_ids])
        sql = f"SELECT pk FROM ({union.sql}) AS newest ORDER BY publish_at DESC, pk DESC LIMIT %s"
        return self.filter(pk__in=RawSQL(sql, [*union.params, limit])).order_by("-publish_at", "-pk")

    def latest_per_section(self, section_ids: dict[int, list[int]], per_section: int, exclude=()):
        """The `per_section` newest of each group of sections, in one query.

        Each section's newest come from a LIMIT on the (section, status, publish time) index,
        merged per group (see `newest_ids`), so the cost grows with the number of sections, not
        with the archive. (An OR of one `IN (subquery)` per group had PostgreSQL check every
        article of the archive against each list: 160–230 ms at 100,000 articles.)
        """
        if not section_ids:
            return self.none()
        # As `newest_ids` per group, but one section's part is compiled once and reused with
        # each section's id: compiling a queryset costs about 0.3 ms of CPU, and the home page
        # has twenty sections (6 of its 20 ms of ORM after an edit).
        marker = -7_919_317  # no section's id: where the section's id goes in the parameters
        part = self.exclude(pk__in=exclude).filter(section_id=marker).order_by("-publish_at", "-pk")
        part_sql, part_params = part.values("pk", "publish_at")[:per_section].query.sql_with_params()
        (at,) = [index for index, param in enumerate(part_params) if param == marker]

        def part_of(pk) -> tuple[str, list]:
            return part_sql, [*part_params[:at], pk, *part_params[at + 1 :]]

        newest = []
        for ids in section_ids.values():
            union = union_all([part_of(pk) for pk in ids])
            sql = f"SELECT pk FROM ({union.sql}) AS newest ORDER BY publish_at DESC, pk DESC LIMIT %s"
            newest.append((sql, [*union.params, per_section]))
        return self.filter(pk__in=union_all(newest)).order_by("-publish_at", "-pk")

    def most_read(self, days: int = MOST_READ_DAYS, now=None):
        """Most viewed among the articles of the last `days` days (what readers read now)."""
        since = (now or timezone.now()) - timedelta(days=days)
        return self.filter(publish_at__gte=since).order_by("-view_count", "-publish_at", "-pk")

    def search(self, query: str, limit: int = SEARCH_LIMIT):
        """Articles containing every word and every quoted phrase of `query` (whole syllables,
        no accents needed), best first: the whole query as a phrase in the title, then every
        word in the title, then the phrase in the text, then the rest; newer first within each.

        Only the `limit` newest matches are ranked. The full-text index (see `FullTextMatch`)
        answers a rare word; a common one ("công đoàn" is in nearly every article) is answered
        by walking the publish-time index until `limit` matches are found, so no search ranks
        the whole archive.
        """
        phrases = query_phrases(query)
        if not phrases:
            return self.none()
        words = [word for phrase in phrases for word in phrase]
        ordered = self.order_by("-publish_at", "-pk").values("pk")
        if connections[self.db].vendor == "sqlite":  # two plans, one runs: see FullTextMatch.as_sqlite
            branches = [ordered.filter(FullTextMatch(phrases, strategy=way))[:limit] for way in ("index", "walk")]
            newest = union_all([branch.query.sql_with_params() for branch in branches])
        else:
            newest = _postgres_newest_matches(ordered, phrases, limit)
        whole = f" {' '.join(words)} "
        title_words = reduce(and_, (Q(search_title__contains=f" {word} ") for word in words))
        ranks = [When(search_title__contains=whole, then=Value(3)), When(title_words, then=Value(2))]
        if len(phrases) > 1:  # else every match has the whole query as a phrase: no text to read
            ranks.append(When(search_text__contains=whole, then=Value(1)))
        return (
            self.filter(pk__in=newest)
            .annotate(title_rank=Case(*ranks, default=Value(0)))
            .order_by("-title_rank", "-publish_at", "-pk")
        )

    def refresh_search_columns(self) -> int:
        """Recompute the folded columns of these articles (after their tags changed), without
        touching their version or save time: the text readers see did not change."""
        count = 0
        for article in self.only(*SEARCHED_FIELDS).prefetch_related("tags").order_by().iterator(chunk_size=500):
            title, text = article.search_columns([tag.name for tag in article.tags.all()])
            Article.objects.filter(pk=article.pk).update(search_title=title, search_text=text)
            count += 1
        return count


class Article(FederationOwned, PhotoModel, VersionedModel):
    photo_fields = {"cover": ("cover_width", "cover_height")}

    class Status(models.TextChoices):
        DRAFT = "draft", "Bản nháp"
        REVIEW = "review", "Chờ duyệt"
        PUBLISHED = "published", "Đã duyệt đăng"

    title = models.CharField("tiêu đề", max_length=300, help_text="Tối đa 300 ký tự.")
    slug = VietnameseSlugField(
        "đường dẫn",
        max_length=220,
        populate_from="title",
        blank=True,
        help_text="Phần cuối của địa chỉ bài viết, không dấu, tự tạo từ tiêu đề; có thể sửa.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="chuyên mục",
        on_delete=models.PROTECT,
        related_name="articles",
        help_text="Bài viết hiện trong chuyên mục này (và chuyên mục cha của nó).",
    )
    tags = models.ManyToManyField(
        Tag,
        verbose_name="thẻ",
        blank=True,
        related_name="articles",
        help_text="Chủ đề và địa danh liên quan, ví dụ: Sơn La.",
    )
    sapo = models.TextField(
        "sapo (đoạn dẫn)",
        max_length=1000,
        blank=True,
        help_text="Đoạn mở đầu in đậm, chữ thường không định dạng; cũng là mô tả khi chia sẻ.",
    )
    body = RichTextField("nội dung", blank=True, help_text="Nội dung bài viết; ảnh chèn vào nên có chú thích.")
    album = models.ForeignKey(
        "albums.Album",
        verbose_name="album ảnh kèm bài",
        null=True,
        blank=True,
        on_delete=models.SET_NULL,
        related_name="articles",
        help_text="Không bắt buộc: một album của thư viện ảnh, hiện dưới nội dung bài (12 ảnh đầu, bấm vào ảnh để "
        "xem lớn). Gõ vài chữ tên album để tìm. Album chưa đăng hoặc đã gỡ thì bạn đọc không thấy.",
    )

    cover = models.ImageField(
        "ảnh đại diện",
        upload_to=dated_upload_to,
        validators=[validate_image_upload],
        blank=True,
        help_text="Ảnh JPEG, PNG, WebP hoặc GIF, tối đa 10 MB.",
    )
    cover_width = models.PositiveIntegerField("chiều rộng ảnh", null=True, blank=True, editable=False)
    cover_height = models.PositiveIntegerField("chiều cao ảnh", null=True, blank=True, editable=False)
    cover_caption = models.CharField(
        "chú thích ảnh", max_length=300, blank=True, help_text="Dòng chú thích dưới ảnh đại diện."
    )
    cover_credit = models.CharField("nguồn ảnh", max_length=150, blank=True, help_text="Ví dụ: Ảnh: Quang Quyết/TTXVN.")
    cover_alt = models.CharField(
        "mô tả ảnh (alt)",
        max_length=250,
        blank=True,
        help_text="Tả ngắn nội dung ảnh cho người khiếm thị; bắt buộc khi có ảnh đại diện.",
    )

    byline_name = models.CharField(
        "tác giả", max_length=120, blank=True, help_text="Tên người viết, ví dụ: Bùi Thanh Thủy."
    )
    byline_position = models.CharField(
        "chức vụ, đơn vị tác giả",
        max_length=200,
        blank=True,
        help_text="Không bắt buộc, ví dụ: Trưởng ban CSPL&QHLĐ, LĐLĐ tỉnh.",
    )
    source = models.CharField("nguồn tin", max_length=150, blank=True, help_text="Ví dụ: TTXVN.")
    original_url = models.URLField(
        "địa chỉ gốc",
        max_length=500,
        blank=True,
        editable=False,
        help_text="Địa chỉ của bài trên trang web cũ, với bài nhập từ tệp lưu trữ; địa chỉ cũ chuyển hẳn (301) "
        "về bài này.",
    )

    status = models.CharField(
        "trạng thái",
        max_length=12,
        choices=Status.choices,
        default=Status.DRAFT,
        db_index=True,
        help_text="Phóng viên gửi bài ở trạng thái “Chờ duyệt”; biên tập viên duyệt đăng.",
    )
    publish_at = models.DateTimeField(
        "thời điểm đăng",
        null=True,
        blank=True,
        help_text="Ngày giờ bài ra mắt bạn đọc, hiện trên trang bài. Để trống khi duyệt đăng để đăng ngay (bài đã có "
        "thời điểm đăng thì giữ nguyên). Bài cũ đưa lên lưu trữ: nhập ngày giờ gốc. Thời điểm trong tương lai: "
        "hẹn giờ đăng.",
    )
    revised_at = models.DateTimeField(
        "cập nhật nội dung lúc",
        null=True,
        blank=True,
        editable=False,
        help_text="Lần gần nhất biên tập viên ghi nhận một cập nhật nội dung; bạn đọc thấy thời điểm này bên "
        "cạnh thời điểm đăng. Sửa lỗi chính tả không cần ghi nhận.",
    )
    updated_at = models.DateTimeField("lưu lần cuối lúc", auto_now=True)
    created_at = models.DateTimeField("tạo lúc", auto_now_add=True)
    featured = models.BooleanField(
        "tin nổi bật", default=False, help_text="Tin nổi bật mới nhất hiện lớn ở đầu trang chủ."
    )
    view_count = models.PositiveIntegerField("lượt xem", default=0, editable=False)
    created_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người tạo",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    updated_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người sửa cuối",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )
    # Folded syllables (" cong doan ") for accent-insensitive search on every database.
    search_title = models.TextField(editable=False, default="")
    search_text = models.TextField(editable=False, default="")

    objects = scoped_manager(ArticleQuerySet)

    class Meta:
        verbose_name = "bài viết"
        verbose_name_plural = "bài viết"
        ordering = ["-publish_at", "-pk"]
        indexes = [
            # "-id" too: lists order by (-publish_at, -pk), and a trailing implicit id ascending
            # would leave the database a sort to do (7 ms instead of 0,5 for the featured story).
            models.Index(fields=["federation", "status", "-publish_at", "-id"], name="news_article_status_pub"),
            # The national layer (search across federations, the network feed) walks every
            # federation's articles newest first: without it, a seq scan and a sort of the whole
            # archive (a search for "công đoàn" across 200,000 articles: 450 ms → 30–70 ms).
            models.Index(fields=["status", "-publish_at", "-id"], name="news_article_network_pub"),
            models.Index(fields=["section", "status", "-publish_at", "-id"], name="news_article_section_pub"),
            models.Index(
                fields=["federation", "featured", "status", "-publish_at", "-id"], name="news_article_featured_pub"
            ),
            models.Index(fields=["federation", "-view_count"], name="news_article_views"),
        ]
        constraints = [
            unique_slug_constraint("news_article"),
            # An archive import recognises an article it already brought in by its old address.
            models.UniqueConstraint(
                fields=["federation", "original_url"],
                condition=~Q(original_url=""),
                name="news_article_unique_original_url",
            ),
            models.CheckConstraint(
                condition=~Q(status="published") | Q(publish_at__isnull=False),
                name="news_article_published_has_time",
                violation_error_message="Bài đã duyệt đăng phải có thời điểm đăng.",
            ),
            models.CheckConstraint(
                condition=Q(revised_at__isnull=True) | Q(publish_at__isnull=False, revised_at__gte=F("publish_at")),
                name="news_article_revised_after_publish",
                violation_error_message="Thời điểm cập nhật nội dung không thể trước thời điểm đăng.",
            ),
        ]
        permissions = [
            ("publish_article", "Có thể duyệt đăng, hẹn giờ và chọn tin nổi bật"),
        ]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        if self.status == self.Status.PUBLISHED and self.publish_at is None:
            # Rows written in code (demo data, fixtures) rather than through news.services.
            from .services import publication_time

            self.publish_at = publication_time(requested=None, current=None, now=timezone.now())
        self.search_title, self.search_text = self.search_columns(self._tag_names())
        update_fields = kwargs.get("update_fields")
        if update_fields is not None:
            kwargs["update_fields"] = set(update_fields) | {"search_title", "search_text", "slug"}
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        return reverse("news:article", args=[self.slug])

    @property
    def is_published(self) -> bool:
        return (
            self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at <= timezone.now()
        )

    @property
    def is_scheduled(self) -> bool:
        return self.status == self.Status.PUBLISHED and self.publish_at is not None and self.publish_at > timezone.now()

    @property
    def revision_shown(self) -> datetime | None:
        """The recorded content update readers see, if it came after the story went out."""
        if self.revised_at and self.publish_at and self.revised_at > self.publish_at:
            return self.revised_at
        return None

    @property
    def modified_at(self) -> datetime | None:
        """Last substantive change for feeds, sitemap and structured data: the recorded update,
        else the publish time (a typo fix saved today does not re-date a story)."""
        return self.revision_shown or self.publish_at

    def search_columns(self, tag_names: list[str]) -> tuple[str, str]:
        """The folded (title, text) columns: title first in rank; the text adds what readers
        also look for, the people (byline, photo captions and credits), the source and the tags."""
        text = [
            self.title,
            self.sapo,
            strip_tags_text(self.body),
            self.byline_name,
            self.byline_position,
            self.cover_caption,
            self.cover_credit,
            self.source,
            *sorted(tag_names),  # the same text whatever order the tags come in
        ]
        return search_document(self.title), search_document(" ".join(text))

    def _tag_names(self) -> list[str]:
        if self.pk is None:
            return []  # tags are added after the first save: see news.signals
        prefetched = getattr(self, "_prefetched_objects_cache", {}).get("tags")
        if prefetched is not None:
            return [tag.name for tag in prefetched]
        return list(self.tags.values_list("name", flat=True))

    @property
    def byline(self) -> str:
        return ", ".join(part for part in (self.byline_name, self.byline_position) if part)

    def clean(self):
        errors = {}
        if self.cover and not self.cover_alt.strip():
            errors["cover_alt"] = "Hãy mô tả ngắn nội dung ảnh đại diện (cho người khiếm thị)."
        if errors:
            raise ValidationError(errors)

    def increment_views(self) -> None:
        type(self).objects.filter(pk=self.pk).update(view_count=F("view_count") + 1)


class ArticlePushQuerySet(models.QuerySet):
    def shown(self):
        """Pushes the receiving federation has not hidden."""
        return self.filter(hidden=False)


class ArticlePush(FederationOwned):
    """A national article pushed (đăng lại) to a federation: shown in that federation's latest
    news and in its receiving section with "Nguồn: <national union>", linking to the original.

    The article is not copied: one edit of the original shows everywhere (a change to national
    content renews every federation's generation). `federation` is the receiving federation,
    so its editors see and hide only the pushes they received (the scoped manager).
    """

    article = models.ForeignKey(
        Article,
        verbose_name="bài viết gốc",
        on_delete=models.CASCADE,
        related_name="pushes",
        help_text="Bài của Tổng Liên đoàn được đăng lại.",
    )
    section = models.ForeignKey(
        Section,
        verbose_name="chuyên mục nhận",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="pushes",
        help_text="Bài hiện thêm trong danh sách của chuyên mục này. Để trống: chỉ hiện trong tin mới ở trang chủ.",
    )
    hidden = models.BooleanField(
        "ẩn trên trang", default=False, help_text="Đánh dấu để không hiện bài đăng lại này trên trang của liên đoàn."
    )
    pushed_at = models.DateTimeField("đăng lại lúc", auto_now_add=True)
    pushed_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        verbose_name="người đăng lại",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        editable=False,
        related_name="+",
    )

    objects = scoped_manager(ArticlePushQuerySet)

    class Meta:
        verbose_name = "bài đăng lại từ Tổng Liên đoàn"
        verbose_name_plural = "bài đăng lại từ Tổng Liên đoàn"
        ordering = ["-pushed_at", "-pk"]
        indexes = [models.Index(fields=["federation", "hidden", "section"], name="news_push_shown")]
        constraints = [models.UniqueConstraint(fields=["federation", "article"], name="news_push_once")]

    def __str__(self):
        return str(self.article)

    def clean(self):
        if self.section_id and self.federation_id and self.section.federation_id != self.federation_id:
            raise ValidationError({"section": "Chuyên mục nhận phải là chuyên mục của liên đoàn nhận bài."})
