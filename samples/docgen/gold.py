"""``gold(spec) -> dict``: what a reader should get out of a drawn document.

The gold is the contract the reader is measured against. Its conventions:

Meeting
  ``title`` is the title line as written (with "d.d. …" when the date is in it); ``body`` the
  body name of the letterhead; ``date`` the meeting day (ISO), never the letter date, the date of
  an earlier meeting, a document date or an action-list date. ``date_source`` says where it
  stands: ``heading`` (a "Datum:" / "gehouden op …" line), ``title`` ("d.d.", "vergadering
  van …"), or ``running_header`` when the heading gives day and month without a year and the
  year is only in the running header or footer.

Items
  ``nr`` is the number without "Agendapunt"/"Punt" and without a trailing dot ("4", "2.1",
  "3a", "IV"); "" when the items are unnumbered. ``title`` as written; ``section`` the theme or
  section row/heading above it, as written (capitals stay capitals, a section number in a
  narrative heading is not part of it). ``fields`` are labelled facts of the item
  ("Portefeuillehouder: …" → ``portefeuillehouder``, ``zaaknummer``, and in label lists
  ``zaak``, ``volgcommissie``). ``toelichting`` is the Toelichting column (B/K/A tables) or the
  explanation paragraphs in an Onderwerp cell, joined by blank lines; it belongs to the item,
  not to an entry.

Entries (in reading order; scorers may match them in any order)
  ``text`` is the entry as written minus its marker ("B:", "Besluit:", "A > Owner:", "B-14:"),
  minus an owner written after the marker or in trailing parentheses, minus a trailing status
  annotation (" – afgerond", " [gereed]", ". Status: loopt"). Due dates stay in the text.
  "A > Projectleider Oekraïne: landelijk aandacht vragen" → text "landelijk aandacht vragen",
  owner "Projectleider Oekraïne"; "A: factsheet maken (beleidsadviseur GGD)" → "factsheet
  maken", owner "beleidsadviseur GGD". A sentence that says what it is without a marker keeps
  its whole sentence: "De voorzitter zal het standpunt toelichten." → actie, owner "De
  voorzitter" (scorers drop articles); "Het college besluit …", "Besloten wordt …", "… stemt in
  met …" → besluit. An unmarked line beside an owner in an Actiehouder/Wie column is an actie.
  Kinds: "Afspraak:"/"Conclusie:"/"Besloten:" → besluit; "Aandachtspunt:"/"Risico:" →
  knelpunt; "Toezegging:" and "X zegt toe …" → actie with ``commitment`` true. Unmarked
  explanatory paragraphs are ``note`` entries, one per paragraph; a forecast with "zal" ("De
  verwachting is dat het aantal zal stijgen") is a note. "Ter vaststelling"-like words opening
  a Toelichting column are notes. In label lists "Noot:" gives a note without its label.
  A marker followed by a list, or "Het college besluit: 1. … 2. …", is one entry whose text
  holds the lead and the list lines (with their bullets or numbers) and ``list_items`` the items
  without them.
  ``owner`` as written; ``owners`` the parts of a shared owner ("voorzitter en projectleider
  Oekraïne"); a name behind a Woo box gives ``owner`` "" and ``owner_redacted`` true.
  ``due``: ISO day resolved against the meeting date: a day and month without a year is the
  first such date on or after the meeting; "15-07 12.00 uur" that day; a weekday the first such
  weekday after the meeting; "medio"/"begin"/"eind" <month> the 20th/10th/last day of the first
  such month from the meeting's month on; "week N" the Sunday of ISO week N nearest the
  meeting; non-dates ("z.s.m.", "doorlopend", "volgend overleg") give "" and keep
  ``due_text``. ``due_text`` is the date as written, without "uiterlijk"/"vóór"/"in".
  ``status``: afgerond/gereed/G → done; loopt/in behandeling/open/O → open; doorlopend →
  ongoing; vervalt/vervallen → dropped; onbekend → unknown; none written → "".

Action list
  One row per table row of the action list, with the same conventions; ``item_nr`` names the
  item of this meeting a row repeats ("" for rows carried over from earlier meetings).

``pages`` is the rendered page count, filled in after rendering (``None`` from a spec alone);
``pages_expected`` the range the draw aimed at. ``redacted_names`` lists the names hidden behind
Woo boxes: none of them may occur in the PDF's text.
"""

from __future__ import annotations

import hashlib
from typing import Any

from samples.docgen.draw import LENGTHS
from samples.docgen.spec import ActionRow, DocSpec, Entry, Item


def spec_hash(spec: DocSpec) -> str:
    """A digest of the whole spec: a rendered file is stale when its gold has another."""
    return hashlib.sha256(repr(spec).encode("utf-8")).hexdigest()[:16]


def _entry(e: Entry) -> dict[str, Any]:
    return {
        "kind": e.kind, "text": e.text, "owner": e.owner, "owners": list(e.owners),
        "owner_redacted": e.owner_redacted, "due": e.due, "due_text": e.due_text,
        "status": e.status, "code": e.code, "commitment": e.commitment,
        "list_items": list(e.list_items), "axes": dict(e.axes),
    }


def _item(item: Item) -> dict[str, Any]:
    return {
        "nr": item.nr, "title": item.title, "section": item.section,
        "fields": dict(item.fields), "toelichting": "\n\n".join(item.toelichting),
        "entries": [_entry(e) for e in item.entries],
    }


def _row(row: ActionRow) -> dict[str, Any]:
    return {
        "code": row.code, "text": row.text, "owner": row.owner, "owners": list(row.owners),
        "owner_redacted": row.owner_redacted, "due": row.due, "due_text": row.due_text,
        "status": row.status, "item_nr": row.item_nr,
    }


def gold(spec: DocSpec) -> dict[str, Any]:
    """The gold record of ``spec`` (see the module docstring for its conventions)."""
    lo, hi = LENGTHS[spec.axes["length"]]
    return {
        "generator_version": spec.version,
        "seed": spec.seed,
        "name": spec.name,
        "spec_hash": spec_hash(spec),
        "template": spec.template,
        "axes": dict(spec.axes),
        "meeting": {
            "title": spec.meeting.title,
            "date": spec.meeting.date.isoformat(),
            "date_source": spec.meeting.date_source,
            "body": spec.meeting.body,
        },
        "items": [_item(i) for i in spec.items],
        "action_list": [_row(r) for r in spec.action_list],
        "furniture": list(spec.furniture),
        "redacted_names": list(spec.redacted_names),
        "pages": None,
        "pages_expected": [lo, hi],
        "target_pages": spec.target_pages,
    }
