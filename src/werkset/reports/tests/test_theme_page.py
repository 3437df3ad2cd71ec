"""The theme page's widgets (answer forms, running texts, comments, practice items and quotes,
Jinja2 partials in reports/jinja2/reports/, ADR 0015) as a browser gets them: labels tied to
their controls, fieldsets with legends, errors announced and described, values escaped."""

import random
from html.parser import HTMLParser
from types import SimpleNamespace

import pytest
from django.template import engines
from django.urls import reverse
from django.utils import translation

from werkset.catalogue.structure import catalogue_structure
from werkset.demo.content import demo_answer
from werkset.reports.models import (
    Answer,
    Comment,
    PracticeItem,
    PracticeKind,
    Quote,
    SectionText,
)
from werkset.reports.theme_page import ThemePage
from werkset.reports.workflow import report_transition

pytestmark = pytest.mark.django_db


class Page(HTMLParser):
    """What a page's structure says to assistive technology: controls and their labels,
    fieldsets and their legends, the ids that aria-describedby and links point to."""

    def __init__(self, html: str) -> None:
        super().__init__(convert_charrefs=True)
        self.ids: list[str] = []
        self.controls: list[dict[str, str | None]] = []
        self.labelled: set[str] = set()
        self.described_by: list[str] = []
        self.anchors: list[str] = []
        self.fieldsets = 0
        self.fieldsets_with_legend = 0
        self._after_fieldset = False
        self.feed(html)
        self.close()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if values.get("id"):
            self.ids.append(str(values["id"]))
        if self._after_fieldset:
            self.fieldsets_with_legend += tag == "legend"
            self._after_fieldset = False
        if tag == "fieldset":
            self.fieldsets += 1
            self._after_fieldset = True
        if tag == "label" and values.get("for"):
            self.labelled.add(str(values["for"]))
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append({"tag": tag, **values})
        if values.get("aria-describedby"):
            self.described_by.append(str(values["aria-describedby"]))
        if tag == "a" and str(values.get("href") or "").startswith("#"):
            self.anchors.append(str(values["href"])[1:])

    def unlabelled(self) -> list[str]:
        return [str(c.get("id")) for c in self.controls if c.get("id") not in self.labelled]


@pytest.fixture
def answered(report):
    """The report with an answer to every indicator of the 2021 catalogue (every answer
    type: choices, amounts, hours, euros, frequencies, single and multiple choice fields)."""
    rng = random.Random(3)
    structure = catalogue_structure(version=report.catalogue_version)
    for answer in Answer.objects.filter(report=report):
        content = demo_answer(structure.indicator_by_id[answer.indicator_id], rng)
        Answer.objects.filter(pk=answer.pk).update(
            choice=content.choice,
            explanation=content.explanation,
            figures=content.figures,
            perspectives={"vt": "Volgens VT klopt het."},
            revision=1,
        )
    return report


def theme_page(client, report, theme_key: str) -> str:
    response = client.get(reverse("reports:theme", args=[report.pk, theme_key]))
    assert response.status_code == 200
    return response.content.decode()


def all_theme_pages(client, report) -> list[str]:
    themes = catalogue_structure(version=report.catalogue_version).themes
    return [theme_page(client, report, theme.key) for theme in themes]


def test_elk_invoerveld_van_elk_antwoordtype_heeft_een_label(
    client_for, rapporteur_friesland, answered
):
    pages = [Page(html) for html in all_theme_pages(client_for(rapporteur_friesland), answered)]
    controls = [control for page in pages for control in page.controls]
    # every kind of control the answer types make is on these pages
    assert {"numeric", "decimal"} <= {c.get("inputmode") for c in controls}
    assert {"radio", "checkbox"} <= {c.get("type") for c in controls}
    assert any(str(c.get("name")).startswith("field-") for c in controls if c["tag"] == "select")
    assert [page.unlabelled() for page in pages] == [[] for _ in pages]


def test_elke_fieldset_heeft_een_legend_en_elk_id_is_uniek(
    client_for, rapporteur_friesland, answered
):
    for html in all_theme_pages(client_for(rapporteur_friesland), answered):
        page = Page(html)
        assert page.fieldsets > 0
        assert page.fieldsets_with_legend == page.fieldsets
        assert len(page.ids) == len(set(page.ids))


def test_een_fout_staat_bij_het_veld_en_in_de_samenvatting(
    client_for, rapporteur_friesland, report
):
    answer = Answer.objects.get(report=report, indicator__key="acuut.uitvoering.crisismeldingen")
    url = reverse("reports:answer_save", args=[report.pk, answer.pk])
    response = client_for(rapporteur_friesland).post(
        url, {"base_revision": "0", "field-aantal": "veel", "explanation": "x" * 20_001}
    )
    html = response.content.decode()
    page = Page(html)
    assert response.status_code == 400
    sid = f"antwoord-{answer.pk}"
    assert f'id="{sid}-field-aantal-error"' in html
    assert f'aria-invalid="true" aria-describedby="{sid}-field-aantal-error"' in html
    assert f'aria-describedby="{sid}-explanation-error"' in html
    assert f"{sid}-explanation-error" in page.ids
    assert set(page.described_by) <= set(page.ids)
    assert 'role="alert"' in html
    # the error summary links to the fields in error
    assert {f"{sid}-field-aantal", f"{sid}-explanation"} <= set(page.anchors)
    assert {f"{sid}-field-aantal", f"{sid}-explanation"} <= set(page.ids)


def test_een_conflict_toont_de_opgeslagen_tekst_in_het_formulier(
    client_for, rapporteur_friesland, second_rapporteur, report
):
    answer = Answer.objects.get(
        report=report, indicator__key="acuut.ontwikkel.voorlichting-politie"
    )
    url = reverse("reports:answer_save", args=[report.pk, answer.pk])
    client_for(rapporteur_friesland).post(url, {"base_revision": "0", "explanation": "Hun <tekst>"})
    response = client_for(second_rapporteur).post(
        url, {"base_revision": "0", "explanation": "Mijn tekst"}
    )
    html = response.content.decode()
    form = html[html.index(f'<form id="antwoord-{answer.pk}"') :]
    form = form[: form.index("</form>")]
    assert response.status_code == 409
    assert '<div class="conflict" role="alert" tabindex="-1" data-focus-on-load>' in form
    assert "<p>Hun &lt;tekst&gt;</p>" in form
    assert ">Mijn tekst</textarea>" in form


def test_revisie_staat_zonder_duizendtalpunt_in_het_formulier(
    client_for, rapporteur_friesland, report
):
    answer = Answer.objects.filter(report=report, indicator__theme__key="acuut").first()
    Answer.objects.filter(pk=answer.pk).update(revision=1234)
    html = theme_page(client_for(rapporteur_friesland), report, "acuut")
    form = html[html.index(f'id="antwoord-{answer.pk}"') :]
    assert 'name="base_revision" value="1234"' in form[: form.index("</form>")]


def test_toelichting_wordt_ontsnapt_en_blijft_leesbaar(client_for, rapporteur_friesland, report):
    answer = Answer.objects.filter(report=report, indicator__theme__key="acuut").first()
    Answer.objects.filter(pk=answer.pk).update(explanation='Wij & zij <script>"x"</script>')
    html = theme_page(client_for(rapporteur_friesland), report, "acuut")
    assert "Wij &amp; zij &lt;script&gt;&#34;x&#34;&lt;/script&gt;" in html
    assert '<script>"x"' not in html


def test_lezer_ziet_antwoorden_als_tekst_met_geschiedenis(client_for, netwerklid_noord, answered):
    answer = Answer.objects.filter(report=answered, indicator__theme__key="acuut").first()
    html = theme_page(client_for(netwerklid_noord), answered, "acuut")
    assert "<form" not in html[html.index('<ol class="indicator-list">') :]
    assert f'<div class="answer answer--read" id="antwoord-{answer.pk}">' in html
    assert "<dt>Wat Veilig Thuis zegt</dt><dd>Volgens VT klopt het.</dd>" in html
    assert reverse("reports:answer_history", args=[answered.pk, answer.pk]) in html


def test_lopende_tekst_is_een_formulier_voor_de_rapporteur_en_tekst_voor_de_lezer(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    theme = report.catalogue_version.themes.get(key="acuut")
    SectionText.objects.create(report=report, theme=theme, text="**Sterk** begin", revision=3)
    own = theme_page(client_for(rapporteur_friesland), report, "acuut")
    assert '<label for="tekst-thema-text">' in own
    assert 'id="tekst-thema-text"' in own
    assert 'name="base_revision" value="3"' in own
    other = theme_page(client_for(netwerklid_noord), report, "acuut")
    assert 'id="tekst-thema-text"' not in other
    assert '<div class="running-text"><p><strong>Sterk</strong> begin</p>' in other


def test_in_bespreking_heeft_elk_antwoord_een_commentaarformulier(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    html = theme_page(client_for(netwerklid_noord), report, "acuut")
    answers = Answer.objects.filter(report=report, indicator__theme__key="acuut").count()
    assert html.count('name="answer" value="') == answers
    page = Page(html)
    assert page.unlabelled() == []


def test_de_rapporteur_lost_commentaar_op_met_een_gelabeld_veld(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    answer = Answer.objects.filter(report=report, indicator__theme__key="acuut").first()
    comment = Comment.objects.create(
        report=report,
        theme=answer.indicator.theme,
        answer=answer,
        author=netwerklid_noord,
        author_name="Noor",
        text="Klopt <dit>?\nGraag bron",
    )
    html = theme_page(client_for(rapporteur_friesland), report, "acuut")
    assert "<p>Klopt &lt;dit&gt;?<br>Graag bron</p>" in html
    assert f'<label for="resolution-{comment.pk}">' in html
    assert reverse("reports:comment_resolve", args=[report.pk, comment.pk]) in html


def test_het_antwoordnummer_in_het_commentaarformulier_heeft_geen_duizendtalpunt():
    """An answer id of 1000 or more was written as "1.152" by the template, which the
    comment view could not read back (a server error for every later report)."""
    answer = SimpleNamespace(pk=12345, indicator=SimpleNamespace(label="Inzet"))
    page = SimpleNamespace(
        report_id=1,
        theme_key="acuut",
        can_edit=False,
        can_comment=True,
        limits=ThemePage.limits,
        proposal_url=lambda pk: f"/rapportages/1/antwoord/{pk}/voorstel/",
    )
    partial = engines["jinja2"].get_template("reports/_comments.html")
    with translation.override("nl"):
        html = partial.render({"page": page, "comments": [], "answer": answer})
    assert '<input type="hidden" name="answer" value="12345">' in html
    assert 'id="comment-text-12345"' in html
    assert 'href="/rapportages/1/antwoord/12345/voorstel/"' in html


def test_commentaar_op_een_onbekend_antwoord_wordt_geweigerd_zonder_serverfout(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    report_transition(report=report, name="submit", user=rapporteur_friesland)
    client = client_for(netwerklid_noord)
    url = reverse("reports:comment_add", args=[report.pk])
    for value in ("1.152", "abc", "999999999"):
        response = client.post(url, {"answer": value, "kind": "opmerking", "text": "Klopt dit?"})
        assert response.status_code == 302
        assert response["Location"] == reverse("reports:detail", args=[report.pk])
    assert not Comment.objects.filter(report=report).exists()
    page = client.get(reverse("reports:detail", args=[report.pk])).content.decode()
    assert "Dit antwoord hoort niet bij de rapportage." in page


def test_praktijkvoorbeeld_en_citaat_veilig_en_met_wijziglink_voor_de_rapporteur(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    theme = catalogue_structure(version=report.catalogue_version).theme("acuut")
    item = PracticeItem.objects.create(
        report=report,
        theme=theme,
        kind=PracticeKind.CASE_REVIEW,
        title="Casus <script>",
        text="Het *overleg* liep.",
        source="Werkplan",
    )
    quote = Quote.objects.create(report=report, theme=theme, text="Eerste regel\ntweede & laatste")
    edit = reverse("reports:item_edit", args=[report.pk, "acuut", "praktijk", item.pk])
    page = theme_page(client_for(rapporteur_friesland), report, "acuut")
    assert f'<aside class="practice" aria-labelledby="praktijk-{item.pk}">' in page
    assert f'<h4 id="praktijk-{item.pk}">Casus &lt;script&gt;</h4>' in page
    assert "<em>overleg</em>" in page
    assert '<p class="practice__source">Bron: Werkplan</p>' in page
    assert f'href="{edit}"' in page
    assert "<blockquote>Eerste regel<br>tweede &amp; laatste</blockquote>" in page
    assert "Netwerklid (anoniem)" in page
    assert reverse("reports:item_edit", args=[report.pk, "acuut", "quote", quote.pk]) in page
    reader = theme_page(client_for(netwerklid_noord), report, "acuut")
    assert "Casus &lt;script&gt;" in reader
    assert f'href="{edit}"' not in reader
