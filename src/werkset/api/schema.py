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


PROBLEM_SCHEMA = {
    "type": "object",
    "description": "Problem details (RFC 9457), de vorm van elke fout van de API (API-46).",
    "properties": {
        "type": {"type": "string", "example": "about:blank"},
        "title": {"type": "string", "example": "Niet gevonden"},
        "status": {"type": "integer", "example": 404},
        "detail": {"type": "string"},
        "invalid-params": {
            "type": "array",
            "description": "Bij ongeldige invoer: welk veld, en waarom.",
            "items": {
                "type": "object",
                "properties": {"name": {"type": "string"}, "reason": {"type": "string"}},
                "required": ["name", "reason"],
            },
        },
    },
    "required": ["type", "title", "status"],
}
PROBLEMS = {
    "400": "Ongeldige invoer of een verzoek dat niet gelezen kon worden.",
    "401": "Niet ingelogd of een ongeldig token.",
    "403": "Geen toegang tot deze handeling.",
    "404": "Niet gevonden, of niet zichtbaar voor u (dat wordt niet onderscheiden).",
    "409": "Nu niet mogelijk, of in de tussentijd gewijzigd.",
}


def problem_responses(result: Any, generator: Any, request: Any, public: Any) -> Any:
    """Describe the errors each operation can give, all as problem details: 401 and 403
    everywhere, 400 where there is input, 404 for one thing by its key, 409 for writes."""
    components = result.setdefault("components", {})
    components.setdefault("schemas", {})["Problem"] = PROBLEM_SCHEMA
    components.setdefault("responses", {}).update(
        {
            f"Problem{code}": {
                "description": description,
                "content": {
                    "application/problem+json": {"schema": {"$ref": "#/components/schemas/Problem"}}
                },
            }
            for code, description in PROBLEMS.items()
        }
    )
    for path, operations in result.get("paths", {}).items():
        for method, operation in operations.items():
            if not isinstance(operation, dict) or "responses" not in operation:
                continue
            codes = ["401", "403"]
            if operation.get("parameters") or operation.get("requestBody"):
                codes.append("400")
            if "{" in path:
                codes.append("404")
            if method in ("post", "put"):
                codes.append("409")
            for code in sorted(codes):
                operation["responses"].setdefault(
                    code, {"$ref": f"#/components/responses/Problem{code}"}
                )
    return result
