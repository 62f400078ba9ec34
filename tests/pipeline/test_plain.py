"""`as_plain` gives what `dataclasses.asdict` gives, on records and on the odd values."""

from __future__ import annotations

import dataclasses
from collections import OrderedDict, namedtuple
from datetime import date

from models.entities import Entity
from pipeline.plain import as_plain
from pipeline.records import Entry, Item, Meeting, PageInfo
from tests.factories import ents, sha

Point = namedtuple("Point", "x y")


@dataclasses.dataclass
class Odd:
    """Values a record does not hold today, but might one day."""

    point: Point
    ordered: OrderedDict
    day: date
    nested: tuple
    numbers: set


def _meeting() -> Meeting:
    entry = Entry(
        kind="actie",
        text="Stuurt voor 25 maart een voorstel.",
        owner="Projectleider",
        entities=ents(dates=[Entity("25 maart", "2022-03-25", {"source": "text"})]),
        owners=["projectleider"],
        boxes=[(1, 10.0, 20.5, 300.25, 32.0), (2, 10.0, 40.0, 200.0, 52.0)],
    )
    item = Item(nr="1.1", title="Opvang", entries=[entry], fields={"portefeuillehouder": "X"})
    return Meeting(
        title="Verslag",
        body="Regionaal Beleidsteam",
        date=date(2022, 3, 1),
        source="/a.pdf",
        sha256=sha("a"),
        page_count=2,
        items=[item],
        pages=[PageInfo(1, text="één"), PageInfo(2, ocr=True, confidence=91.5)],
        facts={"locatie": "Enschede"},
        unplaced=[(1, "los")],
    )


def test_a_meeting_as_asdict_makes_it() -> None:
    meeting = _meeting()
    assert as_plain(meeting) == dataclasses.asdict(meeting)
    data = meeting.to_dict()
    assert data["date"] == "2022-03-01"
    assert data["items"][0]["entries"][0]["boxes"][0] == (1, 10.0, 20.5, 300.25, 32.0)


def test_mutable_parts_are_copies() -> None:
    meeting = _meeting()
    data = as_plain(meeting)
    data["items"][0]["entries"][0]["owners"].append("voorzitter")
    data["facts"]["locatie"] = "Hengelo"
    assert meeting.items[0].entries[0].owners == ["projectleider"]
    assert meeting.facts == {"locatie": "Enschede"}


def test_other_values_as_asdict_makes_them() -> None:
    odd = Odd(
        point=Point(1, [Entity("a", "b")]),
        ordered=OrderedDict(b=[1], a=Entity("c", "d")),
        day=date(2022, 1, 2),
        nested=(1, (2, [3]), Entity("e", "f")),
        numbers={1, 2},
    )
    plain, reference = as_plain(odd), dataclasses.asdict(odd)
    assert plain == reference
    assert type(plain["point"]) is Point and type(plain["ordered"]) is OrderedDict
    assert plain["numbers"] is not odd.numbers
