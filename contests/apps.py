from django.apps import AppConfig


class ContestsConfig(AppConfig):
    """Only the contest, rounds and units bump the site's content version (see
    congdoan.cache.CONTENT_MODELS), never contestants' clicks."""

    name = "contests"
    verbose_name = "Cuộc thi trực tuyến"
