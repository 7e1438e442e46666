"""Catalogue metadata for data portals: DCAT-AP, as JSON-LD and Turtle (rdflib)."""

import json

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, OWL, RDF, RDFS, XSD

from ..data.context import Context
from .dataset import dates, publisher_name
from .downloads import downloads
from .tables import json_bytes

ADMS = Namespace("http://www.w3.org/ns/adms#")
SPDX = Namespace("http://spdx.org/rdf/terms#")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
THEMES = ("EDUC", "ECON", "TECH")  # EU data themes: education, economy, science & technology
KNOWN_FILE_TYPES = {"CSV", "JSON", "ZIP", "XLSX"}
# EU authority codes of the site's languages.
LANGUAGE_CODES = {"fr": "FRA", "en": "ENG"}


def _texts(g: Graph, node, predicate, ctx: Context, obj: dict, key: str) -> None:
    for code in ctx.languages:
        g.add((node, predicate, Literal(ctx.described(obj, key, code), lang=code)))


def graph(ctx: Context) -> Graph:
    pkg, base = ctx.descriptor, ctx.config.base
    issued, modified = dates(ctx)
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
    g.add((publisher, FOAF.name, Literal(publisher_name(ctx))))
    g.add((licence, RDF.type, DCTERMS.LicenseDocument))
    g.add((licence, RDFS.label, Literal(pkg["licenses"][0]["title"])))

    g.add((catalog, RDF.type, DCAT.Catalog))
    _texts(g, catalog, DCTERMS.title, ctx, pkg, "title")
    _texts(g, catalog, DCTERMS.description, ctx, pkg, "description")
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, URIRef(base)))
    g.add((catalog, DCAT.dataset, dataset))

    g.add((dataset, RDF.type, DCAT.Dataset))
    g.add((dataset, DCTERMS.identifier, Literal(pkg["name"])))
    _texts(g, dataset, DCTERMS.title, ctx, pkg, "title")
    _texts(g, dataset, DCTERMS.description, ctx, pkg, "description")
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
    for code in ctx.languages:
        g.add(
            (
                dataset,
                DCTERMS.language,
                URIRef(
                    "http://publications.europa.eu/resource/authority/language/"
                    + LANGUAGE_CODES[code]
                ),
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

    for d in downloads(ctx):
        dist = URIRef(base + d.path)
        g.add((dataset, DCAT.distribution, dist))
        g.add((dist, RDF.type, DCAT.Distribution))
        g.add((dist, DCTERMS.title, Literal(d.path.rsplit("/", 1)[-1])))
        for code, text in d.description.items():
            g.add((dist, DCTERMS.description, Literal(text, lang=code)))
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


def turtle(ctx: Context) -> bytes:
    return graph(ctx).serialize(format="turtle").encode("utf-8")


def jsonld(ctx: Context) -> bytes:
    """JSON-LD with a stable order: rdflib's own output order follows Python's hash seed."""
    data = json.loads(graph(ctx).serialize(format="json-ld"))

    def tidy(node):
        if isinstance(node, dict):
            return {k: tidy(node[k]) for k in sorted(node)}
        if isinstance(node, list):
            items = [tidy(x) for x in node]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
        return node

    return json_bytes(tidy(data))
