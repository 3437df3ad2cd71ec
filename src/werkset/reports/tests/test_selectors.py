"""The hot reads: one report as its pages read it, and a theme's own rows (ORM, issue 16)."""

from decimal import Decimal

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from werkset.accounts.models import Role
from werkset.accounts.scope import scope_for_user
from werkset.catalogue.structure import catalogue_structure
from werkset.regions.models import Organisation, Region
from werkset.reports.answers import AnswerContent
from werkset.reports.comment_services import comment_add
from werkset.reports.models import (
    Answer,
    Comment,
    CommentKind,
    PracticeItem,
    PracticeKind,
    Report,
    ReportStatus,
)
from werkset.reports.selectors import (
    report_answer_visible,
    report_theme,
    report_visible,
    reports_visible,
)
from werkset.reports.services import answer_save
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


def _theme(report, key="acuut"):
    return catalogue_structure(version=report.catalogue_version).theme(key)


def test_antwoorden_komen_terug_zoals_de_orm_ze_leest(report, rapporteur_friesland):
    """JSON figures decoded, times aware, every column in its field: as the ORM reads them."""
    answer = Answer.objects.get(report=report, indicator__key="acuut.uitvoering.crisismeldingen")
    answer_save(
        answer=answer,
        content=AnswerContent(
            choice="ja",
            explanation="Wekelijks overleg.",
            figures={"aantal": "12"},
            perspectives={"politie": "Loopt goed."},
        ),
        base_revision=answer.revision,
        user=rapporteur_friesland,
    )
    view = report_theme(report=report, theme=_theme(report))
    read = next(a for e in view.elements for a in e.answers if a.pk == answer.pk)
    stored = Answer.objects.get(pk=answer.pk)
    assert read.figures == stored.figures == {"aantal": "12"}
    assert read.perspectives == {"politie": "Loopt goed."}
    assert read.updated_at == stored.updated_at
    assert read.updated_at.tzinfo is not None
    assert (read.revision, read.updated_by_id) == (stored.revision, rapporteur_friesland.pk)
    assert not read._state.adding


def test_alleen_de_rijen_van_dit_thema_en_deze_rapportage(report, rapporteur_friesland):
    theme = _theme(report)
    other_theme = _theme(report, "actieoverleg")
    for position, chosen in enumerate([theme, other_theme, theme]):
        PracticeItem.objects.create(
            report=report,
            theme=chosen,
            kind=PracticeKind.CASE_REVIEW,
            title=f"Casusreview {position}",
            text="Fictief.",
            position=3 - position,
        )
    view = report_theme(report=report, theme=theme)
    assert [item.title for item in view.practice_items] == ["Casusreview 2", "Casusreview 0"]
    indicator_keys = {a.indicator.key for e in view.elements for a in e.answers}
    assert indicator_keys
    assert all(key.startswith("acuut.") for key in indicator_keys)


def test_commentaar_op_antwoorden_en_op_het_thema(report, rapporteur_friesland, netwerklid_noord):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    theme = _theme(report)
    answer = Answer.objects.get(report=report, indicator__key="acuut.uitvoering.crisismeldingen")
    elsewhere = Answer.objects.filter(report=report, indicator__theme__key="actieoverleg").first()
    for target in (answer, elsewhere):
        comment_add(
            report=report,
            answer=target,
            kind=CommentKind.REMARK,
            text="Klopt dit?",
            user=netwerklid_noord,
        )
    comment_add(
        report=report, theme=theme, kind=CommentKind.REMARK, text="Mooi.", user=netwerklid_noord
    )
    view = report_theme(report=report, theme=theme)
    assert list(view.answer_comments) == [answer.pk]
    assert [c.text for c in view.comments] == ["Mooi."]
    assert Comment.objects.count() == 3


def test_alle_partnerorganisaties_in_hun_volgorde(report):
    """The whole register: reports.policy picks whose perspective each answer asks for."""
    view = report_theme(report=report, theme=_theme(report))
    expected = list(Organisation.objects.order_by("position", "name"))
    assert view.organisations == expected
    assert any(not organisation.core_partner for organisation in expected)


def test_een_thema_leest_in_zeven_queries(report):
    """Answers, comments, running texts, the report's practice items (this theme's, and all
    for their numbers, issue 18), quotes, sources and the network's own sections; the partner
    organisations come from the kept list once it is read."""
    theme = _theme(report)  # the catalogue structure is read once per process, before
    report_theme(report=report, theme=theme)  # the organisations are kept from now on
    with CaptureQueriesContext(connection) as queries:
        report_theme(report=report, theme=theme)
    assert len(queries.captured_queries) == 7
    assert all(q["sql"].startswith("SELECT") for q in queries.captured_queries)


def test_bedragen_blijven_tekst_in_de_figures(report, rapporteur_friesland):
    """Figures are stored as text (Dutch decimals are parsed on input); JSON keeps them so."""
    answer = Answer.objects.filter(report=report, indicator__theme__key="acuut").first()
    Answer.objects.filter(pk=answer.pk).update(figures={"bedrag": str(Decimal("1234.50"))})
    view = report_theme(report=report, theme=_theme(report))
    read = next(a for e in view.elements for a in e.answers if a.pk == answer.pk)
    assert read.figures == {"bedrag": "1234.50"}


@pytest.fixture
def reports_everywhere(catalogue_2021, rapporteur_friesland, regions):
    """A concept and a finalised report in Friesland (Noord-Nederland) and in Utrecht."""
    made = []
    for code in ("friesland", "utrecht"):
        for period, status in (("2024-H1", ReportStatus.VASTGESTELD), ("2025-H1", "concept")):
            made.append(
                Report.objects.create(
                    region=Region.objects.get(code=code),
                    period=period,
                    catalogue_version=catalogue_2021,
                    status=status,
                )
            )
    return made


def test_een_rapportage_zien_volgt_dezelfde_regel_als_de_lijst(reports_everywhere, make_user):
    """report_visible writes the rule of reports_visible out: they must agree everywhere."""
    friesland = Region.objects.get(code="friesland")
    users = [
        make_user(Role.RAPPORTEUR, region=friesland),
        make_user(Role.NETWERKLID, network=friesland.network),
        make_user(Role.LANDELIJK),
        make_user(Role.BEHEERDER),
        make_user(),
    ]
    seen = []
    for user in users:
        scope = scope_for_user(user)
        listed = set(reports_visible(scope=scope).values_list("pk", flat=True))
        for report in reports_everywhere:
            try:
                found = report_visible(scope=scope, report_id=report.pk)
            except Report.DoesNotExist:
                found = None
            assert (found is not None) == (report.pk in listed), (user, report)
            seen.append(found is not None)
    assert True in seen
    assert False in seen


def test_een_rapportage_komt_met_regio_en_catalogusversie(report, rapporteur_friesland):
    scope = scope_for_user(rapporteur_friesland)
    with CaptureQueriesContext(connection) as queries:
        found = report_visible(scope=scope, report_id=report.pk)
        names = (found.region.name, found.catalogue_version.slug, found.status, found.period)
    assert len(queries.captured_queries) == 1
    assert names == ("Friesland", report.catalogue_version.slug, "concept", report.period)
    assert found.catalogue_version.loaded_at == report.catalogue_version.loaded_at


def test_een_onbekende_rapportage_bestaat_niet(rapporteur_friesland):
    with pytest.raises(Report.DoesNotExist):
        report_visible(scope=scope_for_user(rapporteur_friesland), report_id=987654)


def test_autosave_leest_rapportage_antwoord_en_partners_samen(report, rapporteur_friesland):
    answer = Answer.objects.filter(report=report).first()
    scope = scope_for_user(rapporteur_friesland)
    with CaptureQueriesContext(connection) as queries:
        found, read, partners = report_answer_visible(
            scope=scope, report_id=report.pk, answer_id=answer.pk
        )
    assert len(queries.captured_queries) == 3
    assert (found.pk, read.pk, read.report.pk) == (report.pk, answer.pk, report.pk)
    assert partners == list(Organisation.objects.order_by("position", "name"))


def test_autosave_geen_antwoord_van_een_andere_rapportage(reports_everywhere, make_user):
    friesland_concept, utrecht_concept = reports_everywhere[1], reports_everywhere[3]
    answer = Answer.objects.create(
        report=utrecht_concept, indicator=friesland_concept.catalogue_version.indicators.first()
    )
    scope = scope_for_user(make_user(Role.RAPPORTEUR, region=friesland_concept.region))
    with pytest.raises(Answer.DoesNotExist):
        report_answer_visible(scope=scope, report_id=friesland_concept.pk, answer_id=answer.pk)
    with pytest.raises(Report.DoesNotExist):
        report_answer_visible(scope=scope, report_id=utrecht_concept.pk, answer_id=answer.pk)
