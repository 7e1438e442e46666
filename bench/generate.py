"""Synthetic data packages for the benchmark, valid by construction.

Each package is the real package plus generated rows, written with the project's own
datapackage.json and Table Schemas, so every page and macro of the site works on it.

    python -m bench.generate SCALE OUT_DIR      # SCALE: tiny, S, M or L
"""

import csv
import json
import random
import shutil
import sys
from datetime import date, timedelta
from pathlib import Path

from macros.data import paths

# Rows added per scale. M is the target; L is twice M; S is the real data alone.
SCALES = {
    "S": {"organisations": 0, "people": 0, "figures": 0, "announcements": 0},
    "tiny": {"organisations": 12, "people": 20, "figures": 60, "announcements": 60},
    "M": {"organisations": 1000, "people": 2000, "figures": 10000, "announcements": 10000},
    "L": {"organisations": 2000, "people": 4000, "figures": 20000, "announcements": 20000},
}
# In the real data: about 1.5 roles per person, 0.5 relations per organisation.
ROLES_PER_PERSON, RELATIONS_PER_ORG = 1.5, 0.5
SOURCES_PER_ORG, INDICATORS_PER_ORG = 0.1, 0.05
WORDS = ["alpha", "bravo", "charlie", "delta", "echo", "foxtrot", "golf", "hotel", "india", "juliett", "kilo", "lima", "mike", "nebula", "oscar", "papa", "quebec", "romeo", "sierra", "tango", "uniform", "victor", "whiskey", "xray", "yankee", "zulu"]  # fmt: skip


def read(name: str) -> tuple[list[str], list[list[str]]]:
    with open(paths.PACKAGE.parent / "data" / f"{name}.csv", encoding="utf-8", newline="") as f:
        rows = list(csv.reader(f))
    return rows[0], rows[1:]


def words(rng: random.Random, n: int) -> str:
    return " ".join(rng.choice(WORDS) for _ in range(n))


def generate(scale: str, out: Path, seed: int = 2025) -> Path:
    rng = random.Random(seed)
    counts = SCALES[scale]
    if out.exists():
        shutil.rmtree(out)
    (out / "data").mkdir(parents=True)
    shutil.copytree(paths.PACKAGE.parent / "schemas", out / "schemas")
    for name in ("datapackage.json", "CHANGELOG.md", "LICENSE.md"):
        shutil.copy(paths.PACKAGE.parent / name, out / name)
    tables = {}
    for res in json.loads(paths.PACKAGE.read_text(encoding="utf-8"))["resources"]:
        tables[res["name"]] = read(res["name"])

    def add(name, row: dict):
        header, rows = tables[name]
        rows.append(["" if row.get(h) is None else str(row.get(h)) for h in header])

    n_org, n_people = counts["organisations"], counts["people"]
    n_sources = max(1, int(n_org * SOURCES_PER_ORG)) if n_org else 0
    n_ind = max(1, int(n_org * INDICATORS_PER_ORG)) if n_org else 0
    sources = [f"synthetic-source-{i}" for i in range(n_sources)]
    orgs = [f"synthetic-org-{i}" for i in range(n_org)]
    people = [f"synthetic-person-{i}" for i in range(n_people)]
    indicators = [f"synthetic-indicator-{i}" for i in range(n_ind)]
    figures = [f"synthetic-figure-{i}" for i in range(counts["figures"])]
    kinds = [r[0] for r in tables["organisation_kinds"][1]]
    day0 = date(2000, 1, 1)

    def when(i):  # spread over 2000-2024, always in the past
        return day0 + timedelta(days=(i * 7919) % 9000)

    def src(i):
        return sources[i % n_sources]

    def said(day: date, precision: str = "day") -> str:
        """A date as a quotation writes it: the validator finds day and month dates there."""
        return day.strftime("%d/%m/%Y" if precision == "day" else "%m/%Y")

    for i, s in enumerate(sources):
        add("sources", {"id": s, "kind": "interview", "title": f"Synthetic source {i} {words(rng, 4)}", "publisher_id": "news-tank-rh",
                        "published": when(i).isoformat(), "language": "fr", "rights_fr": "Données synthétiques.", "rights_en": "Synthetic data."})  # fmt: skip
    for i, o in enumerate(orgs):
        add("organisations", {"id": o, "name": f"Synthetic Org {i} {words(rng, 2).title()}", "kind": kinds[i % len(kinds)],
                              "description_fr": f"Organisation synthétique {i} : {words(rng, 25)}.", "description_en": f"Synthetic organisation {i}: {words(rng, 25)}.",
                              "founded": when(i).replace(day=1).isoformat(), "founded_precision": "month", "country": "FR",
                              "source_id": src(i), "quote": f"Organisation {i} {words(rng, 12)} {said(when(i), 'month')}"})  # fmt: skip
    for i, p in enumerate(people):
        add("people", {"id": p, "name": f"Person {words(rng, 1).title()} {i}", "source_id": src(i)})
    for i in range(int(n_people * ROLES_PER_PERSON)):
        add("roles", {"id": f"synthetic-role-{i}", "person_id": people[i % n_people], "organisation_id": orgs[(i * 7) % n_org],
                      "role_fr": f"Fonction {words(rng, 2)}", "role_en": f"Role {words(rng, 2)}", "since": when(i).isoformat(),
                      "since_precision": "day", "source_id": src(i), "quote": f"Role {i} {words(rng, 10)} {said(when(i))}"})  # fmt: skip
    types = [r[0] for r in tables["relation_types"][1]]
    for i in range(int(n_org * RELATIONS_PER_ORG)):
        a, b = orgs[i % n_org], orgs[(i * 13 + 1) % n_org]
        if a != b:
            add("relations", {"id": f"synthetic-relation-{i}", "organisation_id": a, "relation": types[i % len(types)], "target_id": b,
                              "source_id": src(i), "quote": f"Relation {i} {words(rng, 10)}"})  # fmt: skip
    units = ["percent", "EUR", "people", "companies"]
    unit_of = {}
    for i, ind in enumerate(indicators):
        unit_of[ind] = units[i % len(units)]
        add("indicators", {"id": ind, "label_fr": f"Indicateur {i} {words(rng, 3)}", "label_en": f"Indicator {i} {words(rng, 3)}",
                           "unit": unit_of[ind], "description_fr": f"Description {words(rng, 12)}.", "description_en": f"Description {words(rng, 12)}."})  # fmt: skip
    fkinds = ["measurement", "count", "announced-investment", "target"]
    for i, f in enumerate(figures):
        ind = indicators[i % n_ind]
        value = rng.randint(1, 99) if unit_of[ind] == "percent" else rng.randint(1, 10**6) * 1000
        kind = fkinds[i % len(fkinds)]
        row = {"id": f, "indicator_id": ind, "label_fr": f"Chiffre {i} {words(rng, 5)}", "label_en": f"Figure {i} {words(rng, 5)}",
               "value": value, "unit": unit_of[ind], "kind": kind, "geo": "FR", "scope_fr": words(rng, 2), "scope_en": words(rng, 2),
               "organisation_id": orgs[i % n_org], "stated_by_person_id": people[i % n_people], "source_id": src(i),
               "quote": f"Figure {i} {words(rng, 20)} {value}"}  # fmt: skip
        if kind == "target":
            row |= {"deadline": "2030-01-01", "deadline_precision": "year"}
        else:
            row |= {"date": when(i).isoformat(), "date_precision": "day"}
            row["quote"] += f" {said(when(i))}"
        add("figures", row)
    # Every target is a commitment; a third of them have an outcome (all four kinds in turn).
    results = [r[0] for r in tables["outcome_results"][1]]
    for i, f in enumerate(figures):
        if fkinds[i % len(fkinds)] != "target":
            continue
        c = f"synthetic-commitment-{i}"
        add("commitments", {"id": c, "figure_id": f, "stated_by_organisation_id": orgs[i % n_org],
                            "source_id": src(i), "quote": f"Commitment {i} {words(rng, 15)}"})  # fmt: skip
        if i % 3 == 0:
            add("outcomes", {"id": f"synthetic-outcome-{i}", "commitment_id": c, "result": results[i % len(results)],
                             "date": when(i).isoformat(), "date_precision": "day", "summary_fr": f"Résultat {words(rng, 12)}.",
                             "summary_en": f"Outcome {words(rng, 12)}.", "source_id": src(i), "quote": f"Outcome {i} {words(rng, 12)} {said(when(i))}"})  # fmt: skip
    akinds = [r[0] for r in tables["announcement_kinds"][1]]
    for i in range(counts["announcements"]):
        add("announcements", {"id": f"synthetic-announcement-{i}", "date": when(i).isoformat(), "date_precision": "day", "planned": "false",
                              "kind": akinds[i % len(akinds)], "title_fr": f"Annonce {i} {words(rng, 5)}", "title_en": f"Announcement {i} {words(rng, 5)}",
                              "summary_fr": f"Résumé {words(rng, 20)}.", "summary_en": f"Summary {words(rng, 20)}.",
                              "organisation_id": orgs[i % n_org], "person_id": people[(i * 3) % n_people],
                              "figure_id": figures[i % len(figures)] if figures else None, "geo": "FR", "source_id": src(i),
                              "quote": f"Announcement {i} {words(rng, 20)} {said(when(i))}"})  # fmt: skip
    for name, (header, rows) in tables.items():
        with open(out / "data" / f"{name}.csv", "w", encoding="utf-8", newline="") as f:
            w = csv.writer(f, lineterminator="\n")
            w.writerow(header)
            w.writerows(rows)
    return out / "datapackage.json"


if __name__ == "__main__":
    scale, target = sys.argv[1], Path(sys.argv[2])
    print(generate(scale, target))
