"""One transition model: a move must be in the table, possible from the state, and pass its
guard; reports and the improvement cycle use it."""

import pytest

from werkset.core.workflow import StepNotPossible, StepUnknown, Transition, Workflow
from werkset.improvement.states import TRANSITIONS as IMPROVEMENT_WORKFLOWS
from werkset.reports.workflow import TRANSITIONS as REPORT_WORKFLOW


class Refused(Exception):
    pass


def refuse_empty(subject: list[str]) -> None:
    if not subject:
        raise Refused


DOOR = Workflow(
    "door",
    (
        Transition("open", ("closed",), "open", "Open", who="anyone"),
        Transition("lock", ("closed",), "locked", "Lock", who="owner", guard=refuse_empty),
        Transition("close", ("open",), "closed", "Close", who="anyone"),
    ),
)


def test_een_stap_uit_de_tabel():
    assert DOOR.move("open", "closed").target == "open"


def test_een_onbekende_stap_wordt_geweigerd():
    with pytest.raises(StepUnknown):
        DOOR.move("kick", "closed")


def test_een_stap_vanuit_de_verkeerde_toestand_wordt_geweigerd():
    with pytest.raises(StepNotPossible):
        DOOR.move("close", "closed")


def test_de_voorwaarde_van_een_stap_wordt_getoetst():
    with pytest.raises(Refused):
        DOOR.move("lock", "closed", subject=[])
    assert DOOR.move("lock", "closed", subject=["key"]).target == "locked"


def test_mogelijke_stappen_per_toestand_en_per_kant():
    assert [t.name for t in DOOR.allowed_from("closed")] == ["open", "lock"]
    assert [t.name for t in DOOR.allowed_from("closed", who="owner")] == ["lock"]


def test_twee_stappen_met_dezelfde_naam_mogen_niet():
    with pytest.raises(ValueError, match="same name"):
        Workflow("x", (Transition("a", ("s",), "t", "A"), Transition("a", ("t",), "s", "A")))


def test_rapportages_en_verbetercyclus_delen_de_vorm():
    workflows = [REPORT_WORKFLOW, *IMPROVEMENT_WORKFLOWS.values()]
    assert all(isinstance(w, Workflow) for w in workflows)
    assert all(t.who for w in workflows for t in w)
