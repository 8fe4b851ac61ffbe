from .display import bump_version


def banners_changed(sender, **kwargs):
    """Any saved or deleted slide, slogan, commemoration or setting gives a new cache version."""
    bump_version()
