"""The entity vocabulary of the archive, listed once: labels, record keys and the mention record.

A leaf module without spaCy, so the pipeline's records and the index can name the entity lists
without loading the language model.
"""

from __future__ import annotations

from dataclasses import dataclass, field

# spaCy label → key of the entity list in the records, in the order of the JSON contract.
LABEL_KEYS: dict[str, str] = {
    "DATE": "dates",
    "ROLE": "roles",
    "MUNICIPALITY": "municipalities",
    "PLACE": "places",
    "REGION": "regions",
    "ORG": "orgs",
}
ENTITY_LABELS: tuple[str, ...] = tuple(LABEL_KEYS)
ENTITY_KEYS: tuple[str, ...] = tuple(LABEL_KEYS.values())


@dataclass
class Entity:
    """A tagged mention. `value` is the normalized form (ISO date, GM name, full role …)."""

    text: str
    value: str
    extra: dict[str, str] = field(default_factory=dict)

    def to_dict(self) -> dict[str, str]:
        return {"text": self.text, "value": self.value, **self.extra}


def empty_entities() -> dict[str, list[Entity]]:
    """One empty list per entity key."""
    return {key: [] for key in ENTITY_KEYS}
