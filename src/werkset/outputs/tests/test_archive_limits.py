"""What the JSON archive import refuses that the web form would refuse too (findings H3,
M6, L3): a text past the form's limit (reports/limits.py), an answer's history carrying
what an answer may not, JSON nested too deeply, a lone surrogate; control characters are
removed as the form removes them. A refusal writes nothing."""

import copy
import json
from io import StringIO
from typing import Any

import pytest
from django.core.management import call_command
from django.core.management.base import CommandError
from django.utils.translation import gettext as _

from werkset.accounts.models import User
from werkset.core.models import AuditEvent
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.answers import AnswerContent
from werkset.reports.limits import (
    COMMENT_MAX,
    EXPLANATION_MAX,
    PRACTICE_ITEM_MAX,
    QUOTE_MAX,
    SECTION_TEXT_MAX,
    SOURCE_DESCRIPTION_MAX,
    STORY_TEXT_MAX,
)
from werkset.reports.models import Answer, AnswerChange, Report, SectionText
from werkset.reports.services import answer_save
from werkset.reports.text_services import section_text_save

pytestmark = pytest.mark.django_db

# Messages compared through gettext: the text the user reads, whatever its translation.
NESTED = "This file is nested too deeply to be read."


@pytest.fixture
def archive(report: Report, rapporteur_friesland: User) -> dict[str, Any]:
    """Friesland's concept report as an archive, with an answer's history and a running
    text, and one of each other kind of text; the report itself is deleted, so the archive
    imports as it is."""
    answer = report.answers.select_related("indicator__theme").order_by("indicator__position")[0]
    answer_save(
        answer=answer,
        content=AnswerContent(choice="ja", explanation="Zo is het."),
        base_revision=answer.revision,
        user=rapporteur_friesland,
    )
    theme = answer.indicator.theme
    section_text_save(
        report=report,
        theme=theme,
        element=None,
        text="Lopende tekst.",
        base_revision=0,
        user=rapporteur_friesland,
    )
    document = report_json(report=report)
    report.delete()
    place = {"theme": theme.key, "element": None, "position": 0, "created_at": _NOW}
    document.update(
        decision_note="",
        correction_reason="",
        withdrawal_reason="",
        practice_items=[
            {**place, "kind": "interview", "title": "T", "text": "Tekst.", "source": ""}
        ],
        quotes=[{**place, "text": "Citaat.", "attribution": "Iemand"}],
        sources=[{**place, "title": "Bron", "description": "Beschrijving."}],
        own_sections=[
            {
                "is_chapter": True,
                "theme": None,
                "element": None,
                "title": "Eigen hoofdstuk",
                "text": "Tekst.",
                "position": 0,
                "revision": 1,
                "updated_at": _NOW,
                "updated_by": None,
            }
        ],
        comments=[
            {
                "indicator": None,
                "theme": theme.key,
                "kind": "opmerking",
                "text": "Een opmerking.",
                "author": None,
                "author_name": "Lid",
                "created_at": _NOW,
                "resolved_at": _NOW,
                "resolved_by": None,
                "resolution": "Verwerkt.",
            }
        ],
        privacy_clearances=[
            {
                "kind": "naam",
                "text": "Jan",
                "reason": "Geen persoon.",
                "cleared_by": None,
                "cleared_by_name": "Rapporteur",
                "cleared_at": _NOW,
            }
        ],
    )
    document["assessments"]["maturity"] = [
        {
            "theme": theme.key,
            "level": 3,
            "motivation": "Omdat.",
            "not_assessed_reason": "",
            "updated_at": _NOW,
            "updated_by": None,
        }
    ]
    return document


_NOW = "2025-06-01T10:00:00+00:00"


def _counts() -> tuple[int, ...]:
    return (
        Report.objects.count(),
        Answer.objects.count(),
        AnswerChange.objects.count(),
        SectionText.objects.count(),
        AuditEvent.objects.count(),
    )


def _refused(data: Any) -> ImportRefused:
    counts = _counts()
    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=data, user=None)
    assert _counts() == counts
    return refused.value


def _answered(document: dict[str, Any]) -> str:
    """The key of the answer with a history (the fixture's)."""
    return next(key for key, answer in document["answers"].items() if answer["history"])


def test_het_archief_van_de_fixture_wordt_ingelezen(archive):
    """The other tests change one thing in this archive: as it is, it imports."""
    report = report_json_import(data=json.dumps(archive), user=None)

    assert SectionText.objects.get(report=report).text == "Lopende tekst."
    assert report_json(report=report)["comments"][0]["resolution"] == "Verwerkt."


TEXTS = [
    (("section_texts", 0, "text"), SECTION_TEXT_MAX),
    (("story", "introduction"), STORY_TEXT_MAX),
    (("story", "summary"), STORY_TEXT_MAX),
    (("own_sections", 0, "text"), STORY_TEXT_MAX),
    (("decision_note",), COMMENT_MAX),
    (("correction_reason",), COMMENT_MAX),
    (("withdrawal_reason",), COMMENT_MAX),
    (("status_changes", 0, "note"), COMMENT_MAX),
    (("comments", 0, "text"), COMMENT_MAX),
    (("comments", 0, "resolution"), COMMENT_MAX),
    (("practice_items", 0, "text"), PRACTICE_ITEM_MAX),
    (("quotes", 0, "text"), QUOTE_MAX),
    (("sources", 0, "description"), SOURCE_DESCRIPTION_MAX),
    (("answers", "*", "history", 0, "before", "explanation"), EXPLANATION_MAX),
    (("answers", "*", "history", 0, "after", "perspectives", "om"), EXPLANATION_MAX),
    (("privacy_clearances", 0, "reason"), COMMENT_MAX),
    (("assessments", "maturity", 0, "motivation"), EXPLANATION_MAX),
]


def _put(document: dict[str, Any], path: tuple[Any, ...], value: Any) -> str:
    """Set the value at `path` ("*": the answer with a history); the path as a problem names it."""
    path = tuple(_answered(document) if part == "*" else part for part in path)
    target: Any = document
    for part in path[:-1]:
        target = target.setdefault(part, {}) if isinstance(target, dict) else target[part]
    target[path[-1]] = value
    return "/".join(str(part) for part in path)


@pytest.mark.parametrize(("path", "limit"), TEXTS, ids=["/".join(map(str, p)) for p, _l in TEXTS])
def test_een_tekst_langer_dan_in_het_formulier_wordt_geweigerd(archive, path, limit):
    at_limit = copy.deepcopy(archive)
    _put(at_limit, path, "x" * limit)
    place = _put(archive, path, "x" * (limit + 1))

    refused = _refused(json.dumps(archive))

    grouped = f"{limit:,}".replace(",", ".")
    assert [p.describe() for p in refused.problems] == [
        f"{place}: Te lang (hoogstens {grouped} tekens)."
    ]
    # At the limit it is the form's text, and imports.
    assert report_json_import(data=json.dumps(at_limit), user=None)


def test_de_geschiedenis_van_een_antwoord_bevat_alleen_een_antwoord(archive):
    """Before H3, `before` was any object: 5 MB under an unknown key was imported."""
    place = _put(archive, ("answers", "*", "history", 0, "before", "bijlage"), "x" * 1000)
    _put(archive, ("answers", "*", "history", 0, "after", "figures", "kosten"), "9" * 200)

    refused = _refused(json.dumps(archive))

    described = [p.describe() for p in refused.problems]
    assert f"{place.removesuffix('/bijlage')}: Onbekend(e) veld(en): bijlage." in described
    assert any("/after/figures/kosten: Waarde niet toegestaan" in d for d in described)


@pytest.mark.parametrize(
    "data",
    [
        "[" * 100_000 + "]" * 100_000,
        '{"format": "werkset-rapport", "format_version": 2, "a": '
        + '{"a": ' * 900
        + "1"
        + "}" * 901,
    ],
    ids=["dieper-dan-json-leest", "dieper-dan-een-archief"],
)
def test_te_diep_geneste_json_wordt_geweigerd(db, data):
    refused = _refused(data.encode())

    assert [p.describe() for p in refused.problems] == [_(NESTED)]


def test_een_losse_surrogaat_wordt_geweigerd(archive):
    key = _answered(archive)
    archive["answers"][key]["explanation"] = "kapot \ud800 teken"

    refused = _refused(json.dumps(archive).encode())

    assert [p.cell for p in refused.problems] == [f"answers/{key}/explanation"]
    assert "U+D800" in refused.problems[0].message


def test_een_stuurteken_in_een_sleutel_wordt_geweigerd(archive):
    key = _answered(archive)
    archive["answers"][key]["perspectives"] = {"o\x00m": "Tekst."}

    refused = _refused(json.dumps(archive))

    assert [p.cell for p in refused.problems] == [f"answers/{key}/perspectives/o\x00m"]
    assert "U+0000" in refused.problems[0].message


def test_stuurtekens_worden_verwijderd_zoals_in_het_formulier(archive):
    """The web form's clean_text removes them; the import stored them (L3)."""
    key = _answered(archive)
    archive["answers"][key]["explanation"] = "nul \x00 byte"
    archive["section_texts"][0]["text"] = "regel\x0bmet\x07tekens\ten tab\nen regel"

    report = report_json_import(data=json.dumps(archive), user=None)

    assert report.answers.get(indicator__key=key).explanation == "nul  byte"
    assert SectionText.objects.get(report=report).text == "regelmettekens\ten tab\nen regel"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (b"[" * 100_000 + b"]" * 100_000, NESTED),
        (b'{"a": "\\ud800"}', "U+D800"),
    ],
    ids=["diep", "surrogaat"],
)
def test_de_opdrachtregel_weigert_in_het_nederlands(db, tmp_path, content, message):
    path = tmp_path / "archief.json"
    path.write_bytes(content)
    counts = _counts()

    with pytest.raises(CommandError) as raised:
        call_command("report", "import", str(path), stdout=StringIO(), stderr=StringIO())

    assert str(raised.value).startswith("archief.json is niet ingelezen; er is niets gewijzigd.")
    assert _(message) in str(raised.value)
    assert _counts() == counts
