from .tenancy import this_federation


def site(request):
    """The request's federation for every template, as `federation` (no query: the host table
    already holds it)."""
    return {"federation": getattr(request, "federation", None) or this_federation()}
