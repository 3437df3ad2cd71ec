"""The reference-text files: schema and cross-checks, loaded once as frozen value objects."""

import dataclasses
from pathlib import Path

import pytest
from django.core.management import CommandError, call_command
from django.template.loader import render_to_string

from werkset.guidance.loader import (
    DATA_DIR,
    ReferenceFileError,
    guidance_library,
    parse_reference_text,
    read_reference_directory,
)
from werkset.guidance.texts import Section
from werkset.improvement.vocabulary import BuildingBlock

GOOD = """\
format: 1
key: proef
version: "1"
title: Proef
source: Een bron.
texts:
  - key: een
    kind: uitleg
    title: Een
    themes: [acuut]
    sections:
      - paragraphs: [Eerste alinea.]
"""


def test_every_file_of_the_data_directory_is_valid():
    library = read_reference_directory(DATA_DIR)
    assert len(library.sets) == 2
    assert [framing.catalogue for framing in library.framings] == ["werkset-2021"]


def test_the_library_is_read_once_per_process():
    assert guidance_library() is guidance_library()


def test_the_texts_are_frozen():
    text = guidance_library().texts[0]
    with pytest.raises(dataclasses.FrozenInstanceError):
        text.title = "anders"  # type: ignore[misc]
    assert isinstance(text.sections, tuple)


def test_the_kinds_the_issue_asks_for_are_all_there():
    kinds = {text.kind for text in guidance_library().texts}
    assert kinds == {"onderlegger", "bouwstenen", "casus", "uitleg"}


def test_every_building_block_has_guidance():
    for block in BuildingBlock.values:
        assert guidance_library().for_building_block(block), block


def test_the_onderlegger_has_three_steps_and_ten_steps():
    onderlegger = next(t for t in guidance_library().texts if t.key == "onderlegger")
    steps = [s.heading for s in onderlegger.sections if s.heading.startswith("Stap ")]
    assert len(steps) == 3
    numbered = [item for s in onderlegger.sections if s.numbered for item in s.items]
    assert len(numbered) == 10


def test_the_version_changes_with_the_content(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    before = read_reference_directory(tmp_path).version
    (tmp_path / "a.yaml").write_text(GOOD.replace("Eerste alinea.", "Andere."), encoding="utf-8")
    assert read_reference_directory(tmp_path).version != before


def test_a_missing_field_names_file_line_and_place():
    broken = GOOD.replace("    kind: uitleg\n", "")
    with pytest.raises(ReferenceFileError) as caught:
        parse_reference_text(broken, file_name="proef.yaml")
    message = str(caught.value)
    assert "proef.yaml, regel 7 (texts[0]): verplicht veld ontbreekt: 'kind'" in message
    assert message.startswith("Bestand met referentieteksten proef.yaml is niet geladen")


def test_an_unknown_building_block_is_refused_in_dutch():
    broken = GOOD.replace(
        "- paragraphs: [Eerste alinea.]", "- {paragraphs: [Alinea.], building_blocks: [koffie]}"
    )
    with pytest.raises(ReferenceFileError, match="onbekende bouwsteen 'koffie'"):
        parse_reference_text(broken, file_name="proef.yaml")


def test_a_text_key_twice_in_one_directory_is_refused(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(GOOD, encoding="utf-8")
    (tmp_path / "b.yaml").write_text(GOOD.replace("key: proef", "key: tweede"), encoding="utf-8")
    with pytest.raises(ReferenceFileError, match=r"staat ook in a\.yaml"):
        read_reference_directory(tmp_path)


def test_an_overlong_paragraph_is_refused():
    broken = GOOD.replace("Eerste alinea.", "x" * 5001)
    with pytest.raises(ReferenceFileError, match="ongeldig \\(maxLength\\)"):
        parse_reference_text(broken, file_name="proef.yaml")


def test_a_framing_needs_its_catalogue_version():
    framing = (
        GOOD.replace("texts:", "parts:")
        .replace("    kind: uitleg\n", "")
        .replace("    themes: [acuut]\n", "")
    )
    with pytest.raises(ReferenceFileError):
        parse_reference_text(framing, file_name="proef.yaml")
    document = parse_reference_text("catalogue: werkset-2021\n" + framing, file_name="p.yaml")
    assert document.catalogue == "werkset-2021"  # type: ignore[union-attr]


def test_markup_in_a_text_is_shown_as_text():
    section = Section(
        heading="<b>kop</b>",
        paragraphs=("<script>alert(1)</script> alinea",),
        items=(),
        numbered=False,
        start=1,
        after=(),
        note="",
        building_blocks=(),
    )
    html = render_to_string("guidance/_sections.html", {"sections": [section]})
    assert "<script>" not in html
    assert "<b>kop</b>" not in html
    assert "&lt;b&gt;kop&lt;/b&gt;" in html


def test_the_check_command_reports_every_file(capsys):
    call_command("guidance", "check")
    out = capsys.readouterr().out
    assert "actieoverleg-2021.yaml: in orde (13 teksten" in out
    assert "framing-werkset-2021.yaml: in orde (kader bij werkset-2021" in out


def test_the_check_command_refuses_a_broken_file_in_dutch(tmp_path: Path):
    (tmp_path / "a.yaml").write_text(GOOD.replace("format: 1", "format: 2"), encoding="utf-8")
    with pytest.raises(CommandError, match="moet 1 zijn"):
        call_command("guidance", "check", str(tmp_path))
