"""congdoan.portal reads the apps' home blocks and search groups from their AppConfig."""

from types import SimpleNamespace

import pytest
from django.core.exceptions import ImproperlyConfigured

from congdoan import portal
from congdoan.portal import HomeBlock, SearchGroup


def test_the_declared_home_blocks_by_region_then_order():
    assert [(block.region, block.order, block.app_label, block.template) for block in portal.home_blocks()] == [
        ("band", 10, "campaigns", "campaigns/includes/home_block.html"),
        ("main", 30, "albums", "albums/includes/home_block.html"),
        ("main", 40, "videos", "videos/includes/home_block.html"),
        ("aside", 20, "legal", "legal/includes/home_box.html"),
    ]


def test_the_declared_search_groups_in_order():
    assert [(group.key, group.label, group.more_url) for group in portal.search_groups()] == [
        ("van-ban", "Văn bản", "documents:register"),
        ("hoi-dap", "Hỏi đáp", "legal:list"),
        ("gioi-thieu", "Giới thiệu", ""),
        ("thu-vien-anh", "Thư viện ảnh", ""),
        ("video", "Video", ""),
    ]
    assert portal.search_group("video").app_label == "videos"
    assert portal.search_group("khong-co") is None


@pytest.fixture
def declared(monkeypatch):
    """Replace the installed apps' declarations with the given configs."""

    def use(*configs):
        monkeypatch.setattr(portal.apps, "get_app_configs", lambda: list(configs))
        portal.home_blocks.cache_clear()
        portal.search_groups.cache_clear()

    yield use
    portal.home_blocks.cache_clear()
    portal.search_groups.cache_clear()


def test_an_unknown_region_is_a_configuration_error(declared):
    declared(SimpleNamespace(label="lich", home_blocks=(HomeBlock("footer", 1, "a.html", "a.build"),)))
    with pytest.raises(ImproperlyConfigured, match="lich: unknown home region 'footer'"):
        portal.home_blocks()


def test_a_declaration_of_another_type_is_a_configuration_error(declared):
    declared(SimpleNamespace(label="lich", home_blocks=(("main", 30, "a.html"),)))
    with pytest.raises(ImproperlyConfigured, match=r"lich.home_blocks: \('main', 30, 'a.html'\) is not a HomeBlock."):
        portal.home_blocks()


def test_two_groups_with_one_key_are_a_configuration_error(declared):
    declared(
        SimpleNamespace(label="a", search_groups=(SearchGroup("anh", "Ảnh", 1, "a.search"),)),
        SimpleNamespace(label="b", search_groups=(SearchGroup("anh", "Ảnh khác", 2, "b.search"),)),
    )
    with pytest.raises(ImproperlyConfigured, match=r"Two search groups share a key: \['anh', 'anh'\]."):
        portal.search_groups()
