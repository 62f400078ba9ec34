"""The project's Dutch pipeline: ``spacy.blank("nl")`` plus the minutes components.

:func:`load` builds it once per process; :func:`tag_text` / :func:`tag_texts` turn text into the
six entity lists of the records (:data:`models.entities.ENTITY_KEYS`).
"""

from __future__ import annotations

import importlib.util
from collections.abc import Iterable, Iterator
from datetime import date
from functools import cache, lru_cache

import spacy
from spacy.language import Language
from spacy.tokens import Doc

from models import components  # noqa: F401  (registers the factories)
from models.components import TEXT_KEY, Mention
from models.entities import ENTITY_KEYS, LABEL_KEYS, Entity, empty_entities
from models.gazetteer import gazetteer
from models.tokenizer import TOKENIZER_CONFIG

# Published Dutch models that, when installed, may add organisations the gazetteer lacks.
_OPTIONAL_MODELS = ("nl_core_news_lg", "nl_core_news_md", "nl_core_news_sm")


@cache
def load() -> Language:
    """The minutes pipeline, built once per process."""
    nlp = spacy.blank("nl", config=TOKENIZER_CONFIG)
    nlp.add_pipe("minutes_dates")
    nlp.add_pipe("minutes_gazetteer")
    nlp.add_pipe("minutes_entities")
    return nlp


@cache
def _optional_ner() -> Language | None:
    """An installed ``nl_core_news_*`` model, used only for extra ORG mentions."""
    for name in _OPTIONAL_MODELS:
        if importlib.util.find_spec(name) is not None:
            try:
                return spacy.load(name, exclude=["parser", "lemmatizer", "morphologizer"])
            except (OSError, ValueError):  # a broken or incompatible install: do without
                return None
    return None


def _flatten(mention: Mention) -> Iterator[Mention]:
    yield mention
    for inner in mention.nested:
        yield from _flatten(inner)


def entities_of(doc: Doc) -> dict[str, list[Entity]]:
    """The entity lists of a processed doc; names inside a role or org are listed too."""
    out = empty_entities()
    for mention in doc._.mentions or []:
        for m in _flatten(mention):
            out[LABEL_KEYS[m.label]].append(Entity(m.text, m.value, dict(m.extra)))
    return out


def _docs(nlp: Language, texts: Iterable[str], ref: date | None) -> Iterator[Doc]:
    for text in texts:
        doc = nlp.make_doc(text)
        doc.user_data[TEXT_KEY] = text  # the text is known: spare spaCy rebuilding it
        doc._.ref = ref
        yield doc


def _add_optional_orgs(texts: list[str], results: list[dict[str, list[Entity]]]) -> None:
    extra = _optional_ner()
    if extra is None:
        return
    for doc, entities in zip(extra.pipe(texts), results, strict=True):
        known = {e.text for key in ENTITY_KEYS for e in entities[key]}
        for ent in doc.ents:
            if ent.label_ == "ORG" and ent.text not in known:
                entities["orgs"].append(Entity(ent.text, ent.text, {"source": "model"}))


def tag_texts(
    texts: Iterable[str], ref: date | None = None, batch_size: int = 256
) -> list[dict[str, list[Entity]]]:
    """Tag many texts in one pass through ``nlp.pipe``; dates resolve against `ref`."""
    nlp = load()
    texts = [text or "" for text in texts]
    # A meeting repeats texts (an owner on every action of theirs): each is tagged once, and
    # every repeat gets a copy of its lists, free for the caller to change.
    unique = list(dict.fromkeys(texts))
    found = [entities_of(doc) for doc in nlp.pipe(_docs(nlp, unique, ref), batch_size=batch_size)]
    _add_optional_orgs(unique, found)
    if len(unique) == len(texts):
        return found
    by_text = dict(zip(unique, found, strict=True))
    given: set[str] = set()
    results = []
    for text in texts:
        entities = by_text[text]
        results.append(_copy(entities) if text in given else entities)
        given.add(text)
    return results


def _copy(entities: dict[str, list[Entity]]) -> dict[str, list[Entity]]:
    """Entity lists equal to `entities` that share nothing with them."""
    return {
        key: [Entity(e.text, e.value, dict(e.extra)) for e in found]
        for key, found in entities.items()
    }


def tag_text(text: str, ref: date | None = None) -> dict[str, list[Entity]]:
    """All six entity lists of one text, dates resolved against the meeting date `ref`."""
    return tag_texts([text], ref)[0]


def process(text: str, ref: date | None = None) -> Doc:
    """The processed doc of one text (``doc.ents``, ``doc._.mentions``)."""
    nlp = load()
    doc = nlp.make_doc(text)
    doc._.ref = ref
    return nlp(doc)


@lru_cache(maxsize=4096)
def normalize_role(text: str) -> str:
    """The normalized role named in `text`: "DPG" → "directeur publieke gezondheid".

    Returns the first role found ("Projectleider Oekraïne" → "projectleider Oekraïne"); text
    that names no known role comes back with its whitespace tidied.
    """
    clean = " ".join(text.split())
    for mention in process(clean)._.mentions or []:
        if mention.label == "ROLE":
            return mention.value
    return clean


def municipality_of(name: str) -> str | None:
    """The current municipality of a municipality, former municipality or place name.

    "Ter Apel" → "Westerwolde", "Den Haag" → "'s-Gravenhage", "Dongeradeel" →
    "Noardeast-Fryslân"; None when the name is not known.
    """
    return gazetteer().municipality_of(name)


def places_in(municipality: str) -> list[str]:
    """Places and former municipalities inside `municipality` ("Westerwolde" → Ter Apel, ...)."""
    return gazetteer().places_in(municipality)
