"""The data dictionary, generated from the Table Schemas."""

from ...data.records import referenced
from ...publish.csv_files import csv_path
from ..page import Page

KEBAB_PATTERN = "^[a-z0-9]+(-[a-z0-9]+)*$"


def _constraints(field: dict) -> list[str]:
    out = []
    for key, value in field.get("constraints", {}).items():
        if key == "pattern" and value == KEBAB_PATTERN:
            out.append("kebab-case")
            continue
        if key == "enum":
            value = ", ".join(value)
        out.append(f"{key}: {value}" if value is not True else key)
    return out


def dictionary(page: Page) -> list[dict]:
    build, lang = page.build, page.lang
    out = []
    for res in build.descriptor["resources"]:
        schema = res["schema_data"]
        keys = {fk["fields"]: referenced(fk, res["name"]) for fk in schema.get("foreignKeys", [])}
        out.append(
            {
                "name": res["name"],
                "title": build.described(res, "title", lang),
                "description": build.described(res, "description", lang),
                "csv": page.link(csv_path(res["name"])),
                "schema": page.link(f"data/schemas/{res['name']}.json"),
                "rows": len(build.data[res["name"]]),
                "primary_key": ", ".join(schema.get("primaryKey", [])),
                "fields": [
                    {
                        "name": f["name"],
                        "title": build.described(f, "title", lang),
                        "type": f["type"],
                        "description": build.described(f, "description", lang),
                        "constraints": _constraints(f),
                        "reference": keys.get(f["name"]),
                    }
                    for f in schema["fields"]
                ],
            }
        )
    return out
