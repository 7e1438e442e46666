"""Catalogue metadata for data portals: DCAT-AP, as JSON-LD and Turtle (rdflib)."""

import json

from rdflib import BNode, Graph, Literal, Namespace, URIRef
from rdflib.namespace import DCAT, DCTERMS, FOAF, RDF, RDFS, SKOS, XSD

from ..data.context import Context
from ..format.inline import plain
from .dataset import dates, publisher_name
from .downloads import downloads
from .tables import json_bytes
from .versions import anchor, folder, moved, release_downloads

ADMS = Namespace("http://www.w3.org/ns/adms#")
# DCAT 3's version terms (rdflib's DCAT namespace is DCAT 2's list of terms).
DCAT3 = Namespace(str(DCAT))
SPDX = Namespace("http://spdx.org/rdf/terms#")
FILE_TYPE = "http://publications.europa.eu/resource/authority/file-type/"
THEMES = ("EDUC", "ECON", "TECH")  # EU data themes: education, economy, science & technology
KNOWN_FILE_TYPES = {"CSV", "JSON", "ZIP", "XLSX", "PARQUET"}
# EU authority codes of the site's languages.
LANGUAGE_CODES = {"fr": "FRA", "en": "ENG"}


def _texts(g: Graph, node, predicate, ctx: Context, obj: dict, key: str) -> None:
    for code in ctx.languages:
        g.add((node, predicate, Literal(ctx.described(obj, key, code), lang=code)))


EU = "http://publications.europa.eu/resource/authority/"
DCATAP = Namespace("http://data.europa.eu/r5r/")
VCARD = Namespace("http://www.w3.org/2006/vcard/ns#")
# Every file stays at its address: the versioned ones for good, the current ones until the
# next release replaces them.
AVAILABILITY = EU + "planned-availability/STABLE"
IANA = "https://www.iana.org/assignments/media-types/"
# ADMS types: Etalab's Licence Ouverte 2.0 requires attribution; the team publishing the
# site is a non-profit project (change this if you publish it as another kind of body).
LICENCE_TYPE = "http://purl.org/adms/licencetype/Attribution"
PUBLISHER_TYPE = "http://purl.org/adms/publishertype/NonProfitOrganisation"
FRANCE = EU + "country/FRA"
# The dates the data is about: of figures, and of announcements (planned ones included).
DATED = (("figures", "date"), ("figures", "period"), ("announcements", "date"))


def _iri(g: Graph, iri: str, cls) -> URIRef:
    """An IRI from a controlled vocabulary (EU authority tables, IANA, ADMS). Its class and
    labels are the vocabulary's to state, not ours: typing it here would make the DCAT-AP
    shapes demand the vocabulary's labels from this catalogue. `cls` names the class the
    range shapes expect, which a harvester finds in the vocabulary."""
    return URIRef(iri)


def _page(g: Graph, iri: str) -> URIRef:
    """One of the site's own pages (a landing page, the home page): ours to type."""
    node = URIRef(iri)
    g.add((node, RDF.type, FOAF.Document))
    return node


def _temporal(g: Graph, ctx: Context, node) -> None:
    days = [r[f] for res, f in DATED for r in ctx.data[res].values() if r[f] is not None]
    if not days:
        return
    period = BNode(f"period-{min(days).isoformat()}-{max(days).isoformat()}")
    g.add((node, DCTERMS.temporal, period))
    g.add((period, RDF.type, DCTERMS.PeriodOfTime))
    g.add((period, DCAT.startDate, Literal(min(days), datatype=XSD.date)))
    g.add((period, DCAT.endDate, Literal(max(days), datatype=XSD.date)))


def _language(g: Graph, code: str) -> URIRef:
    return _iri(g, EU + "language/" + LANGUAGE_CODES[code], DCTERMS.LinguisticSystem)


def _described(g: Graph, node, ctx: Context, publisher, contact) -> None:
    """What the current dataset and each version share: publisher, contact, place, period,
    languages, themes, keywords."""
    pkg = ctx.descriptor
    g.add((node, RDF.type, DCAT.Dataset))
    g.add((node, DCTERMS.identifier, Literal(pkg["name"])))
    _texts(g, node, DCTERMS.title, ctx, pkg, "title")
    _texts(g, node, DCTERMS.description, ctx, pkg, "description")
    g.add((node, DCTERMS.publisher, publisher))
    g.add((node, DCAT.contactPoint, contact))
    g.add((node, DCTERMS.spatial, _iri(g, FRANCE, DCTERMS.Location)))
    _temporal(g, ctx, node)
    for code in ctx.languages:
        g.add((node, DCTERMS.language, _language(g, code)))
    for theme in THEMES:
        g.add((node, DCAT.theme, _iri(g, EU + "data-theme/" + theme, SKOS.Concept)))
    for kw in pkg["keywords"]:
        g.add((node, DCAT.keyword, Literal(kw)))


def _distribution(g: Graph, ctx: Context, d, url: str, licence, issued) -> URIRef:
    dist = URIRef(url)
    g.add((dist, RDF.type, DCAT.Distribution))
    g.add((dist, DCTERMS.title, Literal(url.rsplit("/", 1)[-1])))
    for code, text in d.description.items():
        g.add((dist, DCTERMS.description, Literal(text, lang=code)))
    g.add((dist, DCAT.downloadURL, dist))
    g.add((dist, DCAT.accessURL, URIRef(ctx.config.base + "data/")))
    media = _iri(g, IANA + d.media_type, DCTERMS.MediaType)
    g.add((dist, DCAT.mediaType, media))
    # SQLite has no entry in the EU file-type list: its format is its IANA media type rather
    # than a guessed EU IRI.
    if d.format.upper() in KNOWN_FILE_TYPES:
        fmt = _iri(g, FILE_TYPE + d.format.upper(), DCTERMS.MediaTypeOrExtent)
    else:
        fmt = media
    g.add((dist, DCTERMS["format"], fmt))
    g.add((dist, DCATAP.availability, _iri(g, AVAILABILITY, SKOS.Concept)))
    g.add((dist, DCTERMS.license, licence))
    g.add((dist, DCAT.byteSize, Literal(d.size, datatype=XSD.nonNegativeInteger)))
    checksum = BNode(f"checksum-{d.sha256[:16]}")
    g.add((dist, SPDX.checksum, checksum))
    g.add((checksum, RDF.type, SPDX.Checksum))
    g.add((checksum, SPDX.algorithm, SPDX.checksumAlgorithm_sha256))
    g.add((checksum, SPDX.checksumValue, Literal(d.sha256, datatype=XSD.hexBinary)))
    g.add((dist, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    return dist


def graph(ctx: Context) -> Graph:
    """The DCAT-AP catalogue: the catalog, its current dataset and downloads, and each recorded
    release as a version of the dataset with its own permanent files."""
    base = ctx.config.base
    g = Graph()
    for prefix, ns in (("dcat", DCAT), ("dct", DCTERMS), ("foaf", FOAF), ("spdx", SPDX),
                       ("adms", ADMS), ("dcatap", DCATAP), ("vcard", VCARD)):  # fmt: skip
        g.bind(prefix, ns)
    catalog, dataset = URIRef(base + "data/catalog"), URIRef(base + "data/#dataset")
    publisher, licence = _publisher(g, ctx), _licence(g, ctx)
    contact = _contact(g, ctx)
    _catalog(g, ctx, catalog, dataset, publisher, licence)
    _current(g, ctx, dataset, publisher, contact, licence)
    listed = release_downloads(ctx)
    for rel in ctx.versions.releases:
        _version(g, ctx, dataset, rel, listed[rel.version], (publisher, contact, licence))
    return g


def _publisher(g: Graph, ctx: Context) -> URIRef:
    """The publisher: the team, typed with its ADMS publisher type."""
    publisher = URIRef(ctx.config.base + "about/#publisher")
    g.add((publisher, RDF.type, FOAF.Agent))
    g.add((publisher, FOAF.name, Literal(publisher_name(ctx))))
    g.add((publisher, DCTERMS.type, _iri(g, PUBLISHER_TYPE, SKOS.Concept)))
    return publisher


def _licence(g: Graph, ctx: Context) -> URIRef:
    """The licence the catalogue, the datasets and their files name: the package's first."""
    licence = ctx.descriptor["licenses"][0]
    node = URIRef(licence["path"])
    g.add((node, RDF.type, DCTERMS.LicenseDocument))
    g.add((node, RDFS.label, Literal(licence["title"])))
    g.add((node, DCTERMS.type, _iri(g, LICENCE_TYPE, SKOS.Concept)))
    return node


def _contact(g: Graph, ctx: Context) -> URIRef:
    """The contact point. No e-mail or telephone (privacy): the contact is where errors are
    reported."""
    base = ctx.config.base
    contact = URIRef(base + "about/#contact")
    g.add((contact, RDF.type, VCARD.Kind))
    g.add((contact, RDF.type, VCARD.Organization))
    g.add((contact, VCARD.fn, Literal(publisher_name(ctx))))
    g.add(
        (
            contact,
            VCARD.hasURL,
            URIRef(ctx.config.repo_url + "/issues" if ctx.config.repo_url else base + "about/"),
        )
    )
    return contact


def _catalog(g: Graph, ctx: Context, catalog, dataset, publisher, licence) -> None:
    """The catalog: the site's, holding the one dataset."""
    pkg, base = ctx.descriptor, ctx.config.base
    issued, modified = dates(ctx)
    g.add((catalog, RDF.type, DCAT.Catalog))
    _texts(g, catalog, DCTERMS.title, ctx, pkg, "title")
    _texts(g, catalog, DCTERMS.description, ctx, pkg, "description")
    g.add((catalog, DCTERMS.publisher, publisher))
    g.add((catalog, FOAF.homepage, _page(g, base)))
    g.add((catalog, DCAT.dataset, dataset))
    g.add((catalog, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((catalog, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    g.add((catalog, DCTERMS.license, licence))
    g.add((catalog, DCTERMS.spatial, _iri(g, FRANCE, DCTERMS.Location)))
    g.add((catalog, DCAT.themeTaxonomy, _iri(g, EU + "data-theme", SKOS.ConceptScheme)))
    for code in ctx.languages:
        g.add((catalog, DCTERMS.language, _language(g, code)))


def _current(g: Graph, ctx: Context, dataset, publisher, contact, licence) -> None:
    """The current dataset, its downloads issued on the latest release's day."""
    base = ctx.config.base
    issued, modified = dates(ctx)
    _described(g, dataset, ctx, publisher, contact)
    g.add((dataset, DCTERMS.license, licence))
    g.add((dataset, DCTERMS.issued, Literal(issued, datatype=XSD.date)))
    g.add((dataset, DCTERMS.modified, Literal(modified, datatype=XSD.date)))
    g.add((dataset, DCAT3.version, Literal(ctx.descriptor["version"])))
    g.add((dataset, DCAT.landingPage, _page(g, base + "data/")))
    for d in downloads(ctx):
        g.add(
            (dataset, DCAT.distribution, _distribution(g, ctx, d, base + d.path, licence, modified))
        )


def _version(g: Graph, ctx: Context, dataset, rel, files, shared: tuple) -> None:
    """A recorded release: a dataset of its own, with its permanent files (`files`) and its
    notes. `shared` is the (publisher, contact, licence) of every dataset."""
    base = ctx.config.base
    publisher, contact, licence = shared
    version = URIRef(base + folder(rel.version) + "#dataset")
    g.add((dataset, DCAT3.hasVersion, version))
    g.add((version, DCAT3.isVersionOf, dataset))
    _described(g, version, ctx, publisher, contact)
    g.add((version, DCAT3.version, Literal(rel.version)))
    g.add((version, DCTERMS.issued, Literal(rel.date, datatype=XSD.date)))
    g.add(
        (
            version,
            DCAT.landingPage,
            _page(g, base + "data/#" + anchor(rel.version)),
        )
    )
    entry = next((e for e in ctx.changelog if e["version"] == rel.version), None)
    for code, items in (entry or {}).get("items", {}).items():
        notes = " ".join(plain(i) for i in items)  # RDF text takes no markup
        g.add((version, ADMS.versionNotes, Literal(notes, lang=code)))
    for d in files:
        url = base + moved(d.path, rel.version)
        g.add((version, DCAT.distribution, _distribution(g, ctx, d, url, licence, rel.date)))


def files(ctx: Context) -> dict[str, bytes]:
    """The catalogue in both formats, from one graph (building it is a fifth of the time)."""
    g = graph(ctx)
    return {"data/catalog.ttl": turtle(ctx, g), "data/catalog.jsonld": jsonld(ctx, g)}


def turtle(ctx: Context, g: Graph | None = None) -> bytes:
    return (g or graph(ctx)).serialize(format="turtle").encode("utf-8")


def jsonld(ctx: Context, g: Graph | None = None) -> bytes:
    """JSON-LD with a stable order: rdflib's own output order follows Python's hash seed."""
    data = json.loads((g or graph(ctx)).serialize(format="json-ld"))

    def tidy(node):
        if isinstance(node, dict):
            return {k: tidy(node[k]) for k in sorted(node)}
        if isinstance(node, list):
            items = [tidy(x) for x in node]
            return sorted(items, key=lambda x: json.dumps(x, sort_keys=True, ensure_ascii=False))
        return node

    return json_bytes(tidy(data))
