"""`werkset oidc discover [URL]`: the provider's endpoints, read once from its discovery
document, as the WERKSET_OIDC_* lines to set. The web process never fetches the document."""

from typing import Any
from urllib.parse import urlsplit

import requests
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError, CommandParser

# Environment variable per field of the discovery document (OpenID Connect Discovery 1.0).
REQUIRED_FIELDS = {
    "WERKSET_OIDC_AUTHORIZATION_ENDPOINT": "authorization_endpoint",
    "WERKSET_OIDC_TOKEN_ENDPOINT": "token_endpoint",
    "WERKSET_OIDC_USER_ENDPOINT": "userinfo_endpoint",
    "WERKSET_OIDC_JWKS_ENDPOINT": "jwks_uri",
}
OPTIONAL_FIELDS = {"WERKSET_OIDC_END_SESSION_ENDPOINT": "end_session_endpoint"}


def _endpoint(document: dict[str, Any], field: str) -> str:
    """A field that must be an https address (http only for a provider on this machine);
    anything else would end up in the environment unchecked."""
    value = document.get(field)
    if not isinstance(value, str):
        raise CommandError(f"Het discovery-document noemt geen {field}.")
    parts = urlsplit(value)
    local = parts.hostname in {"localhost", "127.0.0.1", "::1"}
    if (
        parts.scheme not in ({"https", "http"} if local else {"https"})
        or not parts.hostname
        or any(character.isspace() for character in value)
    ):
        raise CommandError(f"{field} in het discovery-document is geen https-adres: {value!r}")
    return value


class Command(BaseCommand):
    help = (
        "Single sign-on: 'werkset oidc discover [URL]' haalt het discovery-document van de "
        "identity provider één keer op en toont de WERKSET_OIDC_*-omgevingsvariabelen om in "
        "te stellen. Zonder URL: WERKSET_OIDC_DISCOVERY_URL."
    )

    def add_arguments(self, parser: CommandParser) -> None:
        sub = parser.add_subparsers(dest="action", required=True)
        discover = sub.add_parser("discover", help="Toon de endpoints van de provider.")
        discover.add_argument(
            "url",
            nargs="?",
            default="",
            help="Adres van .well-known/openid-configuration (of WERKSET_OIDC_DISCOVERY_URL).",
        )

    def handle(self, *args: Any, **options: Any) -> None:
        url = options["url"] or settings.WERKSET_OIDC_DISCOVERY_URL
        if not url:
            raise CommandError(
                "Geef het adres van het discovery-document, of zet WERKSET_OIDC_DISCOVERY_URL."
            )
        try:
            response = requests.get(
                url, verify=settings.OIDC_VERIFY_SSL, timeout=settings.OIDC_TIMEOUT
            )
            response.raise_for_status()
            document = response.json()
        except ValueError as error:  # requests' JSONDecodeError is one too
            raise CommandError(f"Het discovery-document op {url} is geen JSON.") from error
        except requests.RequestException as error:
            raise CommandError(
                f"Het discovery-document op {url} is niet op te halen: {type(error).__name__}"
                + (f" (HTTP {error.response.status_code})" if error.response is not None else "")
            ) from error
        if not isinstance(document, dict):
            raise CommandError(f"Het discovery-document op {url} is geen JSON-object.")
        lines = [f"{name}={_endpoint(document, field)}" for name, field in REQUIRED_FIELDS.items()]
        for name, field in OPTIONAL_FIELDS.items():
            if field in document:
                lines.append(f"{name}={_endpoint(document, field)}")
            else:
                self.stderr.write(
                    f"De provider noemt geen {field}: uitloggen bij de provider kan niet."
                )
        self.stdout.write("\n".join(lines))
