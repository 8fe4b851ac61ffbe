"""Public pages of campaigns: a filtered list and one page per campaign."""

from django.db.models import Max, Min, Prefetch
from django.http import Http404
from django.shortcuts import get_object_or_404, render
from django.utils.cache import add_never_cache_headers
from django.views.generic import ListView

from congdoan.caching import public_page, site_today
from congdoan.links import absolute_url
from congdoan.pagination import paginate
from congdoan.text import ascii_number

from .charts import figures_chart
from .models import Campaign, CampaignKind, Phase, ProgressReport, UnitFigure

PAGE_SIZE = 12
RELATED_PAGE_SIZE = 6

# ?sap_xep= value → (key on a UnitFigure, descending?)
UNIT_SORTS = {
    "don-vi": ("unit", False),
    "-don-vi": ("unit", True),
    "dang-ky": ("registrations", False),
    "-dang-ky": ("registrations", True),
    "luot": ("attempts", False),
    "-luot": ("attempts", True),
}
DEFAULT_UNIT_SORT = "-dang-ky"


class CampaignListView(ListView):
    """/phong-trao/: ongoing, then upcoming, then ended; ?loai=<kind slug>, ?nam=<year>, ?page=."""

    page_cache_params = ("loai", "nam", "page")  # see congdoan.caching.public_page
    template_name = "campaigns/campaign_list.html"
    context_object_name = "campaigns"
    paginate_by = PAGE_SIZE

    def get(self, request, *args, **kwargs):
        self.today = site_today()
        self.kinds = list(CampaignKind.objects.filter(campaigns__is_published=True).distinct())
        self.kind = None
        kind_slug = request.GET.get("loai", "")
        if kind_slug:
            self.kind = next((kind for kind in self.kinds if kind.slug == kind_slug), None)
            if self.kind is None:
                raise Http404("Không có loại phong trào này.")
        bounds = Campaign.objects.published().aggregate(first=Min("start_date"), last=Max("end_date"))
        self.years = list(range(bounds["last"].year, bounds["first"].year - 1, -1)) if bounds["first"] else []
        self.year = None
        year_text = request.GET.get("nam", "")
        if year_text:
            self.year = ascii_number(year_text, 4)
            if self.year not in self.years:
                raise Http404("Không có phong trào nào trong năm này.")
        return super().get(request, *args, **kwargs)

    def get_queryset(self):
        queryset = Campaign.objects.published().select_related("kind").prefetch_related("phases")
        if self.kind:
            queryset = queryset.filter(kind=self.kind)
        if self.year:
            queryset = queryset.in_year(self.year)
        return queryset.for_listing(self.today)

    def paginate_queryset(self, queryset, page_size):
        page = paginate(self.request, queryset, per_page=page_size)
        return page.paginator, page, page.object_list, page.has_other_pages()

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        filters = {}
        if self.kind:
            filters["loai"] = self.kind.slug
        if self.year:
            filters["nam"] = str(self.year)
        context.update(
            today=self.today,
            kinds=self.kinds,
            current_kind=self.kind,
            years=self.years,
            current_year=self.year,
            filter_query="&".join(f"{key}={value}" for key, value in filters.items()),
        )
        return context


campaign_list = CampaignListView.as_view()


@public_page(params=("sap_xep", "page"))
def campaign_detail(request, slug):
    """/phong-trao/<slug>/: everything about one campaign in a fixed number of queries.

    The number matters because this page is linked from every related article and
    from the home page: it must not grow with the number of phases, reports or units.
    """
    campaign = get_object_or_404(
        Campaign.objects.select_related("kind").prefetch_related(
            Prefetch("phases", queryset=Phase.objects.order_by("order", "start_date", "pk")),
            "targets",
            Prefetch("reports", queryset=ProgressReport.objects.order_by("as_of", "pk")),
        ),
        slug=slug,
    )
    preview = not campaign.is_published
    if preview and not request.user.has_perm("campaigns.view_campaign"):
        raise Http404("Không có phong trào này.")

    today = site_today()
    reports = list(campaign.reports.all())
    latest = reports[-1] if reports else None
    targets = [{"target": target, "progress": target.progress(latest)} for target in campaign.targets.all()]

    sort = request.GET.get("sap_xep", DEFAULT_UNIT_SORT)
    if sort not in UNIT_SORTS:
        sort = DEFAULT_UNIT_SORT
    units = []
    if latest is not None:
        units = list(UnitFigure.objects.filter(report=latest))
        key, descending = UNIT_SORTS[sort]
        # Empty figures always last, whatever the direction.
        present = [unit for unit in units if getattr(unit, key) is not None]
        missing = [unit for unit in units if getattr(unit, key) is None]
        sort_key = (lambda unit: unit.unit.casefold()) if key == "unit" else (lambda unit: getattr(unit, key))
        units = sorted(present, key=sort_key, reverse=descending) + missing

    related_page = _related_news_page(request, campaign)

    context = {
        "campaign": campaign,
        "related_page": related_page,
        "related_query": f"sap_xep={sort}" if "sap_xep" in request.GET else "",
        "today": today,
        "status": campaign.status(today),
        "countdown": campaign.countdown_text(today),
        "timeline": campaign.timeline(today),
        "current_phase": campaign.current_phase(today),
        "next_phase": campaign.next_phase(today),
        "targets": targets,
        "reports": reports,
        "latest_report": latest,
        "chart": figures_chart(
            reports,
            registrations_label=campaign.registrations_label,
            attempts_label=campaign.attempts_label,
        ),
        "units": units,
        "unit_sort": sort,
        "unit_sort_links": _unit_sort_links(sort),
        "preview": preview,
        "share_url": absolute_url(request, campaign.get_absolute_url()),
    }
    response = render(request, "campaigns/campaign_detail.html", context)
    if preview:
        add_never_cache_headers(response)
    return response


def _related_news_page(request, campaign):
    """Published related articles, newest first, RELATED_PAGE_SIZE a page (?page=, see congdoan.pagination);
    None when there are none."""
    from news.models import Article

    articles = (
        Article.objects.published()
        .filter(campaigns=campaign)
        .select_related("section")
        .defer("body", "search_text", "search_title")
        .order_by("-publish_at", "-pk")
    )
    page = paginate(request, articles, per_page=RELATED_PAGE_SIZE)
    return page if page.paginator.count else None


def _unit_sort_links(current: str) -> dict:
    """For each column: the ?sap_xep= value its header link sets, and its aria-sort state."""
    links = {}
    for column, (ascending, descending, first) in {
        "unit": ("don-vi", "-don-vi", "don-vi"),
        "registrations": ("dang-ky", "-dang-ky", "-dang-ky"),
        "attempts": ("luot", "-luot", "-luot"),
    }.items():
        if current == ascending:
            links[column] = {"next": descending, "aria": "ascending"}
        elif current == descending:
            links[column] = {"next": ascending, "aria": "descending"}
        else:
            links[column] = {"next": first, "aria": ""}
    return links
