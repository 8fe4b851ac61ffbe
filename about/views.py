"""Public organisation pages: /gioi-thieu/…, /lien-he/ and the English page /en/.

Each page reads the published pages of /gioi-thieu/ once (its menu, and the page found by
its address) and what it shows below in one more query: a fixed number however many pages,
units or leaders there are (tests/about/test_views.py pins it).
"""

from django.http import Http404
from django.shortcuts import render

from congdoan.caching import public_page

from .models import Leader, Officer, Page, Profile, Unit
from .services import leaders_for, organisation_chart, page_tree


@public_page()
def index(request):
    """/gioi-thieu/: every published page as a table of contents."""
    tree = page_tree()
    return render(request, "about/index.html", {"tree": tree})


@public_page()
def page(request, path):
    tree = page_tree()
    found = tree.find(path)
    if found is None:
        raise Http404("Không có trang giới thiệu này.")
    context = {"tree": tree, "page": found, "ancestors": _ancestors(found)}
    if found.block == Page.Block.ORGANISATION:
        context["chart"] = organisation_chart()
    elif found.block in (Page.Block.STANDING, Page.Block.EXECUTIVE):
        context["leaders"] = leaders_for(found.block)
    return render(request, "about/page.html", context)


def _ancestors(page: Page) -> list[Page]:
    found, current = [], page.parent
    while current is not None:
        found.insert(0, current)
        current = current.parent
    return found


def _profile() -> Profile:
    """The federation's contact details, or the defaults until an editor saves them (unsaved)."""
    return Profile.objects.first() or Profile()


@public_page()
def contact(request):
    """/lien-he/: the federation's identity (the `federation` template variable), the named
    officers of Decree 42/2022, working hours and a map picture linking to a map site."""
    context = {
        "tree": page_tree(),
        "contact_page": True,
        "profile": _profile(),
        "officers": list(Officer.objects.all()),
    }
    return render(request, "about/contact.html", context)


@public_page()
def english(request):
    """/en/: the organisation, its functions and contacts in English (the only English page)."""
    context = {
        "profile": _profile(),
        "units": [unit for unit in Unit.objects.in_chart_order() if unit.name_en],
        "leaders": list(
            Leader.objects.published().exclude(position_en="").order_by("-term_start", "-term_end", "order", "pk")
        ),
    }
    return render(request, "about/english.html", context)
