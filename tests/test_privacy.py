"""No real contact data anywhere in the repository: tests, fixtures and docs included.

The validator keeps phone numbers and e-mail addresses out of the data; this keeps them out of
everything else. Examples use numbers reserved for fiction and addresses at example domains.
"""

import re
import subprocess

import phonenumbers

from macros.data import paths

# Numbers set aside for fiction (E.164 prefixes): Ofcom's drama ranges 020 7946 0xxx and
# 07700 900xxx, the North American 555-01xx. French-format examples are put together at run
# time (conftest.FRENCH_PHONE) and never written in a file.
FICTION = (
    re.compile(r"\+4420794600\d{2}|\+442079460\d{3}"),
    re.compile(r"\+447700900\d{3}"),
    re.compile(r"\+1\d{3}55501\d{2}"),
)
EXAMPLE_DOMAIN = re.compile(r"(?:^|\.)example(?:\.(?:org|com|net))?$", re.I)
EMAIL = re.compile(r"[A-Za-z0-9._%+-]+@([A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)*\.[A-Za-z]{2,})")
CANDIDATE = re.compile(r"(?:\+?\d[\s.\-()/]*){8,}")
# An ISO date in a run of digits makes it a date: a changelog's "## 3.3.1 - 2026-12-07" reads
# as a Paris landline to the matcher.
ISO_DATE = re.compile(r"\d{4}-\d{2}-\d{2}")


def repository_files():
    """Every file git would commit: tracked ones and new ones not ignored (never site/)."""
    listed = subprocess.run(
        ["git", "ls-files", "-z", "--cached", "--others", "--exclude-standard"],
        capture_output=True,
        text=True,
        cwd=paths.ROOT,
        check=True,
    ).stdout
    for name in filter(None, listed.split("\0")):
        path = paths.ROOT / name
        try:
            yield name, path.read_text(encoding="utf-8")
        except (UnicodeDecodeError, FileNotFoundError, IsADirectoryError):
            continue  # binary files (images) hold no text to read


def contact_data(text: str) -> list[str]:
    found = [m[0] for m in EMAIL.finditer(text) if not EXAMPLE_DOMAIN.search(m[1])]
    if CANDIDATE.search(text):
        phones = {}  # by position: French and British readings find the same +33 number
        for region in ("FR", "GB"):
            for m in phonenumbers.PhoneNumberMatcher(text, region, phonenumbers.Leniency.VALID):
                e164 = phonenumbers.format_number(m.number, phonenumbers.PhoneNumberFormat.E164)
                # The decimals of a measurement ("31.30478515625") are no phone number.
                in_number = m.start > 0 and text[m.start - 1] in ".,0123456789"
                dated = ISO_DATE.search(m.raw_string)
                if not (in_number or dated) and not any(p.fullmatch(e164) for p in FICTION):
                    phones[m.start] = m.raw_string
        found += [phones[k] for k in sorted(phones)]
    return found


def test_the_check_finds_real_looking_contacts_and_spares_fiction():
    assert contact_data("Tél. : +44 20 7946 0018, 07700 900123, presse@example.org") == []
    # Made up here at run time, so that this file itself holds none of them.
    landline, mobile, address = "01 23" + " 45 67 89", "+33 6" + " 12 34 56 78", "presse@" + "x.fr"
    assert contact_data(f"appelez le {landline}") == [landline]
    assert contact_data(f"Mobile {mobile}") == [mobile]
    assert contact_data(f"écrire à {address}") == [address]
    assert contact_data("value 109000000000, id 387590, 2025-02-12") == []
    assert contact_data('{"median_kb": 31.30478515625}') == []
    assert contact_data("## 3.3.1 - 2026-12-07") == []
    assert contact_data(f"le {landline} - 2026-12-07") == [landline]


def test_no_contact_data_in_any_file_of_the_repository():
    offenders = [(name, hit) for name, text in repository_files() for hit in contact_data(text)]
    assert offenders == [], offenders
