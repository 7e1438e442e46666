"""Catalogue metadata for data portals (DCAT-AP, as JSON-LD and Turtle), the schema.org
Dataset embedded in the data page, and the dataset citations (BibTeX, CSL-JSON)."""

import json

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from . import export
from .load import descriptor

ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
THEMES = ("EDUC", "ECON", "TECH")  # EU data themes: education, economy, science & technology
KNOWN_FILE_TYPES = {"CSV", "JSON", "ZIP", "XLSX"}
PUBLISHER = "Briefing IA & compétences"


def _dates() -> tuple:
    log = export.changelog()
    return log[-1]["date"], log[0]["date"]  # issued (first release), modified (latest)


def graph(site_url: str) -> Graph:
    pkg, base = descriptor(), site_url.rstrip("/") + "/"
    issued, modified = _dates()
    g = Graph()
    g.bind("dcat", DCAT)
    g.bind("dct", DCTERMS)
    g.bind("foaf", FOAF)
    g.bind("spdx", SPDX)
    g.bind("adms", ADMS)
    catalog, dataset = URIRef(base + "data/catalog"), URIRef(base + "data/#dataset")
    publisher = URIRef(base + "about/#publisher")
    licence = URIRef(pkg["licenses"][0]["path"])
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(PUBLISHER)))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, RDFS.label, Literal(pkg["licenses"][0]["title"])))

    g.add((catalog, RDF.type, DCAT.Catalog))
    g.add((catalog, DCTERMS.title, Literal(pkg["title"], lang="fr")))
    g.add((catalog, DCTERMS.title, Literal(pkg["title_en"], lang="en")))
    g.add((catalog, DCTERMS.description, Literal(pkg["description"], lang="fr")))
    g.add((catalog, DCTERMS.description, Literal(pkg["description_en"], lang="en")))
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCAT.dataset, dataset))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.identifier, Literal(pkg["name"])))
    g.add((dataset, DCTERMS.title, Literal(pkg["title"], lang="fr")))
    g.add((dataset, DCTERMS.title, Literal(pkg["title_en"], lang="en")))
    g.add((dataset, DCTERMS.description, Literal(pkg["description"], lang="fr")))
    g.add((dataset, DCTERMS.description, Literal(pkg["description_en"], lang="en")))
    g.add((dataset, DCTERMS.publisher, publisher))
    g.add((dataset, DCTERMS.license, licence))
    g.add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    g.add((dataset, OWL.versionInfo, Literal(pkg["version"])))
    g.add((dataset, ADMS.version, Literal(pkg["version"])))
    g.add((dataset, DCAT.landingPage, URIRef(base + "data/")))
    g.add(
        (
            dataset,
            DCTERMS.spatial,
            URIRef("http://publications.europa.eu/resource/authority/country/FRA"),
        )
    )
    g.add(
        (
            dataset,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/FRA"),
        )
    )
    g.add(
        (
            dataset,
            DCTERMS.language,
            URIRef("http://publications.europa.eu/resource/authority/language/ENG"),
        )
    )
    for theme in THEMES:
        g.add(
            (
                dataset,
                DCAT.theme,
                URIRef(f"http://publications.europa.eu/resource/authority/data-theme/{theme}"),
            )
        )
    for kw in pkg["keywords"]:
        g.add((dataset, DCAT.keyword, Literal(kw)))

    for d in export.downloads():
        dist = URIRef(base + d.path)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(d.path.rsplit("/", 1)[-1])))
        g.add((dist, DCTERMS.description, Literal(d.description_fr, lang="fr")))
        g.add((dist, DCTERMS.description, Literal(d.description_en, lang="en")))
        g.add((dist, DCAT.downloadURL, dist))
        g.add((dist, DCAT.accessURL, URIRef(base + "data/")))
        g.add(
            (
                dist,
                DCAT.mediaType,
                URIRef("https://www.iana.org/assignments/media-types/" + d.media_type),
            )
        )
        if d.format in KNOWN_FILE_TYPES:
            g.add((dist, DCTERMS["format"], URIRef(FILE_TYPE + d.format)))
        else:  # no authority IRI for this format: describe it rather than guess one
            fmt = BNode(f"format-{d.format.lower()}")
            g.add((dist, DCTERMS["format"], fmt))
            g.add((fmt, RDF.type, DCTERMS.MediaTypeOrExtent))
            g.add((fmt, RDFS.label, Literal(d.format)))
        g.add((dist, DCTERMS.license, licence))
        g.add((dist, DCAT.byteSize, Literal(d.size, datatype=XSD.nonNegativeInteger)))
        checksum = BNode(f"checksum-{d.sha256[:16]}")
        g.add((dist, SPDX.checksum, checksum))
        g.add((checksum, RDF.type, SPDX.Checksum))
        g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
        g.add((checksum, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary)))
        g.add((dist, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
        g.add((dist, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    return g


def turtle(site_url: str) -> bytes:
    return graph(site_url).serialize(format="turtle").encode("utf-8")


def jsonld(site_url: str) -> bytes:
    """JSON-LD with a stable order: rdflib's own output order follows Python's hash seed."""
    data = json.loads(graph(site_url).serialize(format="json-ld"))

    def tidy(node):
        if isinstance(node, dict):
            return {k: tidy(node[k]) for k in sorted(node)}
        if isinstance(node, list):
            items = [tidy(x) for x in node]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
        return node

    return export.json_bytes(tidy(data))


def schema_org(site_url: str) -> dict:
    """The schema.org Dataset that search engines read from the data page."""
    pkg, base = descriptor(), site_url.rstrip("/") + "/"
    issued, modified = _dates()
    return {
        "@context": "https://schema.org",
        "@type": "Dataset",
        "name": pkg["title"],
        "alternateName": pkg["title_en"],
        "description": f"{pkg['description']} / {pkg['description_en']}",
        "url": base + "data/",
        "version": pkg["version"],
        "datePublished": issued.isoformat(),
        "dateModified": modified.isoformat(),
        "inLanguage": ["fr", "en"],
        "keywords": pkg["keywords"],
        "license": pkg["licenses"][0]["path"],
        "isAccessibleForFree": True,
        "creator": {"@type": "Organization", "name": PUBLISHER},
        "spatialCoverage": {"@type": "Place", "name": "France"},
        "distribution": [
            {
                "@type": "DataDownload",
                "encodingFormat": d.media_type,
                "contentUrl": base + d.path,
                "contentSize": str(d.size),
            }
            for d in export.downloads()
            if not d.path.startswith("data/schemas/")
        ],
    }


def bibtex(site_url: str) -> str:
    # BibTeX reads "&" as a table column separator: escape it.
    pkg = {k: v.replace("&", r"\&") if isinstance(v, str) else v for k, v in descriptor().items()}
    publisher = PUBLISHER.replace("&", r"\&")
    _, modified = _dates()
    return (
        f"@misc{{{pkg['name'].replace('-', '_')}_{pkg['version'].replace('.', '_')},\n"
        f"  title = {{{{{pkg['title']}}} / {{{pkg['title_en']}}}}},\n"
        f"  author = {{{{{publisher}}}}},\n"
        f"  year = {{{modified.year}}},\n"
        f"  version = {{{pkg['version']}}},\n"
        f"  howpublished = {{\\url{{{site_url.rstrip('/')}/data/}}}},\n"
        f"  note = {{{pkg['licenses'][0]['title']}}}\n"
        "}\n"
    )


def csl_json(site_url: str) -> list[dict]:
    pkg = descriptor()
    _, modified = _dates()
    return [
        {
            "id": f"{pkg['name']}-{pkg['version']}",
            "type": "dataset",
            "title": pkg["title"],
            "title-short": pkg["title_en"],
            "author": [{"literal": PUBLISHER}],
            "issued": {"date-parts": [[modified.year, modified.month, modified.day]]},
            "version": pkg["version"],
            "URL": site_url.rstrip("/") + "/data/",
            "license": pkg["licenses"][0]["title"],
        }
    ]
