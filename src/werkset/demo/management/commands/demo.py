import os
from typing import Any

from django.core.management.base import BaseCommand, CommandError

from werkset.comparison.demo import DemoRefused as ComparisonDemoRefused
from werkset.comparison.demo import comparison_demo_create
from werkset.demo.self_audit import demo_self_audit_create
from werkset.demo.services import (
    DEMO_OPEN_PERIOD,
    DemoRefused,
    demo_network_report_create,
    demo_password_generate,
    demo_reports_create,
    demo_users_create,
)
from werkset.demo.states import demo_states_create
from werkset.improvement.demo import DemoRefused as ImprovementDemoRefused
from werkset.improvement.demo import improvement_demo_create
from werkset.inventories.demo import DemoRefused as InventoryDemoRefused
from werkset.inventories.demo import inventory_demo_create
from werkset.knowledge.indexing import knowledge_rebuild
from werkset.register.demo import register_demo_create
from werkset.rounds.selectors import rounds_open


class Command(BaseCommand):
    help = (
        "Maakt één demo-account per rol (rapporteur, netwerklid, landelijk, beheerder) en "
        "fictieve demorapportages, met de netwerkrapportage Noord-Nederland 2022 (seed 001). "
        "Wachtwoord uit WERKSET_DEMO_PASSWORD, anders een willekeurig wachtwoord dat wordt getoond."
    )

    def handle(self, *args: Any, **options: Any) -> None:
        password = os.environ.get("WERKSET_DEMO_PASSWORD") or demo_password_generate()
        try:
            logins = demo_users_create(password=password)
            reports = demo_reports_create()
            network_report = demo_network_report_create()
            self_audit = demo_self_audit_create()
            national = comparison_demo_create()
            improvement = improvement_demo_create()
            states = demo_states_create()
            inventory = inventory_demo_create()
            # The year of the demo's report under discussion, which proposes from it.
            register = register_demo_create(year=int(DEMO_OPEN_PERIOD))
            # The demo writes finalised reports directly: the kennisbank indexes them all.
            passages = knowledge_rebuild()
        except (
            DemoRefused,
            ComparisonDemoRefused,
            ImprovementDemoRefused,
            InventoryDemoRefused,
        ) as exc:
            raise CommandError(str(exc)) from exc
        self.stdout.write("Demo-accounts (fictief, alleen voor uitproberen):")
        for login in logins:
            self.stdout.write(f"  {login.username:<16} {login.role:<20} {login.scope}")
        for report in reports:
            self.stdout.write(f"Demorapportage: {report} — {report.get_status_display()}")
        for other in (states.concept, states.put_forward):
            if other is not None:
                self.stdout.write(f"Demorapportage: {other} — {other.get_status_display()}")
        if states.removed is not None:
            self.stdout.write(
                f"Verwijderd concept (terug te zetten door rapporteur-oost): {states.removed}"
            )
        if states.withdrawn is not None:
            self.stdout.write(
                f"Ingetrokken door landelijk: {states.withdrawn} — "
                f"{states.withdrawn.get_status_display()}"
            )
        self.stdout.write(
            f"Landelijke inventarisatie: {inventory.inventory.title}, {inventory.regions} regio's "
            "vastgelegd uit de bevindingen van 2020 (seed 002)."
        )
        for reporting_round in rounds_open():
            self.stdout.write(
                f"Open rapportageronde: {reporting_round.period_label}, "
                f"{reporting_round.catalogue_version.slug}, deadline {reporting_round.deadline}"
            )
        if network_report is not None:
            self.stdout.write(
                f"Netwerkrapportage: {network_report} — {network_report.get_status_display()}"
            )
        else:
            self.stdout.write(
                "Netwerkrapportage Noord-Nederland 2022 overgeslagen: het netwerk rapporteert "
                "hier voor 2022 al per regio."
            )
        if self_audit is not None:
            self.stdout.write(
                f"Zelf-audit van het netwerk (Werkset 2.0 met resultaten): {self_audit} — "
                f"{self_audit.get_status_display()}"
            )
        self.stdout.write(
            f"Landelijke demorapportages (fictief): {national.reports} aangemaakt, "
            f"{national.skipped} al aanwezig."
        )
        if not improvement.skipped:
            self.stdout.write(
                f"Verbetercyclus Noord-Nederland (fictief): {improvement.points} verbeterpunten, "
                f"waarvan {improvement.overdue} verlopen; collegiale audit van Friesland 2024 "
                "door Oost-Nederland afgerond."
            )
        self.stdout.write(
            f"Kennisbank: {passages} doorzoekbare passages uit vastgestelde rapportages."
        )
        self.stdout.write(
            "landelijk en beheerder koppelen bij de eerste keer inloggen een authenticator-app "
            "(tweestapsverificatie); de sleutel staat op die pagina."
        )
        if not register.skipped:
            self.stdout.write(
                f"Actieoverleg-register (fictief): {register.meetings} overleggen in Friesland en "
                f"IJsselland, {register.actions} afgesproken acties."
            )
        if os.environ.get("WERKSET_DEMO_PASSWORD"):
            self.stdout.write("Wachtwoord: de waarde van WERKSET_DEMO_PASSWORD.")
        else:
            self.stdout.write(f"Wachtwoord voor alle demo-accounts: {password}")
