"""Validator messages in French and English, keyed by a stable code.

Each entry is a pair of str.format templates; the placeholders are the same in both.
"""

MESSAGES: dict[str, tuple[str, str]] = {
    # Reading the package
    "package-missing": (
        "Fichier introuvable : {path}",
        "File not found: {path}",
    ),
    "package-json": (
        "datapackage.json n'est pas un JSON valide : {detail}",
        "datapackage.json is not valid JSON: {detail}",
    ),
    "package-shape": (
        "datapackage.json mal formé : {detail}",
        "datapackage.json is malformed: {detail}",
    ),
    "resource-unknown": (
        "Ressource inconnue « {name} » : ce projet attend {expected}",
        "Unknown resource “{name}”: this project expects {expected}",
    ),
    "resource-missing": (
        "Ressource manquante : « {name} »",
        "Missing resource: “{name}”",
    ),
    "path-outside": (
        "Chemin hors du paquet ou absolu : « {path} »",
        "Path is absolute or outside the package: “{path}”",
    ),
    "file-missing": (
        "Fichier introuvable : « {path} »",
        "File not found: “{path}”",
    ),
    "schema-json": (
        "Le schéma n'est pas un JSON valide : {detail}",
        "The schema is not valid JSON: {detail}",
    ),
    "schema-shape": (
        "Schéma inutilisable : {detail}",
        "Unusable schema: {detail}",
    ),
    "internal-error": (
        "Erreur interne du validateur ({detail}) : le paquet n'est pas publié ; merci de signaler ce cas",
        "Internal validator error ({detail}): the package is not published; please report this case",
    ),
    "encoding": (
        "Le fichier n'est pas en UTF-8 (octet invalide à la position {position})",
        "The file is not UTF-8 (invalid byte at position {position})",
    ),
    "bom": (
        "Le fichier commence par une marque d'ordre d'octets (BOM) : enregistrez-le en UTF-8 sans BOM",
        "The file starts with a byte-order mark (BOM): save it as UTF-8 without BOM",
    ),
    "csv-syntax": (
        "CSV illisible : {detail} (vérifiez les guillemets)",
        "Unreadable CSV: {detail} (check the quotes)",
    ),
    "ragged-row": (
        "La ligne a {found} cellules au lieu de {expected}",
        "The row has {found} cells instead of {expected}",
    ),
    "header-mismatch": (
        "En-têtes {found} différents du schéma {expected}",
        "Headers {found} differ from the schema {expected}",
    ),
    # Frictionless errors, translated
    "type-error": (
        "Valeur « {cell} » invalide pour le type {type}",
        "Value “{cell}” is not a valid {type}",
    ),
    "required": (
        "Valeur obligatoire manquante",
        "Required value is missing",
    ),
    "pattern": (
        "Valeur « {cell} » non conforme au motif {value}",
        "Value “{cell}” does not match the pattern {value}",
    ),
    "maxLength": (
        "Texte trop long : {length} caractères, {value} au plus",
        "Text too long: {length} characters, at most {value}",
    ),
    "minimum": (
        "Valeur « {cell} » inférieure au minimum {value}",
        "Value “{cell}” is below the minimum {value}",
    ),
    "enum": (
        "Valeur « {cell} » hors de la liste autorisée {value}",
        "Value “{cell}” is not one of {value}",
    ),
    "constraint": (
        "Valeur « {cell} » non conforme à la contrainte {constraint} = {value}",
        "Value “{cell}” breaks the constraint {constraint} = {value}",
    ),
    "unique": (
        "Valeur « {cell} » en double : elle doit être unique",
        "Duplicate value “{cell}”: it must be unique",
    ),
    "foreign-key": (
        "« {cell} » ne renvoie à aucune ligne de « {target} »",
        "“{cell}” does not match any row of “{target}”",
    ),
    "blank-row": (
        "Ligne vide",
        "Blank row",
    ),
    "frictionless": (
        "{note} (erreur frictionless « {type} »)",
        "{note} (frictionless error “{type}”)",
    ),
    # Project rules
    "twin-missing": (
        "Texte présent dans « {other} » mais vide ici : chaque texte existe en français et en anglais",
        "Text present in “{other}” but empty here: every text exists in French and English",
    ),
    "range": (
        "La valeur haute {value_max} est inférieure à la valeur {value}",
        "The upper value {value_max} is less than the value {value}",
    ),
    "precision-missing": (
        "Date sans précision : remplissez « {field} »",
        "Date without precision: fill in “{field}”",
    ),
    "precision-orphan": (
        "Précision sans date : « {field} » est vide",
        "Precision without a date: “{field}” is empty",
    ),
    "precision-date": (
        "La date {date} ne correspond pas à la précision « {precision} » (attendu {expected})",
        "The date {date} does not match the precision “{precision}” (expected {expected})",
    ),
    "date-order": (
        "La date de fin {end} précède la date de début {start}",
        "The end date {end} is before the start date {start}",
    ),
    "by-date": (
        "Date « au plus tard » {date} : ce doit être la date de la source qui le rapporte ({expected})",
        "“By” date {date}: it must be the date of the source that reports it ({expected})",
    ),
    "future-date": (
        "Date future ({date}) alors que l'événement n'est pas marqué comme prévu",
        "Date in the future ({date}) but the row is not marked as planned",
    ),
    "source-unused": (
        "Source citée par aucune ligne",
        "Source not cited by any row",
    ),
    "duplicate-row": (
        "Ligne identique à la ligne {other} (hors identifiant)",
        "Row identical to line {other} (apart from its id)",
    ),
    "kebab-id": (
        "Identifiant « {cell} » invalide : minuscules, chiffres et tirets (kebab-case)",
        "Invalid id “{cell}”: use lowercase letters, digits and hyphens (kebab-case)",
    ),
    "phone": (
        "Numéro de téléphone repéré (« {match} ») : aucune donnée de contact personnelle",
        "Phone number found (“{match}”): no personal contact data",
    ),
    "email": (
        "Adresse e-mail repérée (« {match} ») : aucune donnée de contact personnelle",
        "E-mail address found (“{match}”): no personal contact data",
    ),
    "unit-mismatch": (
        "Unité « {unit} » différente de celle de l'indicateur « {indicator} » ({expected})",
        "Unit “{unit}” differs from that of indicator “{indicator}” ({expected})",
    ),
    "commitment-basis": (
        "Un engagement repose sur un objectif chiffré (figure_id) ou une échéance prévue (announcement_id) : aucun n'est donné",
        "A commitment rests on a target figure (figure_id) or a planned deadline (announcement_id): neither is given",
    ),
    "commitment-not-target": (
        "Le chiffre « {id} » est de type « {kind} » : un engagement ne repose que sur un objectif (target)",
        "Figure “{id}” is of kind “{kind}”: a commitment rests only on a target",
    ),
    "commitment-not-planned": (
        "L'annonce « {id} » n'est pas prévue (planned = false) : elle ne peut pas fixer une échéance",
        "Announcement “{id}” is not planned (planned = false): it cannot set a deadline",
    ),
    "commitment-deadline": (
        "L'échéance de l'objectif ({figure}) et la date de l'annonce prévue ({announcement}) diffèrent",
        "The target's deadline ({figure}) and the planned announcement's date ({announcement}) differ",
    ),
    "status-codes": (
        "La liste des statuts doit contenir exactement {expected} (trouvé : {found})",
        "The status list must hold exactly {expected} (found: {found})",
    ),
    "computed-fields": (
        "Le schéma des engagements doit décrire sous « computedFields » les champs calculés {expected} (trouvé : {found})",
        "The commitments schema must describe the computed fields {expected} under “computedFields” (found: {found})",
    ),
    "changelog-missing": (
        "CHANGELOG.md est introuvable : la date de la dernière version date chaque statut d'engagement",
        "CHANGELOG.md is missing: the latest release's date is the date of every commitment status",
    ),
    "changelog-empty": (
        "CHANGELOG.md ne contient aucune version (« ## x.y.z - AAAA-MM-JJ »)",
        "CHANGELOG.md holds no release (“## x.y.z - YYYY-MM-DD”)",
    ),
    "changelog-entry": (
        "CHANGELOG.md illisible : {detail}",
        "CHANGELOG.md cannot be read: {detail}",
    ),
    "changelog-version": (
        "La dernière version du journal ({found}) n'est pas celle de datapackage.json ({version})",
        "The changelog's latest release ({found}) is not datapackage.json's version ({version})",
    ),
    "changelog-order": (
        "Le journal doit aller de la plus récente à la plus ancienne version : {newer} est placée avant {older}",
        "The changelog must run from the newest release to the oldest: {newer} comes before {older}",
    ),
    "self-relation": (
        "Une organisation ne peut pas être en relation avec elle-même",
        "An organisation cannot be related to itself",
    ),
    "schema-text": (
        "Le schéma n'a pas de « {key} » pour le champ « {field} »",
        "The schema has no “{key}” for field “{field}”",
    ),
    "resource-text": (
        "datapackage.json n'a pas de « {key} » pour la ressource « {name} »",
        "datapackage.json has no “{key}” for resource “{name}”",
    ),
    "prose-number": (
        "Le nombre « {number} » n'apparaît ni dans les valeurs de la ligne ni dans sa citation",
        "The number “{number}” appears neither in the row's values nor in its quotation",
    ),
    "value-not-quoted": (
        "La valeur {value} n'est pas écrite dans la citation de la ligne (nombres qu'elle écrit : {found}) : corrigez la valeur ou citez le passage qui la donne",
        "The value {value} is not written in the row's quotation (numbers it writes: {found}): correct the value or quote the passage that gives it",
    ),
    "date-not-quoted": (
        "La date {date} (précision « {precision} ») n'est pas écrite dans la citation : citez le passage qui la donne, ou choisissez une précision moins fine",
        "The date {date} (precision “{precision}”) is not written in the quotation: quote the passage that gives it, or choose a coarser precision",
    ),
    "unit-bounds": (
        "La valeur {value} sort des bornes de l'unité « {unit} » ({low} à {high})",
        "The value {value} is outside the bounds of unit “{unit}” ({low} to {high})",
    ),
    "headline-count": (
        "Il faut exactement un objectif phare (headline = true) : {found} trouvé(s)",
        "There must be exactly one headline target (headline = true): found {found}",
    ),
    "headline-kind": (
        "L'objectif phare « {id} » est de type « {kind} » : choisissez un chiffre de type « target »",
        "The headline “{id}” is of kind “{kind}”: choose a figure of kind “target”",
    ),
    "featured-twice": (
        "Le chiffre « {id} » est déjà mis en avant à la ligne {other}",
        "Figure “{id}” is already featured on line {other}",
    ),
    "home-chart-count": (
        "Il faut exactement un graphique de page d'accueil (home = true) : {found} trouvé(s)",
        "There must be exactly one home-page chart (home = true): found {found}",
    ),
    "chart-twice": (
        "L'indicateur « {id} » a déjà son graphique à la ligne {other}",
        "Indicator “{id}” already has its chart on line {other}",
    ),
    "chart-empty": (
        "L'indicateur « {id} » n'a aucun chiffre à tracer",
        "Indicator “{id}” has no figure to draw",
    ),
    "prose-unknown-record": (
        "La page nomme « {id} », absent de {resource}.csv : identifiant renommé ou retiré ? Corrigez la page ou rétablissez l'identifiant",
        "The page names “{id}”, which is not in {resource}.csv: a renamed or removed id? Fix the page or restore the id",
    ),
    "release-record": (
        "Fiche de version inutilisable : {detail} (elle est écrite par make release ; ne la modifiez pas à la main)",
        "Unusable release record: {detail} (make release writes it; do not edit it by hand)",
    ),
    "prose-month": (
        "Le mois « {month} » ne correspond à aucune date de la ligne ni de sa citation",
        "The month “{month}” matches no date of the row or of its quotation",
    ),
    "formula": (
        "Le texte commence par « {char} » : un tableur l'exécuterait comme une formule (injection CSV) ; reformulez le début",
        "The text starts with “{char}”: a spreadsheet would run it as a formula (CSV injection); reword the start",
    ),
    "control-char": (
        "Caractère de contrôle invisible {char} dans le texte : supprimez-le",
        "Invisible control character {char} in the text: remove it",
    ),
    "bidi-char": (
        "Caractère de direction d'écriture {char} : il peut afficher le texte dans un autre ordre que celui où il se lit ; supprimez-le",
        "Bidirectional control character {char}: it can display the text in another order than it reads; remove it",
    ),
    "zero-width-id": (
        "Caractère invisible de largeur nulle {char} dans un identifiant : supprimez-le",
        "Invisible zero-width character {char} in an identifier: remove it",
    ),
    "unsafe-url": (
        "Adresse « {url} » refusée : seulement https:// ou http:// avec un nom d'hôte, sans identifiants ni espaces",
        "Address “{url}” refused: only https:// or http:// with a host name, no credentials, no spaces",
    ),
    # Quotations against the source texts (make verify-quotes)
    "sources-folder-missing": (
        "Dossier des textes sources introuvable : {folder} (indiquez-le avec SOURCES_DIR=…)",
        "Source texts folder not found: {folder} (point SOURCES_DIR=… at it)",
    ),
    "source-text-missing": (
        "Aucun texte pour cette source dans {folder} (attendu : <id>.txt, ou celui de « part_of »)",
        "No text for this source in {folder} (expected <id>.txt, or that of “part_of”)",
    ),
    "source-unknown": (
        "Aucune source « {source} » dans ce paquet (SOURCE=…) ; la plus proche : « {nearest} »",
        "No source “{source}” in this package (SOURCE=…); the nearest: “{nearest}”",
    ),
    "quote-not-found": (
        "Citation absente du texte de la source, même aux espaces près : « {excerpt} ». "
        "Passage le plus proche : « {closest} ». "
        "Premier écart : « {quoted} » là où le texte porte « {found} »",
        "Quotation not found in the source text, even ignoring whitespace: “{excerpt}”. "
        "Closest passage: “{closest}”. "
        "First difference: “{quoted}” where the text has “{found}”",
    ),
    "quote-not-found-nothing-close": (
        "Citation absente du texte de la source, même aux espaces près, "
        "et aucun passage n'en approche : « {excerpt} »",
        "Quotation not found in the source text, even ignoring whitespace, "
        "and no passage comes close: “{excerpt}”",
    ),
}


def render(code: str, **params) -> tuple[str, str]:
    """Return the (French, English) message for code, filled with params."""
    fr, en = MESSAGES[code]
    return fr.format(**params), en.format(**params)
