"""The fields of an entry as minutes write them: its status, its owner, and notes on both
that ride at the end of its text ("… (wethouder Hengelo)", "… – afgerond", "[Open]")."""

from __future__ import annotations

import re

from models.redaction import MARK, is_redaction_mark

# Status words → the archive's status, longest first so "in behandeling" wins over "in".
STATUS_WORDS: dict[str, str] = {
    "afgerond": "done", "gereed": "done", "klaar": "done", "uitgevoerd": "done",
    "voltooid": "done", "gedaan": "done", "afgehandeld": "done", "done": "done", "g": "done",
    "is afgerond": "done", "loopt": "open", "lopend": "open", "in behandeling": "open",
    "in uitvoering": "open", "open": "open", "o": "open", "openstaand": "open",
    "nog open": "open", "gestart": "open", "on hold": "open", "aangehouden": "open",
    "doorlopend": "ongoing", "continu": "ongoing", "structureel": "ongoing",
    "vervalt": "dropped", "vervallen": "dropped", "geschrapt": "dropped",
    "ingetrokken": "dropped", "niet meer nodig": "dropped", "onbekend": "unknown",
}  # fmt: skip
_STATUS_ALTERNATIVES = "|".join(
    re.escape(w) for w in sorted((w for w in STATUS_WORDS if len(w) > 1), key=len, reverse=True)
)
# A status annotation closing an entry: " – afgerond", " [gereed]", ". Status: loopt", "(open)".
_TRAILING_STATUS = re.compile(
    rf"(?:\s*[–—-]\s+|\s*\[|\s*\(|[.;,]?\s*[Ss]tatus\s*:\s*)(?P<status>{_STATUS_ALTERNATIVES})"
    rf"\s*[\])]?\s*\.?\s*$",
    re.IGNORECASE,
)
_TRAILING_PARENS = re.compile(r"\s*\((?P<inner>[^()]{2,80})\)\s*[.;,]?\s*$")
# "… rondsturen – secretaris": an owner after a spaced dash, a few words that end the entry.
_TRAILING_DASH = re.compile(r"\s+[–—-]\s+(?P<inner>[^–—()]{2,60}?)\s*[.;]?\s*$")
_DATE_LIKE = re.compile(
    r"\d{1,2}[-/.]\d{1,2}|\b\d{4}\b|\d\s*(?:jan|feb|mrt|apr|mei|jun|jul|aug|sep|okt|nov|dec)[a-z]*\b"
    r"|\b(?:januari|februari|maart|april|mei|juni|juli|augustus|september|oktober|november|"
    r"december)\b|\bweek\b|\b(?:volgende|komende|eerstvolgende)\b|\b(?:maand|kwartaal|zomer|najaar|voorjaar)\b|\bz\.?s\.?m\b|\buur\b|\bzie\b|\bissue\b|\bbijlage\b|\bpagina\b|\bp\.\s*\d",
    re.IGNORECASE,
)
_OWNER_SPLIT = re.compile(r"\s+(?:en|&|\+)\s+|\s*[,/]\s*")


def status_of(text: str) -> str:
    """The archive's status for a status cell or word ("Afgerond" → done, "O?" → open), or
    "" when the text names none."""
    key = " ".join(text.lower().strip(" .?!:;()[]").split())
    if key in STATUS_WORDS:
        return STATUS_WORDS[key]
    first = key.split(" ", 1)[0] if key else ""
    if first in STATUS_WORDS and len(first) > 1:
        return STATUS_WORDS[first]
    return ""


# The letters of an O/G column, written after a dash at an action's end: "… – G".
# "… – G", "… Status: O", "… [G]": a status code, one letter, where nothing else can stand.
_TRAILING_CODE = re.compile(
    r"(?:\s[–—-]\s+|\s\[(?=[GO]\])|[.;,]?\s*[Ss]tatus\s*:\s*)(?P<status>[GO])\]?\.?\s*$"
)


_BRACKETED_STATUS = re.compile(rf"\[\s*(?:(?i:{_STATUS_ALTERNATIVES})|[GO])\s*\]\.?\s*$")


def ends_in_status(text: str) -> bool:
    """Whether a line ends in a status in brackets ("… spreekuren. [Doorlopend]", "[G]"), which
    closes the entry it belongs to."""
    return bool(_BRACKETED_STATUS.search(text))


def strip_status(text: str) -> tuple[str, str, str]:
    """(text, status, status as written) for an entry that ends in a status annotation."""
    m = _TRAILING_STATUS.search(text) or _TRAILING_CODE.search(text)
    if not m or m.start() == 0:
        return text, "", ""
    status = STATUS_WORDS.get(m.group("status").lower(), "")
    return text[: m.start()].rstrip(" –—-.;,") + _closing_stop(text[: m.start()]), status, m.group(
        "status"
    )


def _closing_stop(text: str) -> str:
    # "… verspreiden. Status: loopt" keeps its full stop; "… verspreiden – afgerond" has none.
    return "." if text.rstrip().endswith(".") else ""


def mentions_date(text: str) -> bool:
    """Whether the text names a day, month, week or season: a deadline may be in it."""
    return bool(_DATE_LIKE.search(text))


def trailing_owner(text: str, looks_like_owner) -> tuple[str, str] | None:
    """(text without it, owner) when an action ends in its owner in parentheses, "… (beleids-
    adviseur GGD)", or after a dash, "… – Secretaris". `looks_like_owner` decides whether
    they name someone; dates, references ("zie bijlage", "issue 2") and long asides do not."""
    m = _TRAILING_PARENS.search(text)
    if not m:
        m = _TRAILING_DASH.search(text)
        if not m or len(m.group("inner").split()) > 4:
            return None
    inner = m.group("inner").strip()
    if is_redaction_mark(inner):
        return _without(text, m.start()), inner
    if _DATE_LIKE.search(inner) or len(inner.split()) > 7 or not looks_like_owner(inner):
        return None
    return _without(text, m.start()), inner


def _without(text: str, start: int) -> str:
    head = text[:start].rstrip().rstrip(":").rstrip()  # a colon before the owner: a speck
    # The full stop that closed the sentence before the owner stays with it.
    return head + ("." if text.rstrip().endswith(".") and not head.endswith(".") else "")


def clean_owner(owner: str) -> str:
    """An owner as written, without line breaks, markers and stray punctuation; a box's mark
    stays the mark ("([weggelakt]:" with its bracket lost), which says the owner is redacted."""
    cleaned = " ".join(owner.replace("\n", " ").split()).strip(" -–—:>()[];,")
    return MARK if cleaned.lower() == MARK.strip("[]") else cleaned


def owner_parts(owner: str) -> list[str]:
    """The people, roles or bodies a shared owner names: "Voorzitter en projectleider
    Oekraïne" → two; a single owner gives [] (it is its own part)."""
    parts = [p.strip() for p in _OWNER_SPLIT.split(owner) if p.strip()]
    return parts if len(parts) > 1 else []


# Labelled facts of an item, written under its title: "Portefeuillehouder: wethouder Smit".
ITEM_FIELDS = (
    "portefeuillehouder", "portefeuillehouders", "zaaknummer", "zaak", "kenmerk",
    "behandelaar", "steller", "ambtenaar", "documentnummer", "dossier", "bijlage", "bijlagen",
    "ter", "voorstel", "agendering",
)  # fmt: skip
# Abbreviations of field labels, written out.
FIELD_ALIASES = {"pfh": "portefeuillehouder", "ph": "portefeuillehouder"}
_FIELD = re.compile(r"^(?P<label>[A-Za-z]{2,20}\.?)\s*:\s*(?P<value>\S.*)$")


def field_of(text: str) -> tuple[str, str] | None:
    """(label, value) of an item's labelled field line ("Pfh.: wethouder Smit" →
    portefeuillehouder), or None."""
    m = _FIELD.match(text.strip())
    if not m:
        return None
    label = m.group("label").lower().rstrip(".")
    label = FIELD_ALIASES.get(label, label)
    if label not in ITEM_FIELDS:
        return None
    return label, m.group("value").strip()
