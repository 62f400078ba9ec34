"""spaCy components of the minutes pipeline, registered by name.

- ``minutes_dates`` finds and normalizes DATE mentions (:mod:`models.dates`).
- ``minutes_gazetteer``, an entity ruler over the gazetteers (:func:`gazetteer_patterns`).
- ``minutes_entities`` keeps the matches that are really names (capitalization, context, traps
  such as "Best" or "Jan van Putten"), attaches their normalized value, and folds qualifiers into
  roles ("burgemeester van Almelo", "projectleider Oekraïne").

Results are :class:`Mention` records in ``doc._.mentions``; ``span._.value`` and ``span._.extra``
read them for ``doc.ents``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import date

from spacy.lang.nl.stop_words import STOP_WORDS
from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token

from models.dates import parse_dates
from models.gazetteer import Gazetteer, gazetteer


@dataclass(slots=True)
class Mention:
    """One tagged mention with its character span; `nested` holds names inside it."""

    label: str
    start: int
    end: int
    text: str
    value: str
    extra: dict[str, str] = field(default_factory=dict)
    nested: list[Mention] = field(default_factory=list)

def _span_lookup(span: Span) -> Mention | None:
    index = span.doc._.mention_index or {}
    return index.get((span.start, span.end))

TEXT_KEY = "minutes_text"

def doc_text(doc: Doc) -> str:
    """``doc.text``, kept in ``doc.user_data``: spaCy rebuilds it from the tokens on every read."""
    text = doc.user_data.get(TEXT_KEY)
    if text is None:
        text = doc.user_data[TEXT_KEY] = doc.text
    return text

def register_extensions() -> None:
    """Custom attributes: ``doc._.ref`` (meeting date), ``doc._.mentions``, ``span._.value``."""
    if not Doc.has_extension("ref"):
        Doc.set_extension("ref", default=None)
    if not Doc.has_extension("mentions"):
        Doc.set_extension("mentions", default=None)
    if not Doc.has_extension("mention_index"):
        Doc.set_extension("mention_index", default=None)
    if not Span.has_extension("value"):
        Span.set_extension("value", getter=lambda s: m.value if (m := _span_lookup(s)) else "")
    if not Span.has_extension("extra"):
        Span.set_extension("extra", getter=lambda s: m.extra if (m := _span_lookup(s)) else {})

register_extensions()

# --- dates --------------------------------------------------------------------------------

@Language.factory("minutes_dates")
def make_date_recognizer(nlp: Language, name: str) -> DateRecognizer:
    return DateRecognizer()

class DateRecognizer:
    """Sets DATE entities from :func:`models.dates.parse_dates`, against ``doc._.ref``."""

    def __call__(self, doc: Doc) -> Doc:
        ref: date | None = doc._.ref
        spans: list[Span] = []
        index: dict[tuple[int, int], Mention] = {}
        for dm in parse_dates(doc_text(doc), ref):
            span = doc.char_span(dm.start, dm.end, label="DATE", alignment_mode="expand")
            if span is None or any(span.start < s.end and s.start < span.end for s in spans):
                continue
            extra = {"kind": dm.kind}
            if dm.qualifier:
                extra["qualifier"] = dm.qualifier
            spans.append(span)
            index[(span.start, span.end)] = Mention(
                "DATE", dm.start, dm.end, dm.text, dm.value, extra
            )
        if spans:
            doc.ents = spans
        doc._.mention_index = index
        return doc

# --- gazetteer patterns ---------------------------------------------------------------------

KEYWORDS = {"gemeente": "MUNICIPALITY", "provincie": "REGION", "regio": "REGION"}

def gazetteer_patterns(g: Gazetteer) -> list[dict[str, str]]:
    """Phrase patterns for the entity ruler: every form, and "gemeente X" / "provincie X"."""
    patterns: list[dict[str, str]] = []
    seen: set[tuple[str, str]] = set()

    def add(label: str, text: str, key: str) -> None:
        if (label, text.lower()) not in seen:
            seen.add((label, text.lower()))
            patterns.append({"label": label, "pattern": text, "id": key})

    for label, forms in g.forms.items():
        for entries in forms.values():
            for form, key in entries:
                add(label, form, key)
                if label == "MUNICIPALITY":
                    add(label, f"gemeente {form}", key)
    for region in g.regions.values():
        add("REGION", f"regio {region.name}", region.name)
        if region.kind == "provincie":
            add("REGION", f"provincie {region.name}", region.name)
    for adjective, region in g.region_adjectives.items():
        for noun in ("gemeenten", "gemeentes"):
            add("REGION", f"{adjective} {noun}", region)
    return patterns

@Language.factory("minutes_gazetteer")
def make_gazetteer_ruler(nlp: Language, name: str) -> GazetteerRuler:
    return GazetteerRuler(nlp, gazetteer_patterns(gazetteer()))

class GazetteerRuler:
    """An entity ruler for the gazetteers: case-insensitive phrase matching, longest match wins.

    spaCy's own ``EntityRuler`` recounts its whole pattern table on every doc, which with a few
    thousand names costs more than the matching itself; this keeps just the phrase matcher. The
    gazetteer key of a match travels in ``span.kb_id_``; DATE entities already set stay.
    """

    def __init__(self, nlp: Language, patterns: list[dict[str, str]]) -> None:
        self.matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        grouped: dict[str, list[str]] = {}
        for p in patterns:
            grouped.setdefault(f"{p['label']}\t{p['id']}", []).append(p["pattern"])
        texts = [t for group in grouped.values() for t in group]
        docs = iter(nlp.tokenizer.pipe(texts))
        for match_key, group in grouped.items():
            self.matcher.add(match_key, [next(docs) for _ in group])
        self.strings = nlp.vocab.strings

    def __call__(self, doc: Doc) -> Doc:
        existing = list(doc.ents)
        taken = [(e.start, e.end) for e in existing]
        matches = sorted(self.matcher(doc), key=lambda m: (m[1] - m[2], m[1]))
        spans = list(existing)
        for match_id, start, end in matches:
            if any(start < e and s < end for s, e in taken):
                continue
            label, key = self.strings[match_id].split("\t", 1)
            spans.append(Span(doc, start, end, label=label, kb_id=key))
            taken.append((start, end))
        doc.ents = sorted(spans, key=lambda span: span.start)
        return doc

# --- resolving ruler matches ----------------------------------------------------------------

# Words before a name that make it a place even when the name is also a common word.
_CONTEXT = {
    "gemeente", "gemeenten", "gemeentes", "in", "te", "uit", "naar", "bij", "rond", "nabij",
    "omgeving", "regio", "dorp", "kern", "plaats", "woonplaats", "locatie", "burgemeester",
    "wethouder", "van", "tussen", "en", "azc", ",", "/", "&", "richting", "via", "vanuit",
}  # fmt: skip
_VETO_NEXT = {"practice", "practices", "case", "guess", "effort", "of", "western"}
_BOUNDARY = {".", "!", "?", ":", ";", "•", "*", ">", "-", "–", "(", '"', "'", "·", "▪", "o"}
_PARTICLES = {"van", "de", "den", "der", "ter", "ten", "'t"}
_TITLES = {
    "heer", "mevrouw", "mevr", "mw", "dhr", "mr", "dr", "ir", "drs", "prof", "ing", "meneer",
}  # fmt: skip
# Words that open a sentence with "X van <place>" without X being a first name.
_VAN_NOUNS = STOP_WORDS | {
    "inwoners", "bewoners", "namens", "college", "raad", "omgeving", "centrum", "noorden",
    "zuiden", "oosten", "westen", "rondom", "buiten", "vanuit", "kernen", "dorpen", "wijken",
    "locatie", "locaties", "opvang", "bestuur", "ondernemers", "gemeenten", "burgemeesters",
    "zuid", "noord", "oost", "west", "midden", "hart", "ten", "stand", "situatie",
    "vertegenwoordigers",
}  # fmt: skip
_NUMBERING = re.compile(r"^(?:\d+(?:\.\d+)*\.?|[a-z]\)|[ivx]+\.)$")

def _prev(doc: Doc, i: int) -> Token | None:
    """The token before index `i`, or None at the start or after a line break."""
    j = i - 1
    if j < 0:
        return None
    tok = doc[j]
    if tok.is_space:
        return None if "\n" in tok.text else _prev(doc, j)
    return tok

def _sentence_initial(doc: Doc, i: int) -> bool:
    prev = _prev(doc, i)
    return prev is None or prev.text in _BOUNDARY or bool(_NUMBERING.match(prev.text))

def _is_acronym(form: str) -> bool:
    return " " not in form and sum(c.isupper() for c in form) >= 2

def _first_alpha_upper(word: str) -> bool | None:
    for c in word:
        if c.isalpha():
            return c.isupper()
    return None

def _case_ok(text: str, form: str) -> bool:
    """Acronyms must match exactly; a name's capitals must be capitals in the text too."""
    if text == form:
        return True
    if _is_acronym(form):
        return False
    words, form_words = text.split(), form.split()
    if len(words) != len(form_words):
        return _first_alpha_upper(text) is not False or _first_alpha_upper(form) is False
    for word, fword in zip(words, form_words, strict=True):
        if _first_alpha_upper(fword) and not _first_alpha_upper(word):
            return False
    return True

@dataclass(slots=True)
class _Pending:
    """A word-like name first in its sentence: kept only when it opens a list of places."""

    mention: Mention

class EntityResolver:
    """Filter gazetteer matches, attach values and fold qualifiers into roles."""

    def __init__(self, g: Gazetteer) -> None:
        self.g = g
        topics = sorted(g.topics, key=len, reverse=True)
        self._topic_re = re.compile(
            r"[ \t]+(" + "|".join(re.escape(t) for t in topics) + r")(?![\w-])", re.IGNORECASE
        )

    def __call__(self, doc: Doc) -> Doc:
        index: dict[tuple[int, int], Mention] = doc._.mention_index or {}
        kept: list[tuple[Span, Mention]] = []
        pending: list[tuple[Span, Mention]] = []
        for ent in doc.ents:
            if ent.label_ == "DATE":
                mention = index.get((ent.start, ent.end))
            else:
                mention = self._resolve(doc, ent)
            if isinstance(mention, _Pending):
                pending.append((ent, mention.mention))
            elif mention is not None:
                kept.append((ent, mention))
        if pending:
            kept = sorted(kept + self._listed(doc, pending, kept), key=lambda sm: sm[0].start)
        kept = self._regional(doc, kept)
        kept = self._qualify_roles(doc, kept)
        doc.ents = [span for span, _ in kept]
        doc._.mentions = [m for _, m in kept]
        doc._.mention_index = {(s.start, s.end): m for s, m in kept}
        return doc

    def _listed(
        self, doc: Doc, pending: list[tuple[Span, Mention]], kept: list[tuple[Span, Mention]]
    ) -> list[tuple[Span, Mention]]:
        """A word-like name opening a list of places counts: "Delden, Goor en Markelo"."""
        starts = {span.start: m for span, m in kept if m.label in ("MUNICIPALITY", "PLACE")}
        accepted = []
        for span, mention in pending:
            j = span.end
            if j < len(doc) and doc[j].text in (",", "en") and starts.get(j + 1) is not None:
                accepted.append((span, mention))
        return accepted

    # -- one match

    def _form(self, label: str, text: str, key: str) -> str | None:
        for form, k in self.g.forms.get(label, {}).get(text.lower(), []):
            if k != key:
                continue
            # Roles and organisations are written in any case ("veiligheidsregio Twente"),
            # except abbreviations; names of places keep their capitals.
            loose = label in ("ROLE", "ORG") and not _is_acronym(form)
            if loose or _case_ok(text, form):
                return form
        return None

    def _resolve(self, doc: Doc, ent: Span) -> Mention | _Pending | None:
        label, key = ent.label_, ent.kb_id_
        name = ent
        keyword = len(ent) > 1 and KEYWORDS.get(ent[0].lower_) is not None
        if keyword:
            name = ent[1:]
        if label in ("MUNICIPALITY", "PLACE"):
            return self._place(doc, ent, name, keyword)
        mention = Mention(label, ent.start_char, ent.end_char, ent.text, "")
        if label == "REGION":
            words = name.text.split()
            if len(words) > 1 and words[-1].lower() in ("gemeenten", "gemeentes"):
                name_text = " ".join(words[:-1])  # "Twentse gemeenten"
            else:
                name_text = name.text
            if not keyword and self._form(label, name_text, key) is None:
                return None
            if keyword and not _first_alpha_upper(name.text):
                return None
            region = self.g.regions[key]
            mention.value, mention.extra = region.name, {"kind": region.kind}
            return mention
        form = self._form(label, ent.text, key)
        if form is None:
            return None
        if label == "ROLE":
            mention.value = self.g.roles[key].role
        elif label == "ORG":
            org = self.g.orgs[key]
            mention.value = org.value
            if org.region:
                mention.extra = {"region": org.region}
                mention.nested = self._nested_region(ent, org.region)
        return mention

    def _nested_region(self, ent: Span, region: str) -> list[Mention]:
        """ "Veiligheidsregio Twente" also names the region Twente."""
        offset = ent.text.find(region)
        if offset <= 0:
            return []
        start = ent.start_char + offset
        kind = self.g.regions[region].kind if region in self.g.regions else ""
        return [Mention("REGION", start, start + len(region), region, region, {"kind": kind})]

    def _place(self, doc: Doc, ent: Span, name: Span, keyword: bool) -> Mention | _Pending | None:
        label, key = ent.label_, ent.kb_id_
        if self._form(label, name.text, key) is None:
            return None
        form = self._form(label, name.text, key) or ""
        if len(form) <= 3 and name.text != form:
            return None  # "EDE", "OSS" in capitals are as likely abbreviations
        verdict = "yes"
        if not keyword:
            if name.text.lower() in self.g.homographs:
                verdict = self._strict_ok(doc, ent)
                if verdict == "no":
                    return None
            if self._looks_like_person(doc, ent.start):
                return None
        mention = Mention(label, ent.start_char, ent.end_char, ent.text, "")
        g = self.g
        if label == "MUNICIPALITY":
            if key in g.municipalities:
                muni = g.municipalities[key]
                mention.value = muni.name
                mention.extra = {"gm_code": muni.gm_code, "province": muni.province}
            else:  # a dissolved municipality: its successor is the value
                muni = g.municipalities[g.former[key].municipality]
                mention.value = muni.name
                mention.extra = {"former": key, "gm_code": muni.gm_code, "province": muni.province}
        else:
            place = g.places[key]
            muni = g.municipalities[place.municipality]
            mention.value = place.name
            mention.extra = {
                "municipality": muni.name,
                "gm_code": muni.gm_code,
                "province": muni.province,
            }
        return _Pending(mention) if verdict == "list" else mention

    def _strict_ok(self, doc: Doc, ent: Span) -> str:
        """A name that is also a word ("Best", "Putten") needs a capital and a place context.

        "yes", "no", or "list": first in its sentence, so only accepted when it opens a list
        of places.
        """
        if not _first_alpha_upper(ent.text) or ent.text.isupper():
            return "no"
        prev = _prev(doc, ent.start)
        nxt = doc[ent.end] if ent.end < len(doc) else None
        if nxt is not None and nxt.lower_ in _VETO_NEXT:
            return "no"
        if prev is not None and prev.lower_ in _CONTEXT:
            return "yes"
        if _sentence_initial(doc, ent.start):
            return "list"
        if prev is not None and prev.text[:1].isupper():
            return "no"
        return "yes"

    def _looks_like_person(self, doc: Doc, i: int) -> bool:
        """ "mevrouw Van Ede", "Jan van Putten", "de heer Hoogland" are people."""
        prev = _prev(doc, i)
        if prev is None:
            return False
        if prev.lower_.rstrip(".") in _TITLES:
            return True
        if prev.lower_ in _PARTICLES:
            if prev.text[0].isupper() and not _sentence_initial(doc, prev.i):
                return True  # a capitalized particle mid-sentence belongs to a surname
            before = _prev(doc, prev.i)
            if (
                before is not None
                and before.text[:1].isupper()
                and before.is_alpha
                and not before.text.isupper()  # "het COA in Budel": an acronym is no first name
                and before.lower_ not in self.g.forms.get("ROLE", {})
                and before.lower_ not in KEYWORDS
                and (not _sentence_initial(doc, before.i) or before.lower_ not in _VAN_NOUNS)
            ):
                # "Jan van Putten"; but "Inwoners van Putten", and "wethouder Jansen van
                # Venlo", where the place belongs to the role.
                return not self._after_role(doc, before.i)
            if before is not None and before.lower_.rstrip(".") in _TITLES:
                return True
        return False

    def _regional(self, doc: Doc, kept: list[tuple[Span, Mention]]) -> list[tuple[Span, Mention]]:
        """ "GGD Groningen", "CdK in Utrecht": a province named like its capital is the region."""
        out: list[tuple[Span, Mention]] = []
        for span, mention in kept:
            prev = out[-1] if out else None
            if (
                prev is not None
                and mention.label == "MUNICIPALITY"
                and mention.text in self.g.regions
                and (
                    (prev[1].label == "ORG" and prev[0].end == span.start)
                    or (
                        prev[1].value == "commissaris van de Koning"
                        and [t.lower_ for t in doc[prev[0].end : span.start]] == ["in"]
                    )
                )
            ):
                region = self.g.regions[mention.text]
                span = Span(doc, span.start, span.end, label="REGION", kb_id=span.kb_id)
                mention = Mention(
                    "REGION",
                    mention.start,
                    mention.end,
                    mention.text,
                    region.name,
                    {"kind": region.kind},
                )
            out.append((span, mention))
        return out

    def _after_role(self, doc: Doc, i: int) -> bool:
        """Whether the name at token `i` follows a role: "wethouder (De) Vries van Venlo"."""
        roles = self.g.forms.get("ROLE", {})
        tok = _prev(doc, i)
        for _ in range(3):  # back over a first name, initials and particles
            if tok is None:
                return False
            if tok.lower_ in roles:
                return True
            if not (tok.text[:1].isupper() or tok.lower_ in _PARTICLES):
                return False
            tok = _prev(doc, tok.i)
        return False

    # -- roles with qualifiers

    def _qualify_roles(
        self, doc: Doc, kept: list[tuple[Span, Mention]]
    ) -> list[tuple[Span, Mention]]:
        out: list[tuple[Span, Mention]] = []
        i = 0
        while i < len(kept):
            span, mention = kept[i]
            if mention.label != "ROLE":
                out.append((span, mention))
                i += 1
                continue
            role = self.g.roles[span.kb_id_]
            merged = None
            if "p" in role.qualifies and i + 1 < len(kept):
                merged = self._with_name(doc, span, mention, role.role, kept[i + 1])
            if merged is not None:
                out.append(merged)
                i += 2
                continue
            if "t" in role.qualifies:
                merged = self._with_topic(doc, span, mention, role.role)
                if merged is not None and (
                    i + 1 >= len(kept) or kept[i + 1][0].start >= merged[0].end
                ):
                    out.append(merged)
                    i += 1
                    continue
            out.append((span, mention))
            i += 1
        return out

    def _with_name(
        self,
        doc: Doc,
        span: Span,
        mention: Mention,
        role: str,
        following: tuple[Span, Mention],
    ) -> tuple[Span, Mention] | None:
        """ "burgemeester (van) Almelo", "voorzitter van de VRT", "CdK in Overijssel"."""
        nspan, name = following
        if name.label not in ("MUNICIPALITY", "REGION", "ORG"):
            return None
        between = [t.lower_ for t in doc[span.end : nspan.start]]
        if between not in ([], ["van"], ["van", "de"], ["van", "het"], ["in"]):
            return None
        if between == ["in"] and role != "commissaris van de Koning":
            return None
        if name.label == "MUNICIPALITY":
            value = f"{role} van {name.value}"
            extra = {"municipality": name.value, **name.extra}
        elif name.label == "REGION":
            value = f"{role} {'in ' if between == ['in'] else ''}{name.value}"
            extra = {"region": name.value}
        else:
            value = f"{role} {name.value}"
            extra = {"org": name.value}
        merged = Span(doc, span.start, nspan.end, label="ROLE")
        text = doc_text(doc)[span.start_char : nspan.end_char]
        nested = [name, *name.nested]
        name.nested = []
        return merged, Mention("ROLE", span.start_char, nspan.end_char, text, value, extra, nested)

    def _with_topic(
        self, doc: Doc, span: Span, mention: Mention, role: str
    ) -> tuple[Span, Mention] | None:
        """ "projectleider Oekraïne", "portefeuillehouder financiën"."""
        m = self._topic_re.match(doc_text(doc), span.end_char)
        if not m:
            return None
        merged = doc.char_span(span.start_char, m.end(), label="ROLE", alignment_mode="expand")
        if merged is None:
            return None
        topic = self.g.topics[m[1].lower()]
        text = doc_text(doc)[span.start_char : m.end()]
        extra = {"topic": topic}
        return merged, Mention("ROLE", span.start_char, m.end(), text, f"{role} {topic}", extra)

@Language.factory("minutes_entities")
def make_entity_resolver(nlp: Language, name: str) -> EntityResolver:
    return EntityResolver(gazetteer())
