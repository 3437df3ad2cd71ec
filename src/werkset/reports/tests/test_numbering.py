"""The document order and the numbers of "Uit de praktijk" items (reports/numbering.py)."""

from werkset.reports.numbering import (
    Chapter,
    ItemNumber,
    OwnSection,
    PlacedItem,
    ThemeOutline,
    chapters_in_order,
    practice_numbers,
    practice_references,
    text_paragraphs,
)

THEMES = [ThemeOutline(id=10, element_ids=(101, 102)), ThemeOutline(id=20, element_ids=(201,))]


def _labels(numbers: dict[int, ItemNumber]) -> dict[int, str]:
    return {item_id: number.label for item_id, number in numbers.items()}


def test_themes_are_the_chapters_in_catalogue_order():
    assert chapters_in_order(themes=THEMES, sections=[]) == [
        Chapter(number=1, theme_id=10),
        Chapter(number=2, theme_id=20),
    ]


def test_an_own_chapter_stands_after_its_theme_and_shifts_the_next():
    own = OwnSection(id=5, is_chapter=True, theme_id=10)
    chapters = chapters_in_order(themes=THEMES, sections=[own])
    assert [(c.number, c.theme_id, c.section_id) for c in chapters] == [
        (1, 10, None),
        (2, None, 5),
        (3, 20, None),
    ]


def test_an_own_chapter_without_theme_stands_first():
    own = OwnSection(id=5, is_chapter=True, theme_id=None)
    assert chapters_in_order(themes=THEMES, sections=[own])[0] == Chapter(number=1, section_id=5)


def test_own_chapters_at_one_place_follow_their_position():
    first = OwnSection(id=9, is_chapter=True, theme_id=20, position=0)
    second = OwnSection(id=3, is_chapter=True, theme_id=20, position=1)
    chapters = chapters_in_order(themes=THEMES, sections=[second, first])
    assert [c.section_id for c in chapters[2:]] == [9, 3]


def test_own_paragraphs_are_not_chapters():
    paragraph = OwnSection(id=5, is_chapter=False, theme_id=10)
    assert len(chapters_in_order(themes=THEMES, sections=[paragraph])) == 2


def test_items_are_numbered_per_chapter():
    items = [
        PlacedItem(id=1, theme_id=10, element_id=101),
        PlacedItem(id=2, theme_id=10, element_id=102),
        PlacedItem(id=3, theme_id=20, element_id=201),
    ]
    assert _labels(practice_numbers(themes=THEMES, sections=[], items=items)) == {
        1: "1.1",
        2: "1.2",
        3: "2.1",
    }


def test_items_follow_the_elements_order_not_their_creation():
    items = [
        PlacedItem(id=1, theme_id=10, element_id=102),
        PlacedItem(id=2, theme_id=10, element_id=101),
        PlacedItem(id=3, theme_id=10, element_id=None),
    ]
    numbers = _labels(practice_numbers(themes=THEMES, sections=[], items=items))
    assert numbers == {3: "1.1", 2: "1.2", 1: "1.3"}


def test_items_after_a_paragraph_come_before_items_after_the_text():
    items = [
        PlacedItem(id=1, theme_id=10, element_id=101, paragraph=None),
        PlacedItem(id=2, theme_id=10, element_id=101, paragraph=3),
        PlacedItem(id=3, theme_id=10, element_id=101, paragraph=1),
    ]
    numbers = _labels(practice_numbers(themes=THEMES, sections=[], items=items))
    assert numbers == {3: "1.1", 2: "1.2", 1: "1.3"}


def test_items_at_one_place_follow_their_position():
    items = [
        PlacedItem(id=1, theme_id=10, element_id=101, position=2),
        PlacedItem(id=2, theme_id=10, element_id=101, position=1),
    ]
    assert _labels(practice_numbers(themes=THEMES, sections=[], items=items)) == {
        2: "1.1",
        1: "1.2",
    }


def test_an_item_in_an_own_chapter_counts_in_that_chapter():
    own = OwnSection(id=5, is_chapter=True, theme_id=10)
    items = [
        PlacedItem(id=1, theme_id=10, element_id=None, section_id=5),
        PlacedItem(id=2, theme_id=20, element_id=201),
    ]
    numbers = _labels(practice_numbers(themes=THEMES, sections=[own], items=items))
    assert numbers == {1: "2.1", 2: "3.1"}


def test_an_item_in_an_own_paragraph_counts_after_the_element_it_follows():
    paragraph = OwnSection(id=5, is_chapter=False, theme_id=10, element_id=101)
    items = [
        PlacedItem(id=1, theme_id=10, element_id=102),
        PlacedItem(id=2, theme_id=10, section_id=5),
        PlacedItem(id=3, theme_id=10, element_id=101),
    ]
    numbers = _labels(practice_numbers(themes=THEMES, sections=[paragraph], items=items))
    assert numbers == {3: "1.1", 2: "1.2", 1: "1.3"}


def test_an_item_of_a_removed_section_counts_in_its_theme():
    items = [PlacedItem(id=1, theme_id=20, element_id=201, section_id=99)]
    assert _labels(practice_numbers(themes=THEMES, sections=[], items=items)) == {1: "2.1"}


def test_an_item_without_a_place_has_no_number():
    items = [PlacedItem(id=1, theme_id=None)]
    assert practice_numbers(themes=THEMES, sections=[], items=items) == {}


def test_an_item_of_an_element_of_another_theme_counts_in_its_theme_text():
    items = [
        PlacedItem(id=1, theme_id=10, element_id=101),
        PlacedItem(id=2, theme_id=10, element_id=201),
    ]
    assert _labels(practice_numbers(themes=THEMES, sections=[], items=items)) == {
        2: "1.1",
        1: "1.2",
    }


NUMBERS = {7: ItemNumber(chapter=2, number=2), 8: ItemNumber(chapter=1, number=10)}


def test_a_reference_is_found_with_its_span_and_item():
    text = "Afspraak is dat VT ter plaatse gaat (zie Uit de Praktijk 2.2)."
    [reference] = practice_references(text, numbers=NUMBERS)
    assert text[reference.start : reference.end] == "Uit de Praktijk 2.2"
    assert (reference.label, reference.item_id) == ("2.2", 7)


def test_references_are_found_in_order_and_case_insensitively():
    text = "Uit de praktijk 1.10 geeft de stand; zie ook uit de praktijk 2.2."
    assert [r.item_id for r in practice_references(text, numbers=NUMBERS)] == [8, 7]


def test_a_reference_broken_over_lines_is_found():
    text = "zie Uit de\npraktijk 2.2"
    assert [r.item_id for r in practice_references(text, numbers=NUMBERS)] == [7]


def test_a_reference_to_a_missing_number_has_no_item():
    [reference] = practice_references("zie Uit de praktijk 4.1", numbers=NUMBERS)
    assert (reference.label, reference.item_id) == ("4.1", None)


def test_a_longer_number_is_not_a_reference():
    assert practice_references("Uit de praktijk 2.2.1 en 2.23", numbers=NUMBERS) == []


def test_a_chapter_reference_is_not_an_item_reference():
    assert practice_references("Paragraaf 3.3 (waarde)", numbers=NUMBERS) == []


def test_paragraphs_are_the_top_level_blocks():
    text = (
        "Eerste alinea\nloopt door.\n\n- een\n\n- twee\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\nSlot."
    )
    assert text_paragraphs(text) == [
        "Eerste alinea\nloopt door.",
        "- een\n\n- twee",
        "| a | b |\n|---|---|\n| 1 | 2 |",
        "Slot.",
    ]


def test_an_empty_text_has_no_paragraphs():
    assert text_paragraphs("  \n\n") == []
