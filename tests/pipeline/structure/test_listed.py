"""Inline actions take the code, owner and status of the action-list row that repeats them."""

from __future__ import annotations

from pipeline.records import Entry, Item
from pipeline.structure.listed import link_listed_actions


def row(code: str, text: str, owner: str, status: str = "open", due_text: str = "") -> Item:
    entry = Entry("actie", text, owner=owner, code=code, status=status, status_text="O",
                  due_text=due_text)
    return Item(nr=code, title=text, entries=[entry], kind="action_list")


def item(*entries: Entry) -> Item:
    return Item(nr="2", title="Wijzigingsvoorstel", entries=list(entries))


def test_a_row_that_repeats_an_inline_action_gives_it_owner_code_and_status() -> None:
    inline = Entry("actie", "Navraag doen of verbetervoorstel bij het Forum voor "
                   "Standaardisatie neerleggen.")
    listed = row("sep24/07", "Forum voor Standaardisatie website is niet bijgewerkt. Navraag "
                 "doen of verbetervoorstel bij het FvS neerleggen voor intake", "Peter Haasnoot")
    assert link_listed_actions([item(inline), listed]) == 1
    assert (inline.owner, inline.code, inline.status) == ("Peter Haasnoot", "sep24/07", "open")


def test_a_pronoun_gives_way_to_the_rows_owner() -> None:
    inline = Entry("actie", "Van Logius uit zullen we een voorstel formuleren. Tussentijdse "
                   "publieke consultatie is een optie.", owner="we")
    listed = row("sep24/09", "Uitfaseren WUS. Voorstel formuleren vanuit Logius. Tussentijdse "
                 "publieke consultatie is een optie.", "Logius")
    link_listed_actions([item(inline), listed])
    assert inline.owner == "Logius"


def test_actions_on_one_topic_with_other_owners_stay_apart() -> None:
    inline = Entry("actie", "De planning van de tweede tranche agenderen voor het volgend "
                   "overleg", owner="COA")
    listed = row("A-3", "De planning van de tweede tranche agenderen voor het volgend overleg",
                 "gemeentesecretaris")
    assert link_listed_actions([item(inline), listed]) == 0
    assert inline.owner == "COA" and not inline.code


def test_a_topic_in_common_is_not_a_repeat() -> None:
    inline = Entry("actie", "de planning van de tweede tranche aanleveren bij de secretaris")
    listed = row("A-4", "de planning van de tweede tranche agenderen", "DPG")
    assert link_listed_actions([item(inline), listed]) == 0 and inline.owner == ""


def test_a_hidden_name_is_never_filled_in_from_a_row() -> None:
    inline = Entry("actie", "Navraag doen of verbetervoorstel bij het Forum voor "
                   "Standaardisatie neerleggen.", owner_redacted=True)
    listed = row("7", "Navraag doen of verbetervoorstel bij het Forum voor Standaardisatie "
                 "neerleggen.", "Peter Haasnoot")
    link_listed_actions([item(inline), listed])
    assert inline.owner == "" and inline.owner_redacted


def test_each_row_repeats_one_action_only() -> None:
    text = "Communicatie: hoe krijg je alle basisregistraties geïnformeerd over de besluitvorming"
    first, second = Entry("actie", text), Entry("actie", text + " van het MIDO")
    listed = row("Sep24/10", text, "Peter/Martin")
    assert link_listed_actions([item(first, second), listed]) == 1
    assert [first.owner, second.owner].count("Peter/Martin") == 1
