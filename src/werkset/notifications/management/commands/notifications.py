from typing import Any

from django.core.management.base import BaseCommand, CommandParser
from django.utils import timezone

from werkset.notifications.services import daily_check


class Command(BaseCommand):
    help = (
        "Meldingen: 'werkset notifications check' meldt verlopen verbeterpunten aan hun "
        "eigenaar (eenmaal per punt) en een naderende of verstreken deadline van een "
        "rapportageronde aan de rapporteurs van eenheden die nog niet hebben ingediend "
        "(eenmaal per eenheid, ronde en soort); dagelijks uit te voeren."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("check", help="Meld wat sinds de vorige keer verlopen is (idempotent).")

    def handle(self, *args: Any, **options: Any) -> None:
        made = daily_check(on=timezone.localdate())
        self.stdout.write(f"Meldingen gemaakt: {made}.")
