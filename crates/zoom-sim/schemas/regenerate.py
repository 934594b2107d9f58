#!/usr/bin/env python3
"""Regenerates zoom-user-api.json from Zoom's OpenAPI spec for Users, Groups and Contact Groups.

Usage: regenerate.py path/to/ZoomUserAPISpec.json > zoom-user-api.json

For each operation the simulator serves, keeps the success response's JSON schema with its
structure (types, properties, items, required lists, enums, formats, limits) and drops Zoom's
prose (descriptions, examples) and vendor extensions. References are inlined. The tests read
only the output file, never the spec.
"""
import json
import sys

SERVED = [
    "users", "user", "userCreate",
    "groups", "group", "groupMembers", "groupMembersCreate", "groupAdmins", "groupAdminsCreate",
    "contactGroups", "contactGroupMembers", "contactGroupMemberAdd",
]
KEEP = {
    "type", "properties", "items", "required", "enum", "format", "allOf", "oneOf", "anyOf",
    "maxItems", "minItems", "maximum", "minimum", "maxLength", "minLength", "pattern",
    "additionalProperties",
}


def resolve(spec, node):
    while isinstance(node, dict) and "$ref" in node:
        path = node["$ref"].lstrip("#/").split("/")
        node = spec
        for part in path:
            node = node[part]
    return node


def strip(spec, node):
    node = resolve(spec, node)
    if isinstance(node, list):
        return [strip(spec, item) for item in node]
    if not isinstance(node, dict):
        return node
    out = {}
    for key, value in node.items():
        if key not in KEEP:
            continue
        if key == "properties":
            out[key] = {name: strip(spec, schema) for name, schema in value.items()}
        elif isinstance(value, (dict, list)) and key not in ("required", "enum"):
            out[key] = strip(spec, value)
        else:
            out[key] = value
    return out


def main():
    spec = json.load(open(sys.argv[1]))
    schemas = {}
    for path, operations in spec["paths"].items():
        for method, op in operations.items():
            if not isinstance(op, dict) or op.get("operationId") not in SERVED:
                continue
            status, response = next((k, v) for k, v in op["responses"].items() if k != "default")
            content = resolve(spec, response).get("content", {}).get("application/json")
            schemas[op["operationId"]] = {
                "method": method.upper(),
                "path": path,
                "status": int(status),
                "schema": strip(spec, content["schema"]) if content else None,
            }
    # Zoom's current payloads list contact-group members under `group_members` (the spec of
    # March 2025 says `members`); the simulator emits the current key, validated with the
    # spec's own item schema.
    members = schemas["contactGroupMembers"]["schema"]["properties"]
    members["group_members"] = members["members"]
    out = {name: schemas[name] for name in SERVED}
    json.dump(out, sys.stdout, indent=1, sort_keys=True)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
