"""A whole report as JSON: export, import into a database without it, export again."""

import copy
import json

import pytest
from django.core.exceptions import PermissionDenied

from werkset.accounts.models import Role, User
from werkset.catalogue.services import catalogue_version_publish
from werkset.catalogue.validation import read_catalogue_file
from werkset.conftest import CATALOGUE_2021, regions_create
from werkset.core.models import AuditAction, AuditEvent
from werkset.demo.services import demo_reports_create, demo_users_create
from werkset.outputs.archive_export import report_json
from werkset.outputs.archive_import import report_json_import
from werkset.outputs.problems import ImportRefused
from werkset.reports.answers import AnswerContent, content_of
from werkset.reports.models import Answer, AnswerChange, Comment, Report
from werkset.reports.services import answer_save
from werkset.reports.text_services import report_item_save, section_text_save

pytestmark = pytest.mark.django_db


@pytest.fixture(scope="module")
def demo_pks(module_db) -> tuple[int, int]:
    """Built once for the module (the demo reports go through the services); each test's
    changes are rolled back after it."""
    with module_db():
        regions_create()
        catalogue_version_publish(document=read_catalogue_file(CATALOGUE_2021))
        finalised, current = _demo_create()
    return finalised.pk, current.pk


@pytest.fixture
def regions(demo_pks: tuple[int, int], db: None) -> None:
    """The regions are the module's (`demo_pks`)."""


@pytest.fixture
def demo(demo_pks: tuple[int, int], db: None) -> tuple[Report, Report]:
    """Friesland 2024 (finalised, with items, quotes, sources, a resolved comment) and 2025
    (started from 2024, under discussion, open comments), enriched with what the demo lacks:
    a perspective, an element's text and an item placed at an element."""
    finalised, current = demo_pks
    return Report.objects.get(pk=finalised), Report.objects.get(pk=current)


def _demo_create() -> tuple[Report, Report]:
    demo_users_create(password="demo-wachtwoord-voor-tests")
    finalised, current = demo_reports_create()
    rapporteur = User.objects.get(username="rapporteur")
    answer = current.answers.select_related("indicator__theme").order_by("indicator__position")[3]
    content = content_of(answer)
    answer_save(
        answer=answer,
        content=AnswerContent(
            choice=content.choice or "onbekend",
            explanation=content.explanation,
            figures=content.figures,
            perspectives={"om": "Het OM herkent dit (fictief)."},
        ),
        base_revision=answer.revision,
        user=rapporteur,
    )
    theme = answer.indicator.theme
    element = theme.elements.last()
    section_text_save(
        report=current,
        theme=theme,
        element=element,
        text="Tekst bij het element (fictief).",
        base_revision=0,
        user=rapporteur,
    )
    report_item_save(
        report=current,
        user=rapporteur,
        kind="praktijk",
        values={
            "theme": theme,
            "element": element,
            "kind": "interview",
            "title": "Interview (fictief)",
            "text": "Tekst.",
            "source": "",
        },
    )
    return finalised, current


def _dump(document: dict) -> str:
    return json.dumps(document, ensure_ascii=False, indent=2)


def _delete(report: Report) -> None:
    report.delete()


@pytest.mark.parametrize("which", [0, 1], ids=["vastgesteld", "ter-bespreking"])
def test_export_verwijderen_import_export_geeft_hetzelfde_document(demo, which):
    report = demo[which]
    first = _dump(report_json(report=report))
    _delete(report)

    imported = report_json_import(data=first.encode(), user=None, keep_status=True, map_users=True)

    assert _dump(report_json(report=imported)) == first


def test_het_document_bevat_alles_met_sleutels_en_gebruikersnamen(demo):
    document = report_json(report=demo[1])

    assert (document["region"], document["period"], document["catalogue"]) == (
        "friesland",
        "2025",
        "werkset-2021",
    )
    assert document["started_from"] == {"catalogue": "werkset-2021", "period": "2024", "number": 1}
    assert len(document["answers"]) == 114
    assert any(a["perspectives"] for a in document["answers"].values())
    assert any(a["carried_over"] for a in document["answers"].values())
    assert {c["author"] for c in document["comments"]} == {"netwerklid"}
    assert [s["to"] for s in document["status_changes"]] == ["concept", "ter_bespreking"]
    assert any(t["element"] for t in document["section_texts"])
    assert '"id"' not in json.dumps(document)


def test_onbekende_auteurs_komen_terug_als_inactief_account(demo):
    finalised, current = demo
    document = report_json(report=finalised)
    _delete(current)
    _delete(finalised)
    User.objects.filter(username="netwerklid").delete()

    imported = report_json_import(data=document, user=None, keep_status=True, map_users=True)

    comment = Comment.objects.get(report=imported)
    assert comment.author.username == "netwerklid"
    assert not comment.author.is_active
    assert not comment.author.has_usable_password()
    assert comment.author_name == document["comments"][0]["author_name"]
    assert comment.resolved_by == User.objects.get(username="rapporteur")
    assert report_json(report=imported) == document


def test_een_bestaande_rapportage_wordt_niet_nog_eens_ingelezen(demo):
    document = report_json(report=demo[0])
    counts = (Report.objects.count(), Answer.objects.count(), AnswerChange.objects.count())

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=_dump(document), user=None)

    assert str(refused.value) == (
        "Er is al een rapportage van Friesland over 2024 (versie 1) met deze catalogus; "
        "die wordt niet nog eens ingelezen."
    )
    assert (Report.objects.count(), Answer.objects.count(), AnswerChange.objects.count()) == counts


def test_een_netwerkrapportage_naast_rapportages_per_regio_wordt_geweigerd(demo):
    """A network reports either as a whole or per region in a period, also by import."""
    document = report_json(report=demo[0])
    document.update(region=None, network="noord-nederland", status="concept")
    count = Report.objects.count()

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=_dump(document), user=None)

    assert str(refused.value) == (
        "Voor 2024 rapporteert Noord-Nederland al per regio: een netwerk rapporteert als "
        "geheel of per regio, niet allebei."
    )
    assert Report.objects.count() == count


def test_onbekende_indicatorsleutels_worden_geweigerd_en_er_wordt_niets_geschreven(demo):
    current = demo[1]
    document = report_json(report=current)
    _delete(current)
    answers = document["answers"]
    known = next(iter(answers))
    answers["samenhang.ontwikkel.bestaat-niet"] = answers.pop(known)
    document["comments"][0]["indicator"] = "acuut.waarde.bestaat-ook-niet"
    counts = (Report.objects.count(), Answer.objects.count(), Comment.objects.count())

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=document, user=None)

    assert [p.describe() for p in refused.value.problems] == [
        "answers/samenhang.ontwikkel.bestaat-niet: Onbekende vraag (indicatorsleutel) in deze "
        "catalogus: samenhang.ontwikkel.bestaat-niet.",
        "comments/0/indicator: Onbekende vraag (indicatorsleutel) in deze catalogus: "
        "acuut.waarde.bestaat-ook-niet.",
    ]
    assert (Report.objects.count(), Answer.objects.count(), Comment.objects.count()) == counts


def test_antwoorden_worden_gecontroleerd_zoals_in_het_formulier(demo):
    document = report_json(report=demo[0])
    _delete(demo[0])
    broken = copy.deepcopy(document)
    keys = list(broken["answers"])
    broken["answers"][keys[0]]["choice"] = "misschien"
    broken["answers"][keys[1]]["figures"] = {"kosten": "veel"}
    broken["answers"][keys[2]]["figures"] = {"verzonnen": 1}
    broken["answers"][keys[3]]["perspectives"] = {"brandweer": "Tekst."}

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=broken, user=None)

    places = [p.cell for p in refused.value.problems]
    assert places == [
        f"answers/{keys[0]}/choice",
        f"answers/{keys[1]}/figures/kosten",
        f"answers/{keys[2]}/figures/verzonnen",
        f"answers/{keys[3]}/perspectives/brandweer",
    ]
    assert "Kies een van de antwoorden." in str(refused.value)
    assert not Report.objects.filter(period="2024").exists()


def test_een_verkeerde_vorm_wordt_met_de_plaats_gemeld(demo):
    document = report_json(report=demo[0])
    del document["status"]
    document["answers"][next(iter(document["answers"]))]["revision"] = "drie"
    document["extra"] = True

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=document, user=None)

    assert {p.describe() for p in refused.value.problems} == {
        "Onbekend(e) veld(en): extra.",
        "Ontbrekend(e) veld(en): status.",
        f"answers/{next(iter(document['answers']))}/revision: Verwacht: een heel getal.",
    }


def test_geen_json_wordt_geweigerd(db):
    with pytest.raises(ImportRefused, match="geen geldige JSON"):
        report_json_import(data=b"{niet: json", user=None)
    with pytest.raises(ImportRefused, match="geen archief van een werkset-rapportage"):
        report_json_import(data="[1, 2]", user=None)


def test_alleen_de_rapporteur_van_de_regio_mag_inlezen(demo, make_user, utrecht):
    document = report_json(report=demo[0])
    _delete(demo[0])

    with pytest.raises(PermissionDenied):
        report_json_import(data=document, user=make_user(Role.RAPPORTEUR, region=utrecht))
    # The rapporteur may import, but never with the status of a finalised report.
    with pytest.raises(ImportRefused, match="--keep-status"):
        report_json_import(data=document, user=User.objects.get(username="rapporteur"))


def test_een_vastgesteld_archief_vraagt_uitdrukkelijk_om_de_status(demo):
    finalised, _current = demo
    document = report_json(report=finalised)
    _delete(finalised)

    with pytest.raises(ImportRefused) as refused:
        report_json_import(data=document, user=None)

    assert "--keep-status" in str(refused.value)
    assert not Report.objects.filter(period="2024").exists()
    imported = report_json_import(data=document, user=None, keep_status=True)
    assert imported.status == "vastgesteld"
    event = AuditEvent.objects.get(action=AuditAction.REPORT_IMPORTED)
    assert event.detail["status_kept"] is True


def test_alleen_de_opdrachtregel_mag_de_status_behouden(demo):
    finalised, _current = demo
    document = report_json(report=finalised)
    _delete(finalised)

    with pytest.raises(PermissionDenied):
        report_json_import(
            data=document, user=User.objects.get(username="rapporteur"), keep_status=True
        )
