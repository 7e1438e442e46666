"""Search entries of generated pages, made from their view models.

The theme's search plugin would parse every generated page's HTML again (a fifth of the build
time at the benchmark's M scale); these pages give it their entries instead: the record's name
and lead, each figure group, year and source by its anchor. Every organisation, person and
figure stays findable by name in both languages.
"""


def entry(anchor: str, title: str, text: str = "") -> dict:
    return {"anchor": anchor, "title": title, "text": text}


def record_entries(resource: str, view: dict) -> list[dict]:
    if resource == "organisations":
        return [entry("", view["name"], view["description"])]
    roles = "; ".join(
        ", ".join([r["title"]] + ([r["organisation"]["text"]] if r["organisation"] else []))
        for r in view["roles"]
    )
    return [entry("", view["name"], roles)]


def listing_entries(name: str, rows: list) -> list[dict]:
    if name == "figures":
        return [
            entry(
                f"indicator-{g['id']}",
                g["label"],
                " ".join([g["description"]] + [f"{f['value']} {f['label']}" for f in g["figures"]]),
            )
            for g in rows
        ]
    if name == "timeline":
        return [
            entry(f"year-{y['year']}", str(y["year"]), " ".join(e["title"] for e in y["events"]))
            for y in rows
        ]
    if name == "sources":
        return [entry(s["id"], s["title"]) for s in rows]
    if name == "targets":
        return [entry(t["target"]["id"], t["target"]["label"], t["target"]["value"]) for t in rows]
    if name == "commitments":
        return [
            entry(c["id"], c["title"], " ".join([c["status"]["label"], c["quote"]]))
            for g in rows
            for c in g["rows"]
        ]
    if name == "organisations":
        return [entry(o["id"], o["link"]["text"], o["kind"]) for o in rows]
    if name == "people":
        return [entry(p["id"], p["link"]["text"]) for p in rows]
    raise KeyError(name)
