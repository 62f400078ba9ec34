"""Threads from records: what links a later mention to an action, what does not, and the
status an action has as of its last mention."""

from __future__ import annotations

from archive.threads import build
from archive.threads.model import Thread, ThreadSet
from tests.archive.threads.records import action, decision, item, meeting, note, row, sha


def thread_of(threads: ThreadSet, name: str, nr: str, n: int = 0) -> Thread:
    found = threads.thread_of(f"{sha(name)}:{nr}:{n}")
    assert found is not None, (name, nr, n)
    return found


def test_the_same_code_in_later_action_lists_is_one_action() -> None:
    threads = build([
        meeting("m1", "2024-03-04", row("mrt24/03", "GitLab omgeving bijwerken", "VNG", "open")),
        meeting("m2", "2024-03-18", row("mrt24/03", "GitLab-omgeving bijwerken", "VNG", "open")),
        meeting("m3", "2024-04-01", row("mrt24/03", "Documentatie op orde", "VNG", "done")),
    ])
    first = thread_of(threads, "m1", "mrt24/03")
    assert first is thread_of(threads, "m3", "mrt24/03") is thread_of(threads, "m2", "mrt24/03")
    assert first.status == "done" and first.status_date == "2024-04-01"
    assert (first.first_seen, first.last_seen) == ("2024-03-04", "2024-04-01")
    link = first.link_of(f"{sha('m3')}:mrt24/03:0")
    assert link is not None and link.evidence == [
        "text 0.00", "same owner", "same code mrt24/03, other words"
    ]


def test_the_same_owner_with_nearly_the_same_words_in_the_next_meetings() -> None:
    threads = build([
        meeting("m1", "2024-03-04", item("3", "Opvang", action(
            "de lijst met beschikbare locaties opstellen vóór 1 april", "projectleider"))),
        meeting("m2", "2024-03-11", item("2", "Openstaande acties", action(
            "De lijst met beschikbare locaties nog opstellen", "Projectleider"))),
        meeting("m3", "2024-03-18", item("4", "Opvang", note(
            "De projectleider heeft de lijst met beschikbare locaties opgesteld."))),
    ])
    thread = thread_of(threads, "m1", "3")
    assert [m.id for m in thread.mentions] == [
        f"{sha('m1')}:3:0", f"{sha('m2')}:2:0", f"{sha('m3')}:4:0"
    ]
    assert thread.status == "done" and thread.mentions[-1].role == "closing"
    assert len(threads.threads) == 1  # the closing sentence starts no thread of its own


def test_another_owner_or_another_verb_is_another_action() -> None:
    threads = build([
        meeting("m1", "2024-03-04", item("3", "Opvang",
                                         action("de evaluatie opstellen", "griffier"))),
        meeting("m2", "2024-03-11", item("2", "Opvang",
                                         action("de evaluatie opstellen", "burgemeester"),
                                         action("de evaluatie aanpassen", "griffier"))),
    ])
    assert len(threads.threads) == 3
    first = thread_of(threads, "m1", "3")
    assert len(first.mentions) == 1
    # What was weighed and left apart is kept, with its evidence.
    assert first.candidates and all(c.score < 0.62 for c in first.candidates)


def test_two_actions_of_one_meeting_never_fold_into_one_thread() -> None:
    threads = build([
        meeting("m1", "2024-03-04", item("3", "Opvang",
                                         action("het persbericht rondsturen", "woordvoerder"))),
        meeting("m2", "2024-03-11", item("2", "Opvang",
                                         action("het persbericht rondsturen", "woordvoerder"),
                                         action("Het persbericht rondsturen", "woordvoerder"))),
    ])
    sizes = sorted(len(t.mentions) for t in threads.threads)
    assert sizes == [1, 2]


def test_an_inline_action_and_its_row_in_the_same_meeting_are_one_action() -> None:
    threads = build([
        meeting(
            "dk",
            "2024-09-19",
            item("2", "Wijzigingsvoorstel FSC", action(
                "Navraag doen of verbetervoorstel bij het Forum voor Standaardisatie "
                "neerleggen.")),
            item("6", "Discussie: Uitfaseren koppelvlakstandaarden (WUS)",
                 action("Van Logius uit zullen we een voorstel formuleren. Tussentijdse "
                        "publieke consultatie is een optie."),
                 action("Communicatie. Hoe krijg je alle basisregistraties geïnformeerd.")),
            row("sep24/07", "Forum voor Standaardisatie website is niet bijgewerkt. Navraag "
                "doen of verbetervoorstel bij het FvS neerleggen", "Peter Haasnoot", "open"),
            row("sep24/09", "Uitfaseren WUS. Voorstel formuleren vanuit Logius. Tussentijdse "
                "publieke consultatie is een optie.", "Logius", "open"),
            row("Sep24/10", "Uitfaseren WUS. Communicatie. Hoe krijg je alle "
                "basisregistraties geïnformeerd", "Peter/Martin", "open"),
        )
    ])
    assert thread_of(threads, "dk", "2") is thread_of(threads, "dk", "sep24/07")
    assert thread_of(threads, "dk", "6", 0) is thread_of(threads, "dk", "sep24/09")
    assert thread_of(threads, "dk", "6", 1) is thread_of(threads, "dk", "Sep24/10")
    assert len(threads.threads) == 3
    assert thread_of(threads, "dk", "2").owner == "Peter Haasnoot"


def test_a_row_with_done_or_dropped_closes_and_a_cited_code_closes() -> None:
    threads = build([
        meeting("m1", "2024-01-08", row("A-03", "Factsheet opstellen", "DPG", "open"),
                row("A-04", "Brief rondsturen", "secretaris"),
                row("A-05", "Notitie voorbereiden", "griffier")),
        meeting("m2", "2024-01-15", row("A-04", "Brief rondsturen", "secretaris", "dropped"),
                item("2", "Actielijst", note("Actie A-03 is afgerond."))),
        meeting("m3", "2024-01-22", row("A-05", "Notitie voorbereiden", "griffier", "",
                                         "doorlopen d")),
    ])
    assert thread_of(threads, "m1", "A-03").status == "done"
    assert thread_of(threads, "m1", "A-04").status == "dropped"
    assert thread_of(threads, "m1", "A-05").status == "ongoing"  # a broken status cell
    assert len(threads.threads) == 3


def test_status_is_that_of_the_latest_meeting_that_states_one() -> None:
    threads = build([
        meeting("m1", "2024-01-08", row("2024-001", "Plan opstellen", "DPG", "done")),
        meeting("m2", "2024-01-15", row("2024-001", "Plan opstellen", "DPG", "open")),
        meeting("m3", "2024-01-22", row("2024-001", "Plan opstellen", "DPG")),
    ])
    assert thread_of(threads, "m1", "2024-001").status == "open"  # reopened, then unsaid
    unsaid = build([meeting("u", "2024-01-08", item("1", "Opvang", action("Plan opstellen")))])
    assert unsaid.threads[0].status == "open"


def test_different_codes_are_different_actions_whatever_the_words() -> None:
    threads = build([
        meeting("m1", "2024-01-08", row("A-01", "Plan opstellen", "DPG")),
        meeting("m2", "2024-01-15", row("A-02", "Plan opstellen", "DPG")),
    ])
    assert len(threads.threads) == 2


def test_series_are_kept_apart_and_undated_meetings_stand_alone() -> None:
    threads = build([
        meeting("a1", "2024-01-08", item("1", "Opvang", action("Plan opstellen", "DPG"))),
        meeting("b1", "2024-01-15", item("1", "Opvang", action("Plan opstellen", "DPG")),
                body="Gemeente Hengelo"),
        meeting("a2", None, item("1", "Opvang", action("Plan opstellen", "DPG"))),
    ])
    assert len(threads.threads) == 3


def test_a_code_cut_short_by_the_reader_on_two_rows_names_neither() -> None:
    threads = build([
        meeting("m1", "2018-05-03", row("mei18/0", "De procedure voor Woo-verzoeken aanpassen",
                                         "Politie"),
                row("mei18/0", "Het treasurystatuut voorbereiden", "heemraad")),
        meeting("m2", "2018-05-17", row("mei18/0", "Het treasurystatuut voorbereiden",
                                         "heemraad", "done")),
    ])
    # Two rows of one number get two record ids; the later one its item's place after "@".
    second = threads.thread_of(f"{sha('m1')}:mei18/0:0@1", "Het treasurystatuut voorbereiden")
    assert second is not None and second.status == "done" and len(second.mentions) == 2
    assert thread_of(threads, "m1", "mei18/0").status == "open"


def test_carried_rows_say_when_they_were_set() -> None:
    threads = build([meeting("dk", "2024-09-19", row("mrt24/03", "GitLab bijwerken", "VNG"),
                             row("sep24/07", "Navraag doen", "Peter Haasnoot"))])
    assert thread_of(threads, "dk", "mrt24/03").origin == "2024-03"
    assert thread_of(threads, "dk", "sep24/07").origin == ""


def test_decisions_and_notes_are_no_actions() -> None:
    threads = build([meeting("m", "2024-01-08", item("1", "Opvang", decision(
        "Het plan wordt vastgesteld."), note("De leden nemen kennis van het plan.")))])
    assert threads.threads == []
