"""Who a report is for: a regional network as a whole, or one of its Actieoverleg regions
(issue 18). The imports and exports name a report by its unit, period and version."""

from dataclasses import dataclass

from django.db.models import Q

from werkset.regions.models import Region, RegionalNetwork


@dataclass(frozen=True)
class ReportUnit:
    network: RegionalNetwork
    region: Region | None = None

    @property
    def name(self) -> str:
        return self.region.name if self.region is not None else self.network.name

    @property
    def region_id(self) -> int | None:
        return self.region.pk if self.region is not None else None

    def reports(self) -> Q:
        """The condition on reports that are this unit's."""
        if self.region is not None:
            return Q(region=self.region)
        return Q(network=self.network, region__isnull=True)
