"""Records as plain dicts and lists: what :func:`dataclasses.asdict` makes of them, faster.

``asdict`` asks for a dataclass's fields and deep-copies every leaf on each call; a meeting
has some five thousand values (entities, line boxes), and that took most of the time of
turning a meeting into its stored JSON. Here the field names are looked up once per class and
immutable leaves are kept as they are. The result is equal to ``asdict``'s, value for value;
mutable containers are new, as there.
"""

from __future__ import annotations

import copy
import dataclasses
from functools import cache
from typing import Any

# Values that are their own deep copy: asdict's copy of them is equal to them, and immutable.
_ATOMS: frozenset[type] = frozenset({str, int, float, bool, type(None)})


@cache
def _field_names(cls: type) -> tuple[str, ...] | None:
    """The field names of a dataclass, in order; None for any other class."""
    if not dataclasses.is_dataclass(cls):
        return None
    return tuple(f.name for f in dataclasses.fields(cls))


def as_plain(value: Any) -> Any:
    """``dataclasses.asdict(value)`` for a dataclass instance; for other values what asdict
    makes of them inside one (lists, tuples and dicts converted item by item, other values
    deep-copied)."""
    cls = type(value)
    if cls in _ATOMS:
        return value
    if cls is list:
        return [as_plain(v) for v in value]
    if cls is dict:
        return {as_plain(k): as_plain(v) for k, v in value.items()}
    if cls is tuple:
        # A box (page, x0, top, x1, bottom) of numbers is immutable through and through.
        if all(type(v) in _ATOMS for v in value):
            return value
        return tuple(as_plain(v) for v in value)
    names = _field_names(cls)
    if names is not None:
        return {name: as_plain(getattr(value, name)) for name in names}
    if isinstance(value, (list, tuple, dict)):  # subclasses: asdict's own way
        return dataclasses.asdict(_Holder(value))["value"]
    return copy.deepcopy(value)


@dataclasses.dataclass
class _Holder:
    """Carries a value that is no dataclass into :func:`dataclasses.asdict`."""

    value: Any


__all__ = ["as_plain"]
