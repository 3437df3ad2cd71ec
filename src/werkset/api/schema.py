"""Tell drf-spectacular how personal tokens authenticate, so the schema documents it."""

from typing import Any

from drf_spectacular.extensions import OpenApiAuthenticationExtension


class ApiTokenScheme(OpenApiAuthenticationExtension):
    target_class = "werkset.api.authentication.ApiTokenAuthentication"
    name = "persoonlijkToken"

    def get_security_definition(self, auto_schema: Any) -> dict[str, str]:
        return {
            "type": "apiKey",
            "in": "header",
            "name": "Authorization",
            "description": "Persoonlijk token: `Authorization: Token ws_…`.",
        }


def nullable_as_type_array(result: Any, generator: Any, request: Any, public: Any) -> Any:
    """OpenAPI 3.1 is JSON Schema: `nullable: true` (3.0 style) becomes a `null` type."""

    def walk(node: Any) -> None:
        if isinstance(node, dict):
            if node.pop("nullable", False):
                kind = node.get("type")
                if isinstance(kind, str):
                    node["type"] = [kind, "null"]
                elif "$ref" in node or "allOf" in node or "oneOf" in node:
                    options = node.pop("oneOf", None) or [
                        {k: node.pop(k)} for k in ("$ref", "allOf") if k in node
                    ]
                    node["oneOf"] = [*options, {"type": "null"}]
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for value in node:
                walk(value)

    walk(result)
    return result


API_VERSION_HEADER = {
    "description": "De volledige versie van de API (API Design Rules, API-57).",
    "schema": {"type": "string", "example": "1.0.0"},
}
LINK_HEADER = {
    "description": (
        "Links naar de eerste, vorige, volgende en laatste pagina (RFC 8288), bijvoorbeeld "
        '`<https://…/api/v1/rapportages?page=2>; rel="next"`.'
    ),
    "schema": {"type": "string"},
}


def response_headers(result: Any, generator: Any, request: Any, public: Any) -> Any:
    """Describe the headers every answer carries: `API-Version` on each success, and `Link` on
    each page of a list (api/middleware.py and api/pagination.py send them)."""
    components = result.setdefault("components", {})
    components.setdefault("headers", {}).update(
        {"API-Version": API_VERSION_HEADER, "Link": LINK_HEADER}
    )
    for operations in result.get("paths", {}).values():
        for operation in operations.values():
            if not isinstance(operation, dict):
                continue
            for code, response in operation.get("responses", {}).items():
                if not str(code).startswith(("2", "3")):
                    continue
                headers = response.setdefault("headers", {})
                headers["API-Version"] = {"$ref": "#/components/headers/API-Version"}
                schema = response.get("content", {}).get("application/json", {}).get("schema", {})
                if str(schema.get("$ref", "")).startswith("#/components/schemas/Paginated"):
                    headers["Link"] = {"$ref": "#/components/headers/Link"}
    return result
