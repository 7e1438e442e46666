"""What the sources table says about a source, read from typed records or from raw text rows
alike (both are dicts with the same keys; empty cells are None or "")."""

# The days a document carries, in the order a citation prefers them.
OWN_DAYS = ("published", "interviewed", "created")


def own_days(sources: dict, source_id: str) -> list:
    """The source's own days, else those of the document it is part of (no circles)."""
    seen = set()
    while source_id in sources and source_id not in seen:
        seen.add(source_id)
        row = sources[source_id]
        if days := [row.get(c) for c in OWN_DAYS if row.get(c)]:
            return days
        source_id = row.get("part_of")
    return []
