"""A consistent, restorable archive of the whole database and the uploaded files.

The archive is a zip: data.json (Django's serialisation with natural keys, dumped in
one read-only repeatable-read transaction), media/ (uploaded files) and manifest.json
(format, migrations and row counts, checked again after a restore).
"""

import datetime
import io
import json
import zipfile
from collections import Counter
from pathlib import Path
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.management import call_command
from django.core.management.color import no_style
from django.core.serializers.json import DjangoJSONEncoder
from django.db import connection, transaction
from django.db.migrations.recorder import MigrationRecorder
from django.utils import timezone

import werkset

BACKUP_FORMAT = 1
# Rebuilt by `migrate` (content types, permissions) or transient (sessions).
EXCLUDED_MODELS = {"contenttypes.contenttype", "auth.permission", "sessions.session"}


class LosslessJSONEncoder(DjangoJSONEncoder):
    """Django's encoder cuts datetimes to milliseconds; a backup keeps every microsecond."""

    def default(self, o: Any) -> Any:
        if isinstance(o, datetime.datetime | datetime.time):
            return o.isoformat().replace("+00:00", "Z")
        return super().default(o)


class BackupError(Exception):
    """The archive cannot be written or restored; the message says why, in Dutch."""


def _models() -> list[Any]:
    """Every model to archive, in dependency order (natural keys must load before use)."""
    app_list = [
        (config, [m for m in config.get_models() if m._meta.label_lower not in EXCLUDED_MODELS])
        for config in apps.get_app_configs()
    ]
    ordered = serializers.sort_dependencies(app_list, allow_cycles=True)
    return [model for model in ordered if model._meta.managed]


def _migrations() -> dict[str, list[str]]:
    applied: dict[str, list[str]] = {}
    for app, name in MigrationRecorder(connection).migration_qs.values_list("app", "name"):
        applied.setdefault(app, []).append(name)
    return {app: sorted(names) for app, names in sorted(applied.items())}


def _media_root() -> Path | None:
    root = getattr(settings, "MEDIA_ROOT", "")
    return Path(root) if root else None


def backup_write(*, target: io.BufferedIOBase | Any) -> dict[str, Any]:
    """Write the archive to a binary file object; returns the manifest."""
    with transaction.atomic():
        if connection.vendor == "postgresql":
            with connection.cursor() as cursor:
                cursor.execute("SET TRANSACTION ISOLATION LEVEL REPEATABLE READ READ ONLY")
        objects = [
            obj for model in _models() for obj in model._default_manager.order_by("pk").iterator()
        ]
        data = serializers.serialize(
            "json",
            objects,
            use_natural_foreign_keys=True,
            use_natural_primary_keys=False,
            cls=LosslessJSONEncoder,
        )
        manifest = {
            "format": BACKUP_FORMAT,
            "werkset": getattr(werkset, "__version__", ""),
            "created_at": timezone.now().isoformat(),
            "database": connection.vendor,
            "migrations": _migrations(),
            "counts": dict(sorted(Counter(obj._meta.label_lower for obj in objects).items())),
        }
    with zipfile.ZipFile(target, "w", compression=zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("manifest.json", json.dumps(manifest, indent=2))
        archive.writestr("data.json", data)
        media = _media_root()
        if media is not None and media.is_dir():
            for path in sorted(p for p in media.rglob("*") if p.is_file()):
                archive.write(path, f"media/{path.relative_to(media).as_posix()}")
    return manifest


def _installation_is_empty() -> bool:
    return all(not model._default_manager.exists() for model in _models())


def backup_restore(*, source: io.BufferedIOBase | Any) -> dict[str, Any]:
    """Bring an archive back into an empty, migrated installation, all or nothing."""
    try:
        archive = zipfile.ZipFile(source)
        manifest = json.loads(archive.read("manifest.json"))
        data = archive.read("data.json").decode("utf-8")
    except (zipfile.BadZipFile, KeyError, ValueError) as exc:
        raise BackupError(
            "Dit is geen reservekopie van werkset (of het bestand is beschadigd)."
        ) from exc
    if manifest.get("format") != BACKUP_FORMAT:
        raise BackupError(f"Onbekend formaat van de reservekopie: {manifest.get('format')!r}.")
    call_command("migrate", interactive=False, verbosity=0)
    current = _migrations()
    unknown = {
        f"{app}.{name}"
        for app, names in manifest["migrations"].items()
        for name in names
        if name not in current.get(app, [])
    }
    if unknown:
        raise BackupError(
            "De reservekopie komt van een nieuwere versie van werkset (onbekende migraties: "
            + ", ".join(sorted(unknown)[:5])
            + "). Installeer eerst die versie."
        )
    if not _installation_is_empty():
        raise BackupError(
            "Terugzetten kan alleen in een lege installatie; deze database bevat al gegevens."
        )
    with transaction.atomic():
        objects = []
        with connection.constraint_checks_disabled():
            # Save while iterating: a natural key resolves once its target is saved.
            for obj in serializers.deserialize("json", data, handle_forward_references=True):
                obj.save()
                objects.append(obj)
            for obj in objects:
                if obj.deferred_fields:
                    obj.save_deferred_fields()
        connection.check_constraints()
        counts = Counter(obj.object._meta.label_lower for obj in objects)
        if dict(sorted(counts.items())) != manifest["counts"]:
            raise BackupError(
                "Na het terugzetten kloppen de aantallen niet; er is niets gewijzigd."
            )
        _reset_sequences({type(obj.object) for obj in objects})
    media = _media_root()
    if media is not None:
        for name in archive.namelist():
            if name.startswith("media/") and not name.endswith("/"):
                destination = (media / name.removeprefix("media/")).resolve()
                if media.resolve() not in destination.parents:
                    raise BackupError(f"Onveilig pad in de reservekopie: {name}")
                destination.parent.mkdir(parents=True, exist_ok=True)
                destination.write_bytes(archive.read(name))
    return manifest


def _reset_sequences(models: set[Any]) -> None:
    """After loading explicit primary keys, new rows must not collide (PostgreSQL)."""
    statements = connection.ops.sequence_reset_sql(no_style(), list(models))
    with connection.cursor() as cursor:
        for statement in statements:
            cursor.execute(statement)
