"""A report's content stamp: what a page may keep between requests, and until when (ADR 33).

Every write to a report's content adds a `ReportContentChange` row in the writer's own
transaction; the newest row's id is the report's content stamp. A page that reads the report
with its stamp (reports.selectors.report_visible) may keep the rows it reads next under a key
that holds the stamp (`kept_rows`): any later write gives a new stamp, so a new key; a write
that is rolled back leaves no row and changes nothing. Nothing is invalidated, and the rows
kept under an old stamp age out of the cache.

The record is made at the model layer, so that no write path can forget it: `post_save` and
`post_delete` for rows saved or deleted one by one (a cascade too), and
`ReportContentQuerySet` for the bulk writes that send no signals (`update`, `bulk_create`,
`bulk_update`). A model is report content once its app registers it (`content_register`)
and gives it that QuerySet as its manager; tests/test_content_changes.py checks both for
every model that a page keeps.

Rows are only appended (no row is locked, so saves of different answers of one report go
on side by side, as reports/services.py `_answer_held` wants); `content_changes_prune`
removes all but the newest per report.
"""

import dataclasses
import functools
import hashlib
from collections.abc import Callable, Iterable
from typing import Any, TypeVar

from django.apps import apps
from django.core.cache import cache
from django.db import models, transaction
from django.db.models import Exists, OuterRef, Subquery
from django.db.models.functions import Coalesce
from django.db.models.signals import post_delete, post_save

T = TypeVar("T")
_M = TypeVar("_M", bound=models.Model)

# A day: rows kept under a stamp that is no longer the newest are not asked for again.
KEPT_SECONDS = 24 * 60 * 60

# Per content model: the lookup from its row to the report's id.
_REPORT_LOOKUP: dict[type[models.Model], str] = {}


class ReportContentChange(models.Model):
    """One write to a report's content; the newest id per report is its content stamp.

    No database constraint on the report: a report deleted with its content leaves the rows
    written while it was deleted, which `content_changes_prune` removes."""

    id = models.BigAutoField(primary_key=True)
    report = models.ForeignKey(
        "reports.Report",
        on_delete=models.DO_NOTHING,
        db_constraint=False,
        db_index=False,
        related_name="+",
    )

    class Meta:
        app_label = "reports"
        indexes = [models.Index(fields=["report", "id"], name="reports_content_stamp")]

    def __str__(self) -> str:
        return f"{self.report_id}: {self.pk}"


def content_changed(*, report_ids: Iterable[int | None]) -> None:
    """Record a write to these reports' content (inside the writer's transaction)."""
    wanted = sorted({report_id for report_id in report_ids if report_id is not None})
    if wanted:
        ReportContentChange.objects.bulk_create(
            [ReportContentChange(report_id=report_id) for report_id in wanted]
        )


def _report_ids_of(model: type[models.Model], rows: Iterable[models.Model]) -> set[int]:
    """The reports of these rows: from the row itself, or through the row it belongs to
    (a bottleneck code's answer)."""
    lookup = _REPORT_LOOKUP[model]
    if "__" not in lookup:
        return {getattr(row, lookup) for row in rows}
    via, _, rest = lookup.partition("__")
    field = model._meta.get_field(via)
    if not isinstance(field, models.ForeignKey):
        raise TypeError(f"{model.__name__}.{via}: not a foreign key")
    keys = {getattr(row, field.attname) for row in rows}
    related = field.related_model._base_manager  # type: ignore[union-attr]
    return set(related.filter(pk__in=keys).values_list(rest, flat=True))


class ReportContentQuerySet(models.QuerySet[_M]):
    """The bulk writes of a content model, each recorded as a content change."""

    def update(self, **kwargs: Any) -> int:
        with transaction.atomic(using=self.db, savepoint=False):
            report_ids = set(
                self.order_by().values_list(_REPORT_LOOKUP[self.model], flat=True).distinct()
            )
            updated = super().update(**kwargs)
            if updated:
                content_changed(report_ids=report_ids)
        return updated

    def bulk_create(self, objs: Iterable[_M], *args: Any, **kwargs: Any) -> list[_M]:
        with transaction.atomic(using=self.db, savepoint=False):
            created = super().bulk_create(objs, *args, **kwargs)
            content_changed(report_ids=_report_ids_of(self.model, created))
        return created

    def bulk_update(self, objs: Iterable[_M], fields: Any, *args: Any, **kwargs: Any) -> int:
        objs = list(objs)
        with transaction.atomic(using=self.db, savepoint=False):
            updated = super().bulk_update(objs, fields, *args, **kwargs)
            if updated:
                content_changed(report_ids=_report_ids_of(self.model, objs))
        return updated


def _row_written(sender: type[models.Model], instance: models.Model, **kwargs: Any) -> None:
    if kwargs.get("raw"):
        return  # fixtures loaded as they are
    # A bottleneck code deleted with its answer finds no report: the answer's record covers it.
    content_changed(report_ids=_report_ids_of(sender, [instance]))


def content_register(model: type[models.Model], *, report_lookup: str = "report_id") -> None:
    """Make `model` report content: each write to it changes its report's stamp. Its manager
    must be a ReportContentQuerySet (the bulk writes); called from the app's ready()."""
    if not isinstance(model._default_manager.all(), ReportContentQuerySet):
        raise TypeError(f"{model.__name__}: objects = ReportContentQuerySet.as_manager()")
    _REPORT_LOOKUP[model] = report_lookup
    uid = f"report-content-{model._meta.label_lower}"
    post_save.connect(_row_written, sender=model, dispatch_uid=f"{uid}-save")
    post_delete.connect(_row_written, sender=model, dispatch_uid=f"{uid}-delete")


def content_models() -> list[type[models.Model]]:
    return list(_REPORT_LOOKUP)


def content_stamp() -> Coalesce:
    """The annotation `content_stamp` of a Report query (0 before any recorded write)."""
    newest = (
        ReportContentChange.objects.filter(report_id=OuterRef("pk"))
        .order_by("-id")
        .values("id")[:1]
    )
    return Coalesce(Subquery(newest), 0)


@functools.cache
def _models_shape() -> str:
    """A digest of every model's columns: rows kept by an earlier release whose models had
    other columns are never read back (the shared cache outlives a deploy)."""
    digest = hashlib.blake2b(digest_size=8)
    for model in sorted(apps.get_models(), key=lambda model: model._meta.label):
        digest.update(model._meta.label.encode())
        for field in model._meta.concrete_fields:
            digest.update(field.attname.encode())
    return digest.hexdigest()


def _complete(rows: Any) -> bool:
    """False for a kept data class that an earlier release made with other fields."""
    if not dataclasses.is_dataclass(rows):
        return True
    return set(vars(rows)) == {field.name for field in dataclasses.fields(rows)}


def kept_rows(*, report: Any, part: str, read: Callable[[], T]) -> T:
    """`read()` kept under the report's content stamp, when the report was read with one
    (report_visible); read again otherwise. `part` names what is read (and for what: the
    rows of one theme, say), so that different reads never share a key."""
    stamp = getattr(report, "content_stamp", None)
    if stamp is None:
        return read()
    key = f"report-rows:{_models_shape()}:{report.pk}:{stamp}:{part}"
    rows = cache.get(key)
    if rows is None or not _complete(rows):
        rows = read()
        cache.set(key, rows, KEPT_SECONDS)
    return rows


def content_changes_prune() -> int:
    """Remove every record but the newest of each report, and those of deleted reports;
    returns how many. No stamp changes."""
    report_model = apps.get_model("reports", "Report")
    newer = ReportContentChange.objects.filter(
        report_id=OuterRef("report_id"), id__gt=OuterRef("id")
    )
    report = report_model.objects.filter(pk=OuterRef("report_id"))
    deleted, _ = ReportContentChange.objects.filter(Exists(newer) | ~Exists(report)).delete()
    return deleted
