"""Trees built in memory from one query each: the pages under /gioi-thieu/ and the organisation chart."""

from collections.abc import Iterable
from dataclasses import dataclass, field

from .models import Leader, Page, Unit

# A row of boxes side by side fits a desktop screen up to this many; more are listed one
# under another (a provincial federation has 5–7 departments, but 10–20 district unions).
MAX_ROW = 6


@dataclass
class Node:
    """One unit of the chart with its children, and how they are drawn:
    "chain" (one child, centred under it), "row" (side by side), "stack" (a list below)."""

    unit: Unit
    children: list["Node"] = field(default_factory=list)
    layout: str = "stack"
    depth: int = 1


def _link_parents(items: list) -> list:
    """Set each item's `parent` from the list (no query) and give every item `kids`; return the
    roots. Items whose parent is not in the list (hidden) hang from no root, and so are left
    out with their descendants."""
    by_pk = {item.pk: item for item in items}
    for item in items:
        item.kids = []
    roots = []
    for item in items:
        if item.parent_id is None:
            roots.append(item)
        elif item.parent_id in by_pk:
            item.parent = by_pk[item.parent_id]
            by_pk[item.parent_id].kids.append(item)
    return roots


@dataclass
class PageTree:
    """The published pages of /gioi-thieu/ as a tree (for the menu) and by address."""

    roots: list[Page]
    by_path: dict[str, Page]

    def find(self, path: str) -> Page | None:
        return self.by_path.get(path)


def page_tree(pages: Iterable[Page] | None = None) -> PageTree:
    """One query: every published page, linked to its parent in memory (addresses need no query)."""
    items = list(Page.objects.published().in_tree_order() if pages is None else pages)
    roots = _link_parents(items)
    by_path = {}
    queue = list(roots)
    while queue:
        page = queue.pop(0)
        by_path[page.path] = page
        queue.extend(page.kids)
    return PageTree(roots=roots, by_path=by_path)


def organisation_chart(units: Iterable[Unit] | None = None) -> list[Node]:
    """One query: the chart's roots, each child list marked chain, row or stack (see Node)."""
    items = list(Unit.objects.in_chart_order() if units is None else units)
    roots = _link_parents(items)

    def build(unit: Unit, depth: int, in_row: bool) -> Node:
        node = Node(unit=unit, depth=depth)
        count = len(unit.kids)
        if in_row or count > MAX_ROW:
            node.layout = "stack"
        elif count == 1:
            node.layout = "chain"
        else:
            node.layout = "row"
        inside_row = in_row or node.layout == "row"
        node.children = [build(child, depth + 1, inside_row) for child in unit.kids]
        return node

    return [build(root, 1, len(roots) > 1) for root in roots]


def leaders_for(block: str) -> list[Leader]:
    """Ban Thường vụ: its members; Ban Chấp hành: everyone. Newest term first. One query."""
    leaders = Leader.objects.published()
    if block == Page.Block.STANDING:
        leaders = leaders.standing()
    return list(leaders.order_by("-term_start", "-term_end", "order", "name", "pk"))
