"""One shape for every state machine: a table of named moves and a Workflow to look them up.

Reports (`reports/services.py`) and the improvement cycle (`improvement/states.py`) each
declare their moves as `Transition`s in a `Workflow`; a move that is not in the table does not
happen. Every service that moves something follows the same steps (ADR 14): lock the row
(`select_for_update`), `Workflow.move` (the step exists and is possible from the current
state, its guard passes), check who may make it (`Transition.who`, interpreted by the app's
rules), apply it, record history and the audit row, and `core.events.emit` the event, which
is delivered after the commit.

The messages are the app's: `move` raises `StepUnknown` or `StepNotPossible`, and the app
turns them into its own error with its own Dutch sentence.
"""

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from typing import Any

from django.utils.functional import Promise


class StepRefused(Exception):
    """A move that may not happen (the app turns it into its own message)."""


class StepUnknown(StepRefused):
    """There is no move of that name in the workflow."""


class StepNotPossible(StepRefused):
    """The move exists, but not from the current state."""

    def __init__(self, transition: "Transition", state: str):
        super().__init__(f"{transition.name} is not possible from {state}")
        self.transition = transition
        self.state = state


@dataclass(frozen=True)
class Transition:
    """One allowed move: from any of `sources` to `target`.

    `who` names the side that makes the move ("writer", "network", "auditor", "audited"); the
    app's service checks it against the user's scope. `guard`, when given, is called with the
    locked object and raises the app's error when the move may not happen now (for example:
    open comments before finalising)."""

    name: str
    sources: tuple[str, ...]
    target: str
    label: Promise | str
    who: str = ""
    guard: Callable[[Any], None] | None = None


class Workflow:
    """The moves of one kind of thing, by name; built once at import time."""

    def __init__(self, name: str, transitions: Iterable[Transition]):
        self.name = name
        self.transitions: tuple[Transition, ...] = tuple(transitions)
        self._by_name = {t.name: t for t in self.transitions}
        if len(self._by_name) != len(self.transitions):
            raise ValueError(f"Workflow {name} has two moves with the same name.")

    def __iter__(self) -> Iterator[Transition]:
        return iter(self.transitions)

    def __len__(self) -> int:
        return len(self.transitions)

    def get(self, name: str) -> Transition | None:
        return self._by_name.get(name)

    @property
    def states(self) -> set[str]:
        """Every state a move starts from or leads to."""
        return {s for t in self.transitions for s in t.sources} | {
            t.target for t in self.transitions
        }

    def allowed_from(self, state: str, *, who: str | None = None) -> list[Transition]:
        """The moves possible from a state (optionally only those of one side), in table order."""
        return [t for t in self.transitions if state in t.sources and (who is None or t.who == who)]

    def move(self, name: str, state: str, *, subject: Any = None) -> Transition:
        """The move `name` from `state`, after its guard has run on `subject`; or StepRefused."""
        transition = self._by_name.get(name)
        if transition is None:
            raise StepUnknown(name)
        if state not in transition.sources:
            raise StepNotPossible(transition, state)
        if transition.guard is not None:
            transition.guard(subject)
        return transition
