"""Plain reads of model rows for the hottest pages, without the ORM's query compiler (ADR 0011).

The theme page and the autosave read a handful of small sets of a report's own rows on every
request. Building each query with the ORM's compiler cost more than reading it, and each read
waited for the database before the next went out. A `Read` is a SELECT of a model's columns
(and of the rows it points to, as select_related does) with a WHERE clause that is a constant
of the calling module, every value passed as a parameter. `read_together` sends several on
PostgreSQL in one round trip (psycopg's pipeline mode: the server answers them one after the
other without waiting for the client in between); other databases run them one by one. Each
is still a statement of its own through Django's cursor, counted and logged like any other,
and the values pass through the fields' converters (JSON, time zones), as the ORM's would.
Rows come in the model's default ordering, as a queryset's do, when that ordering is made of
the model's own columns; a read may also lock its rows (FOR UPDATE, FOR SHARE), which
PostgreSQL does and SQLite, whose writing transaction holds the whole database, leaves out.

Use the ORM everywhere else: this is for the few reads that a measurement put here.
"""

import functools
import weakref
from collections.abc import Callable, Sequence
from contextlib import nullcontext
from dataclasses import dataclass
from typing import Any, Literal

from django.core.exceptions import FieldDoesNotExist
from django.db import DEFAULT_DB_ALIAS, connection, connections
from django.db.models import ForeignKey, Model
from django.db.models.sql import Query

Lock = Literal["", "FOR UPDATE", "FOR SHARE"]


@dataclass(frozen=True)
class Read:
    """The rows of `model` matching `where`, with the rows of the foreign keys in `joined`.

    `where` (empty: every row) names the columns with their table (the model's db_table)
    when `joined` is not empty; the joined foreign keys must be required ones (an inner
    join). `order_by` takes field names as a queryset's does ("-revision"); left out, it is
    the model's Meta.ordering where that names only the model's own columns, and database
    order otherwise. `lock` locks the rows of the model's own table (not the joined ones)
    until the transaction ends.
    """

    model: type[Model]
    where: str
    params: Sequence[Any]
    joined: tuple[str, ...] = ()
    order_by: tuple[str, ...] | None = None
    limit: int | None = None
    lock: Lock = ""


def placeholders(values: Sequence[Any]) -> str:
    """The parameter markers of `column IN (...)` for these values (NULL for none)."""
    return ", ".join(["%s"] * len(values)) or "NULL"


def read_together(*reads: Read) -> list[list[Any]]:
    """The instances of each read, in the order of the reads (rows in database order)."""
    cursors = [connection.cursor() for _ in reads]
    pipeline = connection.connection.pipeline if connection.vendor == "postgresql" else None
    try:
        with pipeline() if pipeline is not None else nullcontext():
            for cursor, read in zip(cursors, reads, strict=True):
                cursor.execute(_sql(read), read.params)
        return [
            _instances(read, cursor.fetchall()) for cursor, read in zip(cursors, reads, strict=True)
        ]
    finally:
        for cursor in cursors:
            cursor.close()


@dataclass(frozen=True)
class _Part:
    """One model's columns in a read's rows; `via` is the foreign key that joins it."""

    via: str | None
    model: type[Model]
    column: str  # the column of the read's own table that points at this part


def _parts(read: Read) -> list[_Part]:
    return _parts_of(read.model, read.joined)


@functools.lru_cache(maxsize=64)
def _parts_of(model: type[Model], joined: tuple[str, ...]) -> list[_Part]:
    parts = [_Part(None, model, "")]
    for name in joined:
        field = model._meta.get_field(name)
        if not isinstance(field, ForeignKey) or field.null:
            raise ValueError(f"{model.__name__}.{name}: not a required foreign key")
        parts.append(_Part(name, field.related_model, field.column))  # type: ignore[arg-type]
    return parts


def _sql(read: Read) -> str:
    # The statement depends on everything but the parameters, and the callers' clauses are
    # constants of their modules: one statement per shape, built once per process.
    lock = read.lock if connection.features.has_select_for_update else ""
    shape = Read(read.model, read.where, (), read.joined, read.order_by, read.limit, lock)
    return _statement(shape, connection.vendor)


@functools.lru_cache(maxsize=512)
def _statement(read: Read, vendor: str) -> str:
    quote = connection.ops.quote_name
    table = quote(read.model._meta.db_table)
    columns, joins = [], []
    for part in _parts(read):
        other = quote(part.model._meta.db_table)
        columns += [f"{other}.{quote(f.column)}" for f in part.model._meta.concrete_fields]
        if part.via is not None:
            key = quote(part.model._meta.pk.column)
            joins.append(f" INNER JOIN {other} ON {other}.{key} = {table}.{quote(part.column)}")
    select = f"SELECT {', '.join(columns)} FROM {table}{''.join(joins)}"  # noqa: S608 (names from the models)
    sql = f"{select} WHERE {read.where}" if read.where else select
    ordering = _ordering(read)
    if ordering:
        sql += " ORDER BY " + ", ".join(ordering)
    if read.limit is not None:
        sql += f" LIMIT {int(read.limit)}"
    if read.lock:
        sql += f" {read.lock}" + (f" OF {table}" if joins else "")
    return sql


def _ordering(read: Read) -> list[str]:
    """ORDER BY terms (qualified with the table) for the read's ordering."""
    meta = read.model._meta
    explicit = read.order_by is not None
    names: Sequence[Any] = read.order_by if read.order_by is not None else meta.ordering or ()
    quote = connection.ops.quote_name
    terms = []
    for name in names:
        if not isinstance(name, str):
            raise ValueError(f"{read.model.__name__}: ordering by expressions is not supported")
        descending = name.startswith("-")
        bare = name.lstrip("-")
        try:
            field = meta.pk if bare == "pk" else meta.get_field(bare)
        except FieldDoesNotExist:
            field = None
        own_column = None if field is None or field.is_relation else getattr(field, "column", None)
        if not own_column:
            if explicit:
                raise ValueError(f"{read.model.__name__}.{bare}: not one of its own columns")
            return []  # the default ordering needs a join: database order, as documented
        column = f"{quote(meta.db_table)}.{quote(own_column)}"
        terms.append(column + (" DESC" if descending else " ASC"))
    return terms


_Converters = list[tuple[int, list[Callable[..., Any]], Any]]
# Per connection (a thread's), per model: which columns need converting, and how.
_converters_cache: "weakref.WeakKeyDictionary[Any, dict[type[Model], _Converters]]" = (
    weakref.WeakKeyDictionary()
)


def _converters(current: Any, model: type[Model]) -> _Converters:
    known = _converters_cache.setdefault(current, {})
    if model not in known:
        compiler = current.ops.compiler("SQLCompiler")(Query(model), current, current.alias)
        fields = model._meta.concrete_fields
        found = compiler.get_converters([f.get_col(model._meta.db_table) for f in fields])
        known[model] = [(pos, converters, col) for pos, (converters, col) in found.items()]
    return known[model]


def _instances(read: Read, rows: list[Any]) -> list[Any]:
    """A row holds each part's columns in turn; the joined instances are set on the first,
    as select_related sets them."""
    current = connections[DEFAULT_DB_ALIAS]
    spans = []
    start = 0
    for part in _parts(read):
        fields = part.model._meta.concrete_fields
        names = [f.attname for f in fields]
        spans.append((part, start, names, _converters(current, part.model)))
        start += len(fields)
    result = []
    for row in rows:
        instances: list[Any] = []
        for part, begin, names, converters in spans:
            values = list(row[begin : begin + len(names)])
            for pos, functions, col in converters:
                value = values[pos]
                for function in functions:
                    value = function(value, col, current)
                values[pos] = value
            instance = part.model.from_db(current.alias, names, values)
            if part.via is not None:
                setattr(instances[0], part.via, instance)
            instances.append(instance)
        result.append(instances[0])
    return result
