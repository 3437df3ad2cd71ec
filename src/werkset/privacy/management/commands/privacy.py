import json
import sys
from typing import Any

from django.core.management.base import BaseCommand, CommandParser

from werkset.privacy.detectors import scan


class Command(BaseCommand):
    help = (
        "Privacy: 'werkset privacy scan' leest tekst van standaardinvoer en toont wat op "
        "persoonsgegevens lijkt als JSON (soort, gevonden tekst, positie)."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        sub.add_parser("scan", help="Scan tekst van standaardinvoer.")

    def handle(self, *args: Any, **options: Any) -> None:
        text = sys.stdin.read()
        hits = [hit.as_dict() for hit in scan(text)]
        self.stdout.write(json.dumps(hits, ensure_ascii=False, indent=2))
