"""Forms of the network's own story: the report's texts, own sections, an item's place in
the running text ("Plaats in de tekst: na alinea N — first words…") and an item's image."""

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from django import forms
from django.utils.text import Truncator
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.catalogue.models import Element, Theme

from .limits import (
    IMAGE_ALT_MAX,
    OWN_SECTION_TITLE_MAX,
    REPORT_TITLE_MAX,
    STORY_TEXT_MAX,
)
from .models import ReportSection
from .numbering import text_paragraphs
from .story_selectors import TextBlock


class StoryForm(forms.Form):
    title = forms.CharField(
        label=gettext_lazy("Title of the report"),
        max_length=REPORT_TITLE_MAX,
        required=False,
        help_text=gettext_lazy("Leave empty for the standard title with region and period."),
    )
    introduction = forms.CharField(
        label=gettext_lazy("Introduction (Markdown)"),
        max_length=STORY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 10}),
    )
    summary = forms.CharField(
        label=gettext_lazy("Summary (Markdown)"),
        max_length=STORY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 8}),
    )


def section_place_choices(
    themes: Sequence[Theme], elements: dict[int, Sequence[Element]]
) -> list[tuple[str, Any]]:
    """Where an own section can stand (ReportSection's rule), grouped per theme."""
    choices: list[tuple[str, Any]] = [
        ("hoofdstuk:", _("Own chapter, before the first theme")),
    ]
    for theme in themes:
        options = [
            (f"hoofdstuk:{theme.pk}", _("Own chapter after this theme's chapter")),
            (f"paragraaf:{theme.pk}:", _("Paragraph in this chapter, after the theme's text")),
        ]
        options += [
            (
                f"paragraaf:{theme.pk}:{element.pk}",
                _("Paragraph in this chapter, after “%(element)s”") % {"element": element.title},
            )
            for element in elements.get(theme.pk, ())
        ]
        choices.append((theme.short_title, options))
    return choices


def section_place_value(section: ReportSection) -> str:
    if section.is_chapter:
        return f"hoofdstuk:{section.theme_id or ''}"
    return f"paragraaf:{section.theme_id}:{section.element_id or ''}"


@dataclass(frozen=True)
class SectionPlace:
    is_chapter: bool
    theme: Theme | None
    element: Element | None


class OwnSectionForm(forms.Form):
    title = forms.CharField(label=gettext_lazy("Title"), max_length=OWN_SECTION_TITLE_MAX)
    place = forms.ChoiceField(label=gettext_lazy("Place in the report"))
    text = forms.CharField(
        label=gettext_lazy("Text (Markdown)"),
        max_length=STORY_TEXT_MAX,
        required=False,
        widget=forms.Textarea(attrs={"rows": 14}),
    )

    def __init__(
        self,
        *args: Any,
        themes: Sequence[Theme],
        elements: dict[int, Sequence[Element]],
        **kwargs: Any,
    ) -> None:
        super().__init__(*args, **kwargs)
        self.fields["place"].choices = section_place_choices(themes, elements)  # type: ignore[attr-defined]
        self._themes = {theme.pk: theme for theme in themes}
        self._elements = {e.pk: e for group in elements.values() for e in group}

    def clean_place(self) -> SectionPlace:
        kind, _sep, rest = self.cleaned_data["place"].partition(":")
        theme_id, _sep, element_id = rest.partition(":")
        theme = self._themes.get(int(theme_id)) if theme_id else None
        element = self._elements.get(int(element_id)) if element_id else None
        return SectionPlace(is_chapter=kind == "hoofdstuk", theme=theme, element=element)


def _first_words(paragraph: str) -> str:
    flat = " ".join(paragraph.lstrip("#>-*| ").split())
    return Truncator(flat).words(8, truncate="…")


def item_place_choices(
    blocks: Sequence[TextBlock], *, keep: tuple[str, int | None] | None = None
) -> list[tuple[str, Any]]:
    """Per running text: after each of its paragraphs, or at its end (the default)."""
    choices: list[tuple[str, Any]] = []
    for block in blocks:
        paragraphs = text_paragraphs(block.text)
        options = [(f"{block.key}:", _("At the end of the text"))]
        count = len(paragraphs)
        if keep is not None and keep[0] == block.key and keep[1]:
            count = max(count, keep[1])
        for number in range(1, count + 1):
            words = _first_words(paragraphs[number - 1]) if number <= len(paragraphs) else ""
            label = _("After paragraph %(number)s") % {"number": number}
            options.append((f"{block.key}:{number}", f"{label} — {words}" if words else label))
        choices.append((block.label, options))
    return choices


def item_place_value(item: Any) -> str:
    key = (
        f"s{item.section_id}"
        if item.section_id
        else (f"e{item.element_id}" if item.element_id else "t")
    )
    return f"{key}:{item.paragraph or ''}"


def add_place_field(form: forms.ModelForm, blocks: Sequence[TextBlock]) -> None:
    """Give a practice item's or quote's form its place in the running text."""
    instance = form.instance if form.instance.pk else None
    keep = None
    if instance is not None:
        value = item_place_value(instance)
        keep = (value.split(":")[0], instance.paragraph)
    form.fields["place"] = forms.ChoiceField(
        label=_("Place in the text"),
        required=False,
        choices=item_place_choices(blocks, keep=keep),
        initial=item_place_value(instance) if instance is not None else f"{blocks[0].key}:",
        help_text=_(
            "The item stands in the running text after the paragraph you choose; the "
            "documents number it per chapter (From practice 2.1, 2.2, …)."
        ),
    )
    form.text_blocks = {block.key: block for block in blocks}  # type: ignore[attr-defined]


def place_values(form: forms.ModelForm) -> dict[str, Any]:
    """The element, own section and paragraph the chosen place stands for."""
    key, _sep, paragraph = (form.cleaned_data.get("place") or "t:").partition(":")
    block: TextBlock = form.text_blocks[key]  # type: ignore[attr-defined]
    element = block.section.element if block.section is not None else block.element
    return {"element": element, "section": block.section, "paragraph": int(paragraph or 0) or None}


class PracticeImageForm(forms.Form):
    image = forms.FileField(
        label=gettext_lazy("Image (PNG or JPEG)"),
        help_text=gettext_lazy(
            "A clipping, an infographic or a slide; at most 5 MB and 25 million pixels. "
            "Its metadata (camera, place, time) is removed."
        ),
        widget=forms.ClearableFileInput(attrs={"accept": "image/png,image/jpeg"}),
    )
    image_alt = forms.CharField(
        label=gettext_lazy("Alternative text"),
        max_length=IMAGE_ALT_MAX,
        help_text=gettext_lazy("What the image shows, for readers who cannot see it."),
        widget=forms.Textarea(attrs={"rows": 2}),
    )
