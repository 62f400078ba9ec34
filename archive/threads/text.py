"""What two mentions of an action are compared by: their words, owners and codes, and whether
an entry says that something was done.

Minutes repeat an action in other words: "de factsheet opstellen" in one meeting, "Factsheet
opstellen (vervolg)" in the action list, "De projectleider heeft de factsheet opgesteld" when it
is done. So a text is reduced to *keys*: folded words without stop words, status and process
words ("actie", "afgerond", "vervolg"), dates and numbers; a past participle loses its "ge"
("opgesteld" → "opsteld"), and every word is cut to its first five letters, which is enough to
bring "opgesteld" and "opstellen", "voorgelegd" and "voorleggen" together without a lemmatizer.
"""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import lru_cache

from archive.index.analysis import fold, key_words, split_owners

KEY_LENGTH = 5

# Words that say where an action stands or how it is minuted, not what it is: two mentions
# of one action differ in exactly these.
PROCESS_WORDS = frozenset(
    """
    actie acties actiepunt actiepunten actiehouder afgerond afronden gereed klaar gedaan
    vervalt vervallen komt loopt lopend open status stand zaken vervolg vervolgactie nog
    verder inmiddels heeft hebben wordt worden zal zullen gaat gaan uiterlijk deadline week
    datum voor vóór medio begin eind eerstvolgende volgend volgende overleg vergadering zsm
    nnb nader toezegging zegt toe punt opgepakt oppakken blijft staan staat afgevoerd
    doorlopend behandeling uitgevoerd opgeleverd gesloten kan niet meer nodig
    januari februari maart april mei juni juli augustus september oktober november december
    jan feb mrt apr jun jul aug sep sept okt nov dec
    maandag dinsdag woensdag donderdag vrijdag zaterdag zondag
    """.split()
)
# Separable particles before the "ge" of a past participle: "op|ge|steld", "aan|ge|past".
_PARTICLES = (
    "terug", "samen", "voor", "rond", "door", "over", "vast", "mee", "aan", "uit", "toe",
    "weg", "bij", "af", "op", "in", "na",
)
_ARTICLES = frozenset({"de", "het", "een", "t", "d"})

# Codes the minutes give actions: "A-21", "A07", "B-14", "mrt24/03", "sep24/10", "2022-003".
_CODE_IN_TEXT = re.compile(
    r"(?<![\w/-])("
    r"[A-Za-z]{1,3}-\d{1,4}"  # A-21, AP-3
    r"|[A-Z]{1,2}\d{1,4}"  # A07
    r"|[a-zA-Z]{3,4}\d{2}/\d{1,3}"  # mrt24/03
    r"|(?:19|20)\d{2}[-/]\d{1,4}"  # 2022-003
    r")(?![\w/-])"
)


def _unparticiple(word: str) -> str:
    """`opgesteld` → `opsteld`, `geagendeerd` → `agendeerd`: the "ge" of a past participle
    dropped, so that the participle and the infinitive share their first letters."""
    for particle in _PARTICLES:
        if word.startswith(particle + "ge") and len(word) > len(particle) + 4:
            return particle + word[len(particle) + 2 :]
    if word.startswith("ge") and len(word) > 6:
        return word[2:]
    return word


@lru_cache(maxsize=65_536)
def _key(word: str) -> str:
    return _unparticiple(word)[:KEY_LENGTH]


_TE_INFINITIVE = re.compile(r"\b(" + "|".join(_PARTICLES) + r") te (\w+)")


def text_keys(text: str, *, drop: Iterable[str] = ()) -> frozenset[str]:
    """The keys of `text` (see the module docstring); keys in `drop` (an owner's, say) are
    left out, so that "De voorzitter zal …" and "… (voorzitter)" compare on the rest.
    A separable verb split by "te" is joined: "rond te sturen" is "rondsturen"."""
    dropped = set(drop)
    out = set()
    for word in key_words(_TE_INFINITIVE.sub(r"\1\2", fold(text or ""))):
        if word in PROCESS_WORDS or any(c.isdigit() for c in word):
            continue
        key = _key(word)
        if key not in dropped:
            out.add(key)
    return frozenset(out)


_STATUS_TEXT = {
    "afgerond": "done", "gereed": "done", "klaar": "done", "g": "done", "gesloten": "done",
    "loopt": "open", "lopend": "open", "open": "open", "o": "open", "inbehandeling": "open",
    "doorlopend": "ongoing", "vervalt": "dropped", "vervallen": "dropped",
}


def status_of_text(status_text: str) -> str:
    """The status a status cell says, read whole even when a narrow column broke the word
    ("doorlopen d"); "" for anything else."""
    return _STATUS_TEXT.get(re.sub(r"[\s.]+", "", fold(status_text or "")), "")


def owner_parts(owner: str, owners: Iterable[str] = ()) -> list[frozenset[str]]:
    """Each party an owner names, as a set of folded words without articles: "De
    projectleider en COA" → [{projectleider}, {coa}]. Hyphens count as spaces
    ("secretaris-directeur" is "secretaris directeur" as a reader without hyphens has it)."""
    parts = list(owners) or split_owners(owner)
    out = []
    for part in parts:
        words = frozenset(
            w for w in re.findall(r"[^\W_]+", fold(part).replace("-", " ")) if w not in _ARTICLES
        )
        if words:
            out.append(words)
    return out


def owner_keys(owner: str, owners: Iterable[str] = ()) -> frozenset[str]:
    """The text keys of an owner's words, to take out of the action's own text."""
    return frozenset(_key(w) for part in owner_parts(owner, owners) for w in part if len(w) > 2)


def owner_similarity(a: list[frozenset[str]], b: list[frozenset[str]]) -> float | None:
    """How well two owners agree: 1.0 for the same party (or one naming a party the other
    names: "FSC-team" and "dec FSC-team"), down to 0.0 for no word in common; None when
    either is unknown (empty, or blacked out)."""
    if not a or not b:
        return None
    best = 0.0
    for x in a:
        for y in b:
            common = len(x & y)
            if common:
                best = max(best, common / min(len(x), len(y)))
    return best


def code_key(code: str) -> str:
    """A code as compared: folded, without blanks (`Sep24/10` is `sep24/10`)."""
    return re.sub(r"\s+", "", fold(code or ""))


def is_identifying(code: str) -> bool:
    """Whether a code names one action (`A-21`, `mrt24/03`, `2022-003`) rather than a row's
    place in its list (`1`, `12`), which the next list may give another action."""
    key = code_key(code)
    if not key or key.isdigit():
        return False
    return any(c.isdigit() for c in key) and len(key) >= 2


def codes_in(text: str) -> list[str]:
    """The action codes a text cites ("Actie A-03 is afgerond", "zie mrt24/03")."""
    return [m.group(1) for m in _CODE_IN_TEXT.finditer(text or "")]


_MONTHS = {
    "jan": 1, "feb": 2, "mrt": 3, "maa": 3, "apr": 4, "mei": 5, "jun": 6, "jul": 7, "aug": 8,
    "sep": 9, "okt": 10, "oct": 10, "nov": 11, "dec": 12,
}
_MONTH_CODE = re.compile(r"^([a-z]{3})[a-z]?(\d{2})/\d{1,3}$")


def code_month(code: str) -> str:
    """The month a month-coded action was set in (`mrt24/03` → `2024-03`), or ""."""
    match = _MONTH_CODE.match(code_key(code))
    if not match or match.group(1) not in _MONTHS:
        return ""
    return f"20{match.group(2)}-{_MONTHS[match.group(1)]:02d}"


# --- closing sentences ----------------------------------------------------------------------

_DONE_WORDS = (
    r"afgerond|gereed|klaar|gedaan|uitgevoerd|opgeleverd|verstuurd|verzonden|ingediend|"
    r"geregeld|opgelost|gesloten"
)
_DROPPED = re.compile(
    r"\b(vervalt|vervallen|komt te vervallen|afgevoerd|ingetrokken|niet meer nodig|"
    r"niet langer nodig|geschrapt)\b"
)
_NOT = re.compile(r"\b(nog niet|niet|geen)\b")
# Past participles: "opgesteld", "geagendeerd", and those without "ge" ("besproken",
# "voorbereid", "verwerkt").
_PARTICIPLE = (
    r"\w*ge\w{2,}[dt]|\w+eerd|\w*(?:be|ver|ont|her)\w{3,}[dt]|"
    r"\w*(?:besproken|onderzocht|bekeken|ontvangen|herzien)"
)
# "is afgerond", "zijn verstuurd", "is opgesteld", "is inmiddels rondgestuurd"
_PASSIVE_DONE = re.compile(
    r"\b(is|zijn)\b(?:\s+\S+){0,8}?\s+(" + _DONE_WORDS + "|" + _PARTICIPLE + r")\b"
)
# "heeft … opgesteld", "hebben … afgerond", "heeft … gedaan"
_ACTIVE_DONE = re.compile(
    r"\b(heeft|hebben)\b(?:\s+\S+){0,14}?\s+(" + _DONE_WORDS + "|" + _PARTICIPLE + r")\b"
)
_STATUS_DONE = re.compile(r"\b(actie|actiepunt|acties|actiepunten)\b.*\b(" + _DONE_WORDS + r")\b")


_STRICT_DONE = re.compile(r"\b(is|zijn|heeft|hebben)\b(?:\s+\S+){0,3}?\s+(" + _DONE_WORDS + r")\b")


def closing_status(text: str, *, strict: bool = False) -> str:
    """"done" when the text says something was done ("De projectleider heeft de factsheet
    opgesteld", "Actie A-03 is afgerond", "De notitie is rondgestuurd"), "dropped" when it says
    an action is dropped ("Actie A-04 vervalt"), "" otherwise (also for "is nog niet
    afgerond").

    `strict` (for an actie entry, which says what is to be done and may well say "nagaan of
    de gemeente heeft gereageerd") takes only the words that say so outright: afgerond,
    gereed, vervalt …"""
    folded = fold(text or "")
    if _DROPPED.search(folded) and not re.search(r"\bniet vervallen\b", folded):
        return "dropped"
    patterns = (
        (_STATUS_DONE, _STRICT_DONE) if strict else (_STATUS_DONE, _ACTIVE_DONE, _PASSIVE_DONE)
    )
    for pattern in patterns:
        match = pattern.search(folded)
        if match and not _NOT.search(folded[: match.end()]):
            return "done"
    return ""


__all__ = [
    "PROCESS_WORDS",
    "closing_status",
    "code_key",
    "code_month",
    "codes_in",
    "is_identifying",
    "owner_keys",
    "owner_parts",
    "owner_similarity",
    "status_of_text",
    "text_keys",
]
