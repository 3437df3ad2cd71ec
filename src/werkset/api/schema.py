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
