"""What differs between two versions of a report, as people read it (issue 19, point 6).

Answers in the catalogue's words (choice labels, figure labels with units in Dutch number
formats, organisation and region names instead of codes), and the rest of the report: the
running texts, the network's story (title, introduction, summary, own chapters and
paragraphs), practice items, quotes, sources and the assessments (maturity, toetsingskader,
bottleneck codes). A fixed number of queries per version, whatever the report's size; the
markup is the template's (reports/report_differences.html).
"""

from collections import defaultdict
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from typing import Any

from django.utils.translation import gettext as _

from werkset.catalogue.models import Indicator
from werkset.catalogue.structure import catalogue_structure
from werkset.comparison.models import BottleneckCode, CriterionAnswer, ThemeMaturity
from werkset.comparison.vocabulary import BOTTLENECK_CHOICES, CRITERIA
from werkset.regions.models import Organisation, Region

from .answers import AnswerContent, content_of
from .forms import figure_display
from .models import (
    Answer,
    PracticeItem,
    PracticeKind,
    Quote,
    Report,
    ReportSection,
    SectionText,
    SourceDocument,
)


@dataclass(frozen=True)
class Line:
    """One labelled value of a side of a difference; `text` marks running text."""

    label: str
    value: str
    text: bool = False


@dataclass(frozen=True)
class Difference:
    """One thing that differs: where it is, and what it said in each version (no lines:
    absent or empty in that version)."""

    place: str
    detail: str
    before: tuple[Line, ...]
    after: tuple[Line, ...]

    @property
    def added(self) -> bool:
        return not self.before

    @property
    def removed(self) -> bool:
        return not self.after


@dataclass
class Section:
    key: str
    title: str
    differences: list[Difference] = field(default_factory=list)


@dataclass(frozen=True)
class AnswerWords:
    """The names an answer's lines use: organisations and regions by code."""

    organisations: Mapping[str, str]
    regions: Mapping[str, str]
    region_order: Sequence[str] = ()


def answer_words(*, network_id: int) -> AnswerWords:
    """The organisations of the register and the network's regions, by code (two queries)."""
    organisations = dict(
        Organisation.objects.order_by("position", "name").values_list("code", "name")
    )
    regions = list(
        Region.objects.filter(network_id=network_id)
        .order_by("position", "name")
        .values_list("code", "name")
    )
    return AnswerWords(
        organisations=organisations,
        regions=dict(regions),
        region_order=[code for code, _name in regions],
    )


def _own_lines(indicator: Indicator, content: AnswerContent, prefix: str) -> list[Line]:
    choices = {c["key"]: c["label"] for c in indicator.answer_type.all_choices}
    lines = []
    if content.choice:
        lines.append(Line(prefix + _("Answer"), str(choices.get(content.choice, content.choice))))
    for spec in indicator.fields:
        if spec["key"] in content.figures:
            lines.append(
                Line(prefix + spec["label"], figure_display(spec, content.figures[spec["key"]]))
            )
    if content.explanation:
        lines.append(Line(prefix + _("Explanation"), content.explanation, text=True))
    return lines


def answer_lines(indicator: Indicator, content: AnswerContent, words: AnswerWords) -> list[Line]:
    """An answer as labelled lines: its choice, figures, explanation, the perspectives of
    the organisations and, in a network's report, each region's own answer."""
    lines = _own_lines(indicator, content, "")
    order = {code: index for index, code in enumerate(words.organisations)}
    for code, text in sorted(content.perspectives.items(), key=lambda i: order.get(i[0], 999)):
        if text:
            name = words.organisations.get(code, code)
            lines.append(Line(_("What %(organisation)s says") % {"organisation": name}, text, True))
    region_order = {code: index for index, code in enumerate(words.region_order)}
    for code in sorted(content.regional, key=lambda c: (region_order.get(c, 999), c)):
        prefix = f"{words.regions.get(code, code)} · "
        lines.extend(_own_lines(indicator, AnswerContent.from_dict(content.regional[code]), prefix))
    return lines


def _answers(old: Report, new: Report, words: AnswerWords) -> list[Difference]:
    structure = catalogue_structure(version=new.catalogue_version)
    themes = {theme.pk: theme for theme in structure.themes}
    before = {
        a.indicator_id: content_of(a)
        for a in Answer.objects.filter(report=old).order_by().only(*_ANSWER_COLUMNS)
    }
    differences = []
    answers = Answer.objects.filter(report=new).order_by().only(*_ANSWER_COLUMNS)
    for answer in sorted(answers, key=lambda a: structure.indicator_by_id[a.indicator_id].position):
        indicator = structure.indicator_by_id[answer.indicator_id]
        old_content = before.get(answer.indicator_id, AnswerContent())
        new_content = content_of(answer)
        if old_content != new_content:
            differences.append(
                Difference(
                    place=f"{themes[indicator.theme_id].short_title} · {indicator.label}",
                    detail=indicator.question,
                    before=tuple(answer_lines(indicator, old_content, words)),
                    after=tuple(answer_lines(indicator, new_content, words)),
                )
            )
    return differences


_ANSWER_COLUMNS = (
    "id",
    "indicator",
    "choice",
    "explanation",
    "figures",
    "perspectives",
    "regional",
)


@dataclass(frozen=True)
class _Thing:
    """Something of a version to pair with the other version's: `key` pairs a changed
    thing with its earlier self; equal lines mean unchanged."""

    key: tuple[Any, ...]
    place: str
    lines: tuple[Line, ...]


def _paired(old: Iterable[_Thing], new: Iterable[_Thing]) -> list[Difference]:
    """Unchanged things drop out; the rest pair by key (changed), or stand alone (added,
    removed)."""
    left = list(old)
    right = []
    for thing in new:
        same = next((o for o in left if o.place == thing.place and o.lines == thing.lines), None)
        if same is not None:
            left.remove(same)
        else:
            right.append(thing)
    differences = []
    by_key: dict[tuple[Any, ...], list[_Thing]] = defaultdict(list)
    for thing in left:
        by_key[thing.key].append(thing)
    for thing in right:
        earlier = by_key[thing.key].pop(0) if by_key.get(thing.key) else None
        differences.append(
            Difference(
                place=thing.place,
                detail="",
                before=earlier.lines if earlier else (),
                after=thing.lines,
            )
        )
    for things in by_key.values():
        differences.extend(Difference(t.place, "", t.lines, ()) for t in things)
    return differences


class _Places:
    """Theme and element names by id, from the catalogue structure (no queries)."""

    def __init__(self, report: Report):
        structure = catalogue_structure(version=report.catalogue_version)
        self.themes = {theme.pk: theme for theme in structure.themes}
        self.elements = {
            element.pk: element
            for theme in structure.themes
            for element in structure.theme_elements(theme)
        }

    def key(self, theme_id: int | None, element_id: int | None) -> tuple[str, str]:
        theme = self.themes.get(theme_id) if theme_id else None
        element = self.elements.get(element_id) if element_id else None
        return (theme.key if theme else "", element.key if element else "")

    def position(self, theme_id: int | None, element_id: int | None) -> tuple[int, int]:
        theme = self.themes.get(theme_id) if theme_id else None
        element = self.elements.get(element_id) if element_id else None
        return (theme.position if theme else -1, element.position if element else -1)

    def name(self, theme_id: int | None, element_id: int | None) -> str:
        theme = self.themes.get(theme_id) if theme_id else None
        element = self.elements.get(element_id) if element_id else None
        names = [theme.short_title if theme else _("Report"), element.title if element else ""]
        return " · ".join(name for name in names if name)


def _text_thing(row: SectionText, places: _Places) -> _Thing:
    lines = (Line(_("Running text"), row.text, True),) if row.text else ()
    place = places.name(row.theme_id, row.element_id)
    return _Thing(places.key(row.theme_id, row.element_id), place, lines)


def _story_things(report: Report, places: _Places) -> list[_Thing]:
    story = [
        ("title", _("Title"), report.title, False),
        ("introduction", _("Introduction"), report.introduction, True),
        ("summary", _("Summary"), report.summary, True),
    ]
    things = [
        _Thing((key,), label, (Line(label, value, text),) if value else ())
        for key, label, value, text in story
    ]
    sections = ReportSection.objects.filter(report=report).order_by("position", "id")
    for index, section in enumerate(sections):
        kind = _("Own chapter") if section.is_chapter else _("Own paragraph")
        lines = [Line(_("Title"), section.title)]
        if section.text:
            lines.append(Line(_("Text"), section.text, True))
        place = f"{kind} · {places.name(section.theme_id, section.element_id)}"
        things.append(_Thing(("section", index), place, tuple(lines)))
    return things


def _item_things(report: Report, places: _Places) -> list[_Thing]:
    kinds = dict(PracticeKind.choices)
    things = []
    for item in PracticeItem.objects.filter(report=report).order_by("position", "id"):
        lines = [
            Line(_("Kind"), str(kinds.get(item.kind, item.kind))),
            Line(_("Title"), item.title),
            Line(_("Text"), item.text, True),
        ]
        if item.source:
            lines.append(Line(_("Source"), item.source))
        if item.image:
            lines.append(Line(_("Image"), item.image_alt))
        place = f"{_('From practice')} · {places.name(item.theme_id, item.element_id)}"
        things.append(_Thing(("praktijk", item.theme_id, item.title), place, tuple(lines)))
    for index, quote in enumerate(Quote.objects.filter(report=report).order_by("position", "id")):
        lines = [Line(_("Quote"), quote.text, True)]
        if quote.attribution:
            lines.append(Line(_("Attribution"), quote.attribution))
        place = f"{_('Quote')} · {places.name(quote.theme_id, quote.element_id)}"
        things.append(_Thing(("quote", quote.theme_id, index), place, tuple(lines)))
    for source in SourceDocument.objects.filter(report=report).order_by("position", "id"):
        lines = [Line(_("Title"), source.title)]
        if source.description:
            lines.append(Line(_("Description"), source.description, True))
        place = f"{_('Source')} · {places.name(source.theme_id, source.element_id)}"
        things.append(_Thing(("bron", source.theme_id, source.title), place, tuple(lines)))
    return things


def _assessment_things(report: Report, places: _Places) -> list[_Thing]:
    """The maturity per theme, the toetsingskader and the bottleneck codes (comparison app)."""
    things = []
    maturities = ThemeMaturity.objects.filter(report=report).order_by()
    for maturity in sorted(maturities, key=lambda m: places.position(m.theme_id, None)):
        lines = [Line(_("Maturity"), maturity.get_level_display())]
        if maturity.motivation:
            lines.append(Line(_("Motivation"), maturity.motivation, True))
        place = _("Maturity: %(theme)s") % {"theme": places.name(maturity.theme_id, None)}
        things.append(_Thing(("maturity", maturity.theme_id), place, tuple(lines)))
    titles = {c.key: str(c.title) for c in CRITERIA}
    order = {c.key: index for index, c in enumerate(CRITERIA)}
    criteria = CriterionAnswer.objects.filter(report=report).order_by()
    for criterion in sorted(criteria, key=lambda c: order.get(c.criterion, 99)):
        lines = [Line(_("Met"), criterion.get_verdict_display())]
        if criterion.explanation:
            lines.append(Line(_("Explanation"), criterion.explanation, True))
        place = _("Toetsingskader: %(criterion)s") % {
            "criterion": titles.get(criterion.criterion, criterion.criterion)
        }
        things.append(_Thing(("criterion", criterion.criterion), place, tuple(lines)))
    structure = catalogue_structure(version=report.catalogue_version)
    labels = dict(BOTTLENECK_CHOICES)
    codes: dict[int, list[str]] = defaultdict(list)
    rows = BottleneckCode.objects.filter(answer__report=report).order_by("code")
    for indicator_id, code in rows.values_list("answer__indicator_id", "code"):
        codes[indicator_id].append(str(labels.get(code, code)))
    for indicator_id in sorted(codes, key=lambda i: structure.indicator_by_id[i].position):
        indicator = structure.indicator_by_id[indicator_id]
        place = _("Bottlenecks: %(indicator)s") % {"indicator": indicator.label}
        coded = (Line(_("Bottlenecks"), ", ".join(codes[indicator_id])),)
        things.append(_Thing(("bottleneck", indicator.key), place, coded))
    return things


def report_differences(*, old: Report, new: Report) -> list[Section]:
    """The sections of the differences page, each with what differs between the versions,
    in the document's order (empty sections included: the page says nothing differs)."""
    words = answer_words(network_id=new.network_id)
    places = {old.pk: _Places(old), new.pk: _Places(new)}

    def texts(report: Report) -> list[_Thing]:
        own = places[report.pk]
        rows = SectionText.objects.filter(report=report).order_by()
        ordered = sorted(rows, key=lambda row: own.position(row.theme_id, row.element_id))
        return [_text_thing(row, own) for row in ordered]

    def pair(read: Callable[[Report, _Places], list[_Thing]]) -> list[Difference]:
        return _paired(read(old, places[old.pk]), read(new, places[new.pk]))

    return [
        Section("antwoorden", _("Answers"), _answers(old, new, words)),
        Section("verhaal", _("Story of the network"), pair(_story_things)),
        Section("teksten", _("Running texts"), _paired(texts(old), texts(new))),
        Section("items", _("Practice items, quotes and sources"), pair(_item_things)),
        Section("beoordelingen", _("Assessments"), pair(_assessment_things)),
    ]
