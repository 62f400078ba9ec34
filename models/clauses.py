"""What a sentence of minutes says it is, when no marker says so: a decision, an action (and
who has to act), or neither.

Minutes write decisions and actions in plain Dutch as often as behind a "Besluit:" marker:
"Het college besluit …", "Besloten wordt …", "Het overleg stemt in met …", "Verslag is besproken
en akkoord"; "De wethouder zal dit terugkoppelen", "Geonovum werkt de voorstellen verder uit",
"Het opnemen van een versienummer wordt nader onderzocht door Geonovum". The rules here read
the sentence's tokens (the project's spaCy tokenizer) and its subject, and they prefer to miss:
an explanation that merely contains "zal" ("De verwachting is dat het aantal zal stijgen")
stays a note, because its subject is no one who can act.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import cache

from models.clause_data import (
    ACTION_VERBS,
    ADVERBIALS,
    COLLECTIVES,
    NON_AGENTS,
    PASSIVE_TASKS,
    PRONOUNS,
    ROLE_SUFFIXES,
)
from models.redaction import is_redaction_mark


@dataclass(frozen=True, slots=True)
class Clause:
    """The reading of one sentence: its kind, the agent as written, and the rule that fired."""

    kind: str  # "besluit" or "actie"
    owner: str = ""
    commitment: bool = False
    rule: str = ""


# "het college", "het managementteam", "de procedurevergadering", "het dagelijks bestuur".
_BODY = (
    r"(?:(?:het|de)\s+(?:\w+\s+){0,2}?\w*(?:college|overleg|bestuur|raad|commissie|vergadering|"
    r"stuurgroep|team|groep|directie|presidium|staf|beraad)\b"
    r"|(?:het|de)\s+(?:to|ab|db|bo|gs|mt|ot|rbt|gbt)\b|gedeputeerde\s+staten|provinciale\s+staten"
    r"|burgemeester\s+en\s+wethouders|b\s?(?:&|en)\s?w\b)"
)
# A word between the verb and its participle: "B&W" and "Woo-coördinator" are words too.
_W = r"[\w&'’\-]+"
_DECISIONS: list[tuple[str, re.Pattern[str]]] = [
    (name, re.compile(pattern, re.IGNORECASE))
    for name, pattern in (
        ("body_decides", rf"^(?:\W*\w+\s+){{0,3}}?{_BODY}[^.;:]{{0,40}}?\bbesl(?:uit|uiten)\b"),
        ("decides_body", rf"\bbesl(?:uit|uiten)\s+(?:{_BODY}|wij|we|zij)\b"),
        ("decided", r"\bbesloten\s+(?:wordt|is|werd)\b"),
        ("decided", r"\b(?:wordt|is|werd)\s+(?:\w+\s+)?besloten\b"),
        ("agrees", r"\b(?:stemt|stemmen|stemde|stemden)\s+(?:\w+\s+){0,3}?in\s+met\b"),
        ("accord", r"\b(?:gaat|gaan|ging|gingen)\s+(?:\w+\s+){0,2}?akkoord\b"),
        ("accord", r"\b(?:is|zijn|wordt|worden)\s+(?:\w+\s+){0,3}?akkoord\b"),
        ("accord", r"^(?:\W*)akkoord\b"),
        ("accord", r"\ben\s+akkoord\b"),
        ("adopts", r"\b(?:stelt|stellen)\s+(?:\w+\s+){1,8}?vast\b"),
        ("adopted", rf"\b(?:wordt|worden|is|zijn|werd|werden)\s+(?:{_W}\s+){{0,5}}?vastgesteld\b"),
        ("approved", rf"\b(?:wordt|worden|is|zijn|werd|werden)\s+(?:{_W}\s+){{0,5}}?goedgekeurd\b"),
        ("approves", r"\b(?:keurt|keuren)\s+(?:\w+\s+){1,8}?goed\b"),
        ("advice", r"\b(?:neemt|nemen)\s+(?:het|dit)\s+(?:\w+\s+)?advies\s+over\b"),
        ("agreed", r"\b(?:wordt|is|werd)\s+(?:afgesproken|overeengekomen)\b"),
        ("agreed", r"^(?:\W*)(?:afgesproken|overeengekomen)\s+(?:wordt|is)\b"),
        ("adopted", r"\b(?:wordt|worden)\s+(?:\w+\s+){0,2}?aangenomen\b"),
    )
]
# Sentences that talk about a decision without making one.
_NOT_DECIDED = re.compile(
    r"\?|\b(?:zal|zullen|kan|kunnen|moet|moeten|wil|willen)\b[^.]*\b(?:besluiten|"
    r"vaststellen|vastgesteld|goedgekeurd|akkoord)\b|\bter\s+(?:besluitvorming|vaststelling)\b|"
    r"\bniet\s+(?:akkoord|vastgesteld|goedgekeurd)\b|\bbesluitvorming\b|\bvoorgelegd\b|"
    r"\bvoorstel\s+om\b|\bverwacht\b|\bvolgende\s+(?:keer|vergadering)\b.*\bbesl|"
    r"\beerder\s+(?:\w+\s+)?besproken\b|\btoen\s+is\b|\bin\s+het\s+verleden\b|"
    r"\b(?:is|zijn|was|waren)\s+(?:al|reeds|destijds)\b[^.]*\b(?:goedgekeurd|vastgesteld|"
    r"besloten|akkoord)\b",
    re.IGNORECASE,
)
_MODALS = frozenset({"zal", "zullen", "gaat", "gaan"})
_PROMISE = re.compile(r"\b(?:zegt|zeggen|zegde|zegden)\s+(?:\w+\s+){0,4}?toe\b|\btoegezegd\b", re.I)
_ASKED = re.compile(
    r"\b(?:wordt|worden)\s+(?:\w+\s+)?gevraagd\b(?=[^.]*\b(?:om|te)\b)", re.IGNORECASE
)
_REQUEST = re.compile(
    r"\b(?:verzoekt|verzoeken|vraagt|vragen)\s+(?P<agent>(?:de|het)?\s*[\w.\-]+(?:\s+[\w.\-]+){0,3}?)"
    r"\s+(?:om|te)\b",
    re.IGNORECASE,
)
_PASSIVE = re.compile(
    r"\b(?:wordt|worden)\b(?P<mid>[^.;]{0,80}?)\b(?P<task>\w+)\s+door\s+"
    r"(?P<agent>(?:de|het)?\s*[\w.\-]+(?:\s+(?:[A-Z][\w.\-]*|van|der|den|de))*)",
)
# "Het voorstel zal door Logius worden uitgewerkt": the agent before the participle.
_PASSIVE_PLAN = re.compile(
    r"\b(?:zal|zullen)\b[^.;]{0,60}?\bdoor\s+"
    r"(?P<agent>(?:de|het)?\s*[\w.\-]+(?:\s+(?:[A-Z][\w.\-]*|van|der|den|de))*)"
    r"\s+(?:\w+\s+){0,3}?(?:worden\s+(?P<task>\w+)|(?P<task2>\w+)\s+worden)\b",
)
_PRONOMINAL = re.compile(
    r"^(?:hier|daar|waar|er)(?:voor|na|mee|bij|over|door|in|op|aan|uit|om|toe)$"
)
_VERBISH = frozenset({"wordt", "worden", "is", "zijn", "heeft", "hebben", "was", "werd", "kan"})
_NAME = re.compile(r"^(?:[A-Z][\w'’\-]*\.?|[A-Z]{2,}[\w\-]*)$")
_PARTICLE_NAMES = frozenset({"van", "der", "den", "de", "ter", "ten", "het", "'t", "du", "la"})


_PREPOSITIONS = frozenset(
    "na voor vóór in op bij met tot tijdens uiterlijk binnen sinds vanaf rond per over".split()
)
_SUBORDINATORS = frozenset({"dat", "of", "als", "wanneer", "omdat", "indien", "waarin", "waarbij"})


@cache
def _tokenizer():
    from models.nlp import load

    return load().tokenizer


@cache
def _role_words() -> frozenset[str]:
    from models.gazetteer import gazetteer

    g = gazetteer()
    words = set()
    for form in [*g.roles, *g.orgs]:
        words.add(form.lower())
    return frozenset(words)


@cache
def _place_words() -> frozenset[str]:
    from models.gazetteer import gazetteer

    g = gazetteer()
    return frozenset(k.lower() for k in [*g.municipalities, *g.places, *g.regions])


def role_noun(word: str) -> bool:
    """A noun for a person in a role, by its ending: "verkenner", "teamleider", "adviseur"."""
    low = word.lower()
    return any(low.endswith(s) and len(low) > len(s) + 1 or low == s for s in ROLE_SUFFIXES)


def _is_role_word(word: str) -> bool:
    low = word.lower().strip(".,:;()")
    if not low:
        return False
    return low in COLLECTIVES or low in _role_words() or role_noun(low)


def agent(words: list[str]) -> bool:
    """Whether the words of a subject name someone who can act: a role ("de verkenner", "de
    wethouder van Almelo"), a body ("het college", "de werkgroep", "Tubbergen"), an
    organisation ("Geonovum", "VNG"), a person ("Peter", "L. de Graaf") or a pronoun."""
    words = [w for w in words if w.strip("().,")]
    joins = [i for i, w in enumerate(words) if w.lower() in ("en", "&", "/")]
    if joins and 0 < joins[0] < len(words) - 1 and len(words) <= 16:
        # Two owners: "De DG Volksgezondheid en de directie Financieel-Economische Zaken".
        i = joins[0]
        if agent(words[:i]) and agent(words[i + 1 :]):
            return True
    if not words or len(words) > 7 or any(w.lower() in _VERBISH for w in words):
        return False
    if len(words) == 1 and is_redaction_mark(words[0]):
        return True  # a name behind a Woo box: someone, though unnamed
    low = [w.lower() for w in words]
    if low[0] in PRONOUNS and len(words) == 1:
        return True
    body = words[1:] if low[0] in ("de", "het", "een") else words
    if not body:
        return False
    head = body[0].lower().strip(",")
    if head in NON_AGENTS or head in _PREPOSITIONS:
        return False  # "na overleg", "in de vergadering": a time or place, not who acts
    # The one who acts is named before any preposition: "de wethouder van Almelo" is the
    # wethouder, "de factsheet voor gemeenten" a factsheet.
    cut = next((k for k, w in enumerate(body) if k and w.lower() in _PREPOSITIONS), len(body))
    if any(_is_role_word(w) for w in body[: min(cut, 3)]):
        return True
    if len(body) >= 2 and body[0].islower() and all(_NAME.match(w) for w in body[1:]):
        return True  # "de heemraad Financiën", "woningcorporatie Welbions": a kind and a name
    if low[0] in ("de", "het", "een"):
        return False  # "de planning", "het aantal": a thing
    names = [w for w in body if w.lower() not in _PARTICLE_NAMES and w not in ("en", "/", "&")]
    if len(names) == 1 and _common_word(names[0]):
        return False  # "Hiervoor zal …": an adverb at the start of the sentence, no name
    return bool(names) and all(_NAME.match(w) or w.lower() in _place_words() for w in names)


def _common_word(word: str) -> bool:
    """A capitalised word that is an ordinary Dutch word, not a name: a stop word, or a
    pronominal adverb ("Hiervoor", "Daarmee", "Waarbij")."""
    from spacy.lang.nl.stop_words import STOP_WORDS

    low = word.lower()
    return low in STOP_WORDS or low in ADVERBIALS or bool(_PRONOMINAL.match(low))


def _subject_before(tokens: list[str], verb: int) -> list[str] | None:
    """The subject in front of the verb at `verb`, after any opening adverbial."""
    words = tokens[:verb]
    while words and (words[0].lower() in ADVERBIALS or not words[0].strip("•-–*·")):
        words = words[1:]
    if not words or any(w in (",", ";", ":") for w in words[1:]):
        return None
    if words[-1].lower() in ("te", "om"):
        return None  # "RIVM te informeren": an infinitive clause, no one acting
    return words


def _subject_after(tokens: list[str], verb: int) -> list[str]:
    """The subject right behind the verb ("Daarnaast zal de provincie een format delen")."""
    words: list[str] = []
    for w in tokens[verb + 1 : verb + 6]:
        low = w.lower()
        if words and (low not in _PARTICLE_NAMES and not _NAME.match(w) and not _is_role_word(w)):
            break
        if not words and low not in ("de", "het", "we", "wij", "zij", "hij", "ze") and not (
            _NAME.match(w) or _is_role_word(w)
        ):
            break
        words.append(w)
    return words


_CLAUSE_ENDS = frozenset({".", ";", ",", ":", "dat", "om", "of", "en", "zodat", "waarna"})


def _passive_plan(after_modal: list[str]) -> bool:
    """Whether the words after "zal"/"zullen" make it passive up to the end of the clause:
    what will be done, not who will do it (that needs "door …", read elsewhere)."""
    for t in after_modal:
        if t in _CLAUSE_ENDS:
            return False
        if t == "worden":
            return True
    return False


def _as_written(text: str, words: list[str]) -> str:
    """The subject's words as they stand in the text (the tokenizer split "(VNG)")."""
    if not words:
        return ""
    pattern = r"\s*".join(re.escape(w) for w in words)
    m = re.search(pattern, text)
    return m.group(0).strip() if m else " ".join(words)


def _announces(text: str, subject: list[str]) -> bool:
    """Whether "we" say what the meeting does next, in a sentence that leads into it ("Middels
    de wijzigingen zullen we hier doorheen lopen:"): the minutes' own course, no task."""
    return text.rstrip().endswith(":") and [w.lower() for w in subject] in (["we"], ["wij"])


def read_clause(sentence: str) -> Clause | None:
    """The decision or action a sentence states without a marker, or None for a note."""
    text = sentence.strip()
    if not text or len(text) > 600:
        return None
    for name, pattern in _DECISIONS:
        if pattern.search(text) and not _NOT_DECIDED.search(text):
            return Clause("besluit", rule=name)
    tokens = [t.text for t in _tokenizer()(text)]
    lower = [t.lower() for t in tokens]
    if _PROMISE.search(text):
        verb = next((i for i, t in enumerate(lower) if t.startswith("zeg") or t == "toegezegd"), 0)
        subject = _subject_before(tokens, verb)
        if subject and agent(subject):
            return Clause("actie", _as_written(text, subject), commitment=True, rule="promise")
    for i, t in enumerate(lower):
        if t in _MODALS:
            if _passive_plan(lower[i + 1 :]):
                break  # "dit zal worden besproken", "het overleg zal online gehouden worden"
            if t in ("gaat", "gaan") and not _plans(lower[i + 1 :]):
                continue  # "het gaat om …", "gaat in op …": no plan to act
            subject = _subject_before(tokens, i)
            if subject and agent(subject) and not _in_that_clause(lower, i):
                if _announces(text, subject):
                    break
                return Clause("actie", _as_written(text, subject), rule="modal")
            after = _subject_after(tokens, i)
            if i > 0 and after and agent(after) and not _announces(text, after):
                return Clause("actie", _as_written(text, after), rule="modal_inverted")
            break
    m = _ASKED.search(text)
    if m:
        subject = _subject_before(tokens, _index_of(lower, "wordt", "worden"))
        if subject and agent(subject):
            return Clause("actie", _as_written(text, subject), rule="asked")
    for i, t in enumerate(lower[:12]):
        for verb, particle in ACTION_VERBS:
            if t != verb or (particle and particle not in lower[i + 1 :]):
                continue
            subject = _subject_before(tokens, i)
            if subject and agent(subject) and not _in_that_clause(lower, i):
                return Clause("actie", _as_written(text, subject), rule=f"verb:{verb}")
    m = _REQUEST.search(text)
    if m and agent(m.group("agent").split()):
        return Clause("actie", m.group("agent").strip(), rule="request")
    m = _PASSIVE.search(text)
    if m and m.group("task").lower() in PASSIVE_TASKS and agent(m.group("agent").split()):
        return Clause("actie", _sentence_end(m.group("agent")), rule="passive")
    m = _PASSIVE_PLAN.search(text)
    if m and (m.group("task") or m.group("task2")).lower() in PASSIVE_TASKS and agent(
            m.group("agent").split()):
        return Clause("actie", m.group("agent").strip(), rule="passive_plan")
    return None


def _sentence_end(name: str) -> str:
    """A name without the full stop that ends its sentence; an abbreviation ("Pfh.", "B.V.")
    keeps its own."""
    name = name.strip()
    last = name.split()[-1] if name else ""
    if last.endswith(".") and len(last) > 5 and "." not in last[:-1]:
        return name[:-1]
    return name


_GAAT_IDIOMS = frozenset(
    """
    in over om akkoord door uit naar mee terug verder voor er hier daar zo nu goed niet ook
    samen langs ervan erover erin weg af op
    """.split()
)
_ARTICLES = frozenset({"de", "het", "een", "deze", "die", "dit", "dat"})


# A particle and preposition that make "gaan" an idiom wherever they stand: "gaat voorlopig
# uit van", "gaat daarom over tot", "gaat er graag op in".
_GAAT_PHRASES = frozenset({("uit", "van"), ("over", "tot"), ("akkoord", "met"), ("in", "op")})


def _plans(tokens: list[str]) -> bool:
    """Whether "gaat" opens a plan ("gaat het overzicht voorleggen aan het bestuur"), not an
    idiom ("gaat in op", "gaat akkoord", "gaat voorlopig uit van"): an infinitive follows
    that is no noun after an article, a number or a preposition ("de kosten", "van 2000
    plekken")."""
    words = [t for t in tokens if t.isalpha() or t.isdigit()]
    if not words or words[0] in _GAAT_IDIOMS or any(
        pair in _GAAT_PHRASES for pair in zip(words, words[1:], strict=False)
    ):
        return False
    return any(
        w.endswith("en") and len(w) > 4 and not words[i - 1].isdigit()
        and words[i - 1] not in _ARTICLES and words[i - 1] not in _PREPOSITIONS
        for i, w in enumerate(words)
        if i > 0
    )  # fmt: skip


# What a sentence that reports rather than decides says: someone noted, told, welcomed or
# opened; the meeting took note; something is expected or was discussed; a status word.
_REPORT = re.compile(
    r"\b(?:merkt|merken)\s+(?:\w+\s+)?op\b|\b(?:meldt|melden|meldde)\b|\blicht(?:en)?\s+(?:\w+\s+){0,3}?toe\b"
    r"|\b(?:geeft|geven)\s+(?:\w+\s+){0,3}?aan\b|\b(?:constateert|constateren)\b"
    r"|\b(?:deelt|delen)\s+(?:\w+\s+)?mee\b|\bheet\b[^.]*\bwelkom\b|\b(?:opent|sluit)\s+(?:de|het)\b"
    r"|\b(?:neemt|nemen)\s+(?:\w+\s+){0,2}?kennis\b|\b(?:is|wordt|werd)\s+(?:\w+\s+){0,3}?"
    r"(?:gesproken|opgemerkt|toegelicht|gemeld|besproken|gepresenteerd|stilgestaan)\b"
    r"|\bverwachting\b|\bnaar\s+verwachting\b|\bnaar\s+aanleiding\s+van\b|\bvanuit\s+\S+"
    r"|^\W*(?:ter\W?\s+(?:kennisname|informatie|vaststelling|bespreking|besluitvorming|advisering"
    r"|bespreking)|geen\s+(?:bijzonderheden|opmerkingen|mededelingen)|n\.?v\.?t\.?)\b"
    # The purpose alone, its "Ter" lost to a worn copy.
    r"|^\W*(?:kennisname|informatie|vaststelling|bespreking|besluitvorming|advisering)\W*$"
    r"|\b(?:er\s+zijn|er\s+is)\s+geen\b|\bop\s+dit\s+moment\b|\bvindt\s+plaats\b"
    r"|\b(?:presenteert|presenteren|informeert\s+(?:de|het)\s+\w+\s+over)\b"
    # Uncertain or forecast: "Of … toeneemt, is nog onduidelijk", "zal volgens de prognose
    # licht dalen"; an explanation given; the next meeting's date.
    r"|\bis\s+nog\s+(?:onduidelijk|onbekend|niet\s+(?:bekend|duidelijk))\b|^\W*of\s"
    r"|\bvolgens\s+de\s+(?:prognose|verwachting|planning)\b|\bprognose\b"
    r"|\b(?:zal|zullen)\s+(?:\w+\s+){0,6}?(?:stijgen|dalen|toenemen|afnemen|oplopen|teruglopen)\b"
    r"|\b(?:geeft|geven)\s+(?:\w+\s+){0,2}?toelichting\b"
    r"|\bvolgende?\s+(?:overleg|vergadering|bijeenkomst)\s*(?:is|vindt|:)",
    re.IGNORECASE,
)


def reports(sentence: str) -> bool:
    """Whether a sentence reports (a remark, a welcome, something noted or expected) rather
    than states what was decided: in a "Besluit" column such a sentence is still a note."""
    return bool(_REPORT.search(sentence))


def _index_of(tokens: list[str], *words: str) -> int:
    return next((i for i, t in enumerate(tokens) if t in words), 0)


def _in_that_clause(tokens: list[str], verb: int) -> bool:
    """Whether the verb stands in a subordinate clause ("… is dat het aantal zal stijgen")."""
    return any(t in _SUBORDINATORS for t in tokens[:verb])
