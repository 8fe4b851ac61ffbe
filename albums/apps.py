from django.apps import AppConfig

from congdoan.portal import HomeBlock, SearchGroup


class AlbumsConfig(AppConfig):
    name = "albums"
    verbose_name = "Thư viện ảnh"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo).
    public_models = ("Album", "AlbumPhoto")
    editorial = True
    # Writers take the photos: they may build albums (not publish them, see albums.admin).
    writer_permissions = (
        "add_album",
        "change_album",
        "view_album",
        "add_albumphoto",
        "change_albumphoto",
        "delete_albumphoto",
        "view_albumphoto",
    )
    demo_module = "albums.demo"
    demo_order = 50
    # Read by congdoan.portal: a block of the home page's main column, a group of site search.
    home_blocks = (
        HomeBlock(
            "main", 30, "albums/includes/home_block.html", "albums.templatetags.albums.latest_albums",
            stylesheet="albums/albums.css",
        ),
    )  # fmt: skip
    search_groups = (SearchGroup("thu-vien-anh", "Thư viện ảnh", 40, "albums.portal.search"),)

    def next_public_change(self):
        """An album scheduled for later appears by itself: cached pages turn over then."""
        from .models import Album

        return Album.objects.next_publication_time()
