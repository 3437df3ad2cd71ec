"""Reference texts as frozen value objects: what a guidance or framing file holds.

The files are read and checked by guidance/loader.py; these objects are shared by every
request of a process (loaded once), so they are immutable: tuples, frozen dataclasses."""

from dataclasses import dataclass


@dataclass(frozen=True)
class Section:
    """A piece of running text: an optional heading, paragraphs, a list, paragraphs after it."""

    heading: str
    paragraphs: tuple[str, ...]
    items: tuple[str, ...]
    numbered: bool
    start: int
    after: tuple[str, ...]
    note: str
    building_blocks: tuple[str, ...]


@dataclass(frozen=True)
class ReferenceText:
    """One guidance text (a step plan, building blocks, a case example, an explanation)."""

    key: str
    kind: str
    title: str
    source: str
    themes: tuple[str, ...]
    sections: tuple[Section, ...]
    # The file it comes from: its key and version (cached pages are keyed on the version).
    set_key: str
    set_version: str


@dataclass(frozen=True)
class GuidanceSet:
    key: str
    version: str
    title: str
    source: str
    file_name: str
    texts: tuple[ReferenceText, ...]


@dataclass(frozen=True)
class FramingPart:
    key: str
    title: str
    sections: tuple[Section, ...]


@dataclass(frozen=True)
class Framing:
    """The framing of a catalogue version (Inleiding, Bronnen, Verantwoording)."""

    key: str
    version: str
    title: str
    source: str
    file_name: str
    catalogue: str
    also_for: tuple[str, ...]
    parts: tuple[FramingPart, ...]
    # The parts a report's document prints as its Bijlage (outputs/document.py).
    appendix: tuple[str, ...] = ()

    @property
    def appendix_parts(self) -> tuple[FramingPart, ...]:
        return tuple(part for part in self.parts if part.key in self.appendix)

    def part(self, key: str) -> FramingPart | None:
        return next((part for part in self.parts if part.key == key), None)


@dataclass(frozen=True)
class BlockGuidance:
    """The sections of one text that concern one building block of the Actieoverleg."""

    text: ReferenceText
    sections: tuple[Section, ...]
