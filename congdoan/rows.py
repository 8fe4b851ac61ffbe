"""Model instances read with plain SQL: for the few statements every request runs.

The ORM composes a query for about 0.1–0.3 ms of CPU on the 2-core bench machine and
`QuerySet.raw()` still maps its columns for about 0.1 ms; a statement written once and its row
converted here, as the ORM converts it, costs a few microseconds besides the round trip. Used
for the session and the user of every logged-in request (congdoan.sessions,
congdoan.tenancy.FederationRoleBackend) and for a contest's hot requests (contests.services).
"""

import functools

from django.db import DEFAULT_DB_ALIAS, connections


def db():
    """This thread's default connection itself: each attribute read through
    `django.db.connection` (a proxy to a thread-local) costs microseconds, and converting a
    row reads hundreds."""
    return connections[DEFAULT_DB_ALIAS]


@functools.lru_cache(maxsize=64)
def columns(model, alias: str) -> str:
    """The model's concrete columns, in field order, as `alias.column, …`."""
    quote = db().ops.quote_name
    return ", ".join(f"{alias}.{quote(field.column)}" for field in model._meta.concrete_fields)


@functools.lru_cache(maxsize=64)
def converters(model, connection) -> list[tuple[int, list]]:
    """(position, converters) of the fields whose database values the ORM converts."""
    found = []
    for position, field in enumerate(model._meta.concrete_fields):
        column = field.get_col(model._meta.db_table)
        field_converters = connection.ops.get_db_converters(column) + field.get_db_converters(connection)
        if field_converters:
            found.append((position, [(converter, column) for converter in field_converters]))
    return found


def instance(model, values):
    """A `model` instance from the values of `columns(model, …)`, converted as the ORM does."""
    connection = db()
    values = list(values)
    for position, field_converters in converters(model, connection):
        if values[position] is not None:
            for converter, column in field_converters:
                values[position] = converter(values[position], column, connection)
    return model.from_db(connection.alias, None, values)


def fetch_instance(model, where: str, params):
    """The first `model` row matching `where` (SQL on the alias `t`), as an instance, or None."""
    connection = db()
    with connection.cursor() as cursor:
        cursor.execute(
            f"SELECT {columns(model, 't')} FROM {connection.ops.quote_name(model._meta.db_table)} t WHERE {where}",
            params,
        )
        row = cursor.fetchone()
    return None if row is None else instance(model, row)
