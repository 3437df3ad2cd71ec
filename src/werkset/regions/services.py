"""Loading the networks, regions and organisations from the regions data file."""

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import yaml
from django.db import transaction
from django.utils.translation import gettext as _

from werkset.core.models import AuditAction
from werkset.core.services import audit_record

from .models import Organisation, Region, RegionalNetwork, VeiligThuisRegion


class RegionsFileError(Exception):
    """The regions file is unreadable or incomplete; nothing was written."""


@dataclass(frozen=True)
class RegionsLoadResult:
    organisations: int
    networks: int
    regions: int
    created: int


def _require(mapping: Any, key: str, place: str, path: Path) -> Any:
    if not isinstance(mapping, dict) or key not in mapping or mapping[key] in (None, ""):
        raise RegionsFileError(
            _("%(file)s, %(place)s: required field '%(key)s' is missing.")
            % {"file": path.name, "place": place, "key": key}
        )
    return mapping[key]


def _unreadable(path: Path, error: str) -> str:
    return _("%(file)s cannot be read: %(error)s") % {"file": path.name, "error": error}


def regions_load(*, path: Path, loaded_by: Any | None = None) -> RegionsLoadResult:
    """Create or update every organisation, network and region in the file (idempotent)."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as exc:
        raise RegionsFileError(_unreadable(path, str(exc))) from exc
    except UnicodeDecodeError as exc:
        raise RegionsFileError(
            _unreadable(path, _("This file is not a text file in UTF-8."))
        ) from exc
    except RecursionError as exc:
        # The YAML parser recurses per level of nesting; a regions file has four.
        raise RegionsFileError(
            _unreadable(path, _("This file is nested too deeply to be read."))
        ) from exc

    created = 0
    region_codes: set[str] = set()
    with transaction.atomic():
        for position, item in enumerate(_require(data, "organisations", "top", path)):
            place = f"organisations[{position}]"
            _organisation, was_created = Organisation.objects.update_or_create(
                code=str(_require(item, "code", place, path)),
                defaults={
                    "name": _require(item, "name", place, path),
                    "short_name": _require(item, "short_name", place, path),
                    "core_partner": bool(item.get("core_partner", False)),
                    "position": position,
                },
            )
            created += was_created
        region_position = 0
        for network_position, item in enumerate(_require(data, "networks", "top", path)):
            place = f"networks[{network_position}]"
            network, was_created = RegionalNetwork.objects.update_or_create(
                code=_require(item, "code", place, path),
                defaults={
                    "name": _require(item, "name", place, path),
                    "arrondissement": _require(item, "arrondissement", place, path),
                    "position": network_position,
                },
            )
            created += was_created
            for index, region_item in enumerate(_require(item, "regions", place, path)):
                region_place = f"{place}.regions[{index}]"
                code = _require(region_item, "code", region_place, path)
                if code in region_codes:
                    raise RegionsFileError(
                        _("%(file)s, %(place)s: region code '%(code)s' occurs twice.")
                        % {"file": path.name, "place": region_place, "code": code}
                    )
                region_codes.add(code)
                region, was_created = Region.objects.update_or_create(
                    code=code,
                    defaults={
                        "name": _require(region_item, "name", region_place, path),
                        "network": network,
                        "position": region_position,
                    },
                )
                created += was_created
                region_position += 1
                vt_regions = [
                    VeiligThuisRegion.objects.get_or_create(name=name)[0]
                    for name in _require(region_item, "vt", region_place, path)
                ]
                region.veilig_thuis_regions.set(vt_regions)
        result = RegionsLoadResult(
            organisations=Organisation.objects.count(),
            networks=RegionalNetwork.objects.count(),
            regions=Region.objects.count(),
            created=created,
        )
        if created:
            audit_record(
                actor=loaded_by,
                action=AuditAction.REGIONS_LOADED,
                summary=_("Regions loaded from %(file)s") % {"file": path.name},
                detail={"created": created},
            )
    return result
