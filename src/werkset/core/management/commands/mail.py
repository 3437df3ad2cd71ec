"""`werkset mail check ADDRESS`: send one test message through the queue, to check the
WERKSET_EMAIL_* settings (the worker sends it when a broker is set; at once otherwise)."""

from typing import Any

from django.conf import settings
from django.core.exceptions import ValidationError
from django.core.management.base import BaseCommand, CommandError, CommandParser
from django.core.validators import validate_email

from werkset.core.mail import mail_queue


class Command(BaseCommand):
    help = "E-mail: 'werkset mail check ADRES' verstuurt één testbericht via de wachtrij."

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        check = sub.add_parser("check", help="Verstuur een testbericht.")
        check.add_argument("address", help="Het e-mailadres dat het testbericht krijgt.")

    def handle(self, *args: Any, **options: Any) -> None:
        address = options["address"].strip()
        try:
            validate_email(address)
        except ValidationError as exc:
            raise CommandError(f"{address!r} is geen e-mailadres.") from exc
        mail_queue(
            to=[address],
            template="core/mail/check",
            context={"operator": settings.WERKSET_OPERATOR_NAME},
        )
        self.stdout.write("Testbericht in de wachtrij gezet (zie het log van de worker).")
