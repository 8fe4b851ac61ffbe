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
