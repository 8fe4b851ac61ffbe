from django.apps import AppConfig


class BannersConfig(AppConfig):
    name = "banners"
    verbose_name = "Ảnh đầu trang và băng chữ"
    # Read by the core (congdoan.caching.registry, congdoan.roles, load_demo). What is shown
    # changes by day, which every cache key already holds.
    public_models = ("Slide", "Slogan", "Commemoration", "TickerSettings")
    editorial = True
    editor_only = True
    demo_module = "banners.demo"
    demo_order = 20
    # Read by congdoan.merging: a merged federation's header and ticker items arrive switched
    # off, so the successor's header and ticker stay as its editors made them.
    # The same commemoration (event and date) on both sites is one; the successor keeps its
    # own ticker settings.
    merge_combined = ("Commemoration", "TickerSettings")
    merge_archived = {
        "Slide": {"is_active": False},
        "Slogan": {"is_active": False},
        "Commemoration": {"is_active": False},
    }
