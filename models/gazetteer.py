"""The gazetteers under ``models/data``: municipalities, places, regions, roles, organisations.

Each data file is a tab-separated table after a ``#`` comment header that names its source and
reference date. :func:`gazetteer` reads them once per process.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field
from functools import cache
from pathlib import Path

DATA_DIR = Path(__file__).parent / "data"


@dataclass(frozen=True, slots=True)
class Municipality:
    name: str  # the CBS name, e.g. "Hengelo (O.)"
    gm_code: str
    province: str


@dataclass(frozen=True, slots=True)
class Place:
    """A place (woonplaats) or a dissolved municipality, with the municipality it lies in now."""

    name: str
    municipality: str
    former_municipality: bool = False


@dataclass(frozen=True, slots=True)
class Region:
    name: str
    kind: str  # provincie, veiligheidsregio, landstreek


@dataclass(frozen=True, slots=True)
class Role:
    role: str
    qualifies: str  # "p" place/org qualifier, "t" topic qualifier


@dataclass(frozen=True, slots=True)
class Org:
    value: str
    region: str = ""


@dataclass
class Gazetteer:
    """All name lists, keyed by their normalized name, plus every surface form to match."""

    municipalities: dict[str, Municipality] = field(default_factory=dict)
    former: dict[str, Place] = field(default_factory=dict)  # dissolved, not a place now
    places: dict[str, Place] = field(default_factory=dict)
    regions: dict[str, Region] = field(default_factory=dict)
    roles: dict[str, Role] = field(default_factory=dict)  # form → role
    orgs: dict[str, Org] = field(default_factory=dict)  # form → organisation
    topics: dict[str, str] = field(default_factory=dict)  # lowercased form → topic
    homographs: frozenset[str] = frozenset()
    # label → lowercased form → (form as written in the data, key into the tables above)
    forms: dict[str, dict[str, list[tuple[str, str]]]] = field(default_factory=dict)
    region_adjectives: dict[str, str] = field(default_factory=dict)  # lowercased → region

    def add_form(self, label: str, form: str, key: str) -> None:
        bucket = self.forms.setdefault(label, {}).setdefault(form.lower(), [])
        if (form, key) not in bucket:
            bucket.append((form, key))

    def municipality_of(self, name: str) -> str | None:
        """The current municipality of a municipality, former municipality or place name."""
        key = _clean(name)
        for form, muni in self.forms.get("MUNICIPALITY", {}).get(key.lower(), []):
            if form.lower() == key.lower() and muni in self.municipalities:
                return muni
        for table in (self.former, self.places):
            if key in table:
                return table[key].municipality
        lowered = key.lower()
        for table in (self.former, self.places):
            for place in table.values():
                if place.name.lower() == lowered:
                    return place.municipality
        return None

    def places_in(self, municipality: str) -> list[str]:
        """Places and former municipalities that lie in `municipality` now, sorted."""
        muni = self.municipality_of(municipality)
        if muni is None:
            return []
        names = [p.name for p in self.places.values() if p.municipality == muni]
        names += [p.name for p in self.former.values() if p.municipality == muni]
        return sorted(set(names), key=str.lower)


def _clean(text: str) -> str:
    return " ".join(text.split())


def fold_accents(text: str) -> str:
    """ "Fryslân" → "Fryslan": minutes typed without accents still match."""
    if text.isascii():
        return text
    decomposed = unicodedata.normalize("NFD", text)
    return "".join(c for c in decomposed if unicodedata.category(c) != "Mn")


def read_table(name: str) -> list[dict[str, str]]:
    """Rows of a data file: ``#`` comment lines, then a header line, then tab-separated rows."""
    rows: list[dict[str, str]] = []
    header: list[str] | None = None
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        for line in fh:
            if line.startswith("#") or not line.strip():
                continue
            cells = line.rstrip("\n").split("\t")
            if header is None:
                header = cells
                continue
            cells += [""] * (len(header) - len(cells))
            rows.append(dict(zip(header, cells, strict=True)))
    return rows


def read_header(name: str) -> str:
    """The comment header of a data file (its source and reference date)."""
    with open(DATA_DIR / name, encoding="utf-8") as fh:
        return "".join(line for line in fh if line.startswith("#"))


def _split(cell: str) -> list[str]:
    return [part for part in cell.split("|") if part]


@cache
def gazetteer() -> Gazetteer:
    """Load every data file once per process."""
    g = Gazetteer()
    g.homographs = frozenset(
        line.strip()
        for line in (DATA_DIR / "homographs.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    )
    for row in read_table("municipalities.tsv"):
        name = row["name"]
        g.municipalities[name] = Municipality(name, row["gm_code"], row["province"])
        for form in (name, *_split(row["aliases"])):
            g.add_form("MUNICIPALITY", form, name)
    for row in read_table("municipality_adjectives.tsv"):
        g.add_form("MUNICIPALITY", row["adjective"], row["municipality"])
    for row in read_table("former_municipalities.tsv"):
        g.former[row["name"]] = Place(row["name"], row["successor"], former_municipality=True)
        g.add_form("MUNICIPALITY", row["name"], row["name"])
    for row in read_table("places.tsv"):
        g.places[row["place"]] = Place(row["place"], row["municipality"])
        g.add_form("PLACE", row["place"], row["place"])
        folded = fold_accents(row["place"])
        if folded != row["place"]:
            g.add_form("PLACE", folded, row["place"])
    for row in read_table("regions.tsv"):
        region = Region(row["name"], row["kind"])
        g.regions[row["name"]] = region
        for form in (row["name"], *_split(row["forms"])):
            # A province that shares its name with a municipality is only a region with
            # "provincie" before it; the ruler adds that form.
            if form.lower() not in g.forms.get("MUNICIPALITY", {}):
                g.add_form("REGION", form, row["name"])
        for adjective in _split(row["adjectives"]):
            g.region_adjectives[adjective.lower()] = row["name"]
            g.add_form("REGION", adjective, row["name"])
    for row in read_table("roles.tsv"):
        g.roles[row["form"]] = Role(row["role"], row["qualifies"].replace("-", ""))
        g.add_form("ROLE", row["form"], row["form"])
    for row in read_table("organisations.tsv"):
        g.orgs[row["form"]] = Org(row["value"], row["region"])
        g.add_form("ORG", row["form"], row["form"])
    for row in read_table("role_topics.tsv"):
        g.topics[row["form"].lower()] = row["topic"]
    return g


def municipality_info(name: str) -> Municipality | None:
    """The CBS record of a current municipality (by its CBS name)."""
    return gazetteer().municipalities.get(name)
