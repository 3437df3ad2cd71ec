"""The answer and running-text forms that reports.widgets writes in Python (ADR 0011)."""

from html.parser import HTMLParser

import pytest
from django.urls import reverse

from werkset.reports.models import Answer, SectionText
from werkset.reports.services import report_transition

pytestmark = pytest.mark.django_db


class Fields(HTMLParser):
    """The ids of form controls and the targets of labels on a page."""

    def __init__(self) -> None:
        super().__init__()
        self.controls: list[str] = []
        self.labelled: set[str] = set()

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        values = dict(attrs)
        if tag == "label" and values.get("for"):
            self.labelled.add(str(values["for"]))
        if tag in ("input", "select", "textarea") and values.get("type") != "hidden":
            self.controls.append(str(values.get("id")))


def theme_page(client, report, theme_key: str) -> str:
    return client.get(reverse("reports:theme", args=[report.pk, theme_key])).content.decode()


def test_elk_invoerveld_van_een_themapagina_heeft_een_label(
    client_for, rapporteur_friesland, report
):
    client = client_for(rapporteur_friesland)
    for theme in report.catalogue_version.themes.all():
        fields = Fields()
        fields.feed(theme_page(client, report, theme.key))
        assert fields.controls
        assert [c for c in fields.controls if c not in fields.labelled] == []


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
    assert "Wij &amp; zij &lt;script&gt;&quot;x&quot;&lt;/script&gt;" in html
    assert '<script>"x"' not in html


def test_lopende_tekst_is_een_formulier_voor_de_rapporteur_en_tekst_voor_de_lezer(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    theme = report.catalogue_version.themes.get(key="acuut")
    SectionText.objects.create(report=report, theme=theme, text="**Sterk** begin", revision=3)
    own = theme_page(client_for(rapporteur_friesland), report, "acuut")
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


def test_het_antwoordnummer_in_het_commentaarformulier_heeft_geen_duizendtalpunt():
    """An answer id of 1000 or more was written as "1.152" by the template, which the
    comment view could not read back (a server error for every later report)."""
    from types import SimpleNamespace

    from django.utils import translation

    from werkset.reports.widgets import Discussion, comments_html

    answer = SimpleNamespace(pk=12345, indicator=SimpleNamespace(label="Inzet"))
    discussion = Discussion(
        report_id=1, theme_key="acuut", can_edit=False, can_comment=True, csrf_token="t"
    )
    with translation.override("nl"):
        html = comments_html(comments=[], answer=answer, discussion=discussion)
    assert '<input type="hidden" name="answer" value="12345">' in html
    assert 'id="comment-text-12345"' in html


def test_commentaar_op_een_onbekend_antwoord_wordt_geweigerd_zonder_serverfout(
    client_for, rapporteur_friesland, netwerklid_noord, report
):
    from werkset.reports.models import Comment

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
    from werkset.catalogue.structure import catalogue_structure
    from werkset.reports.models import PracticeItem, PracticeKind, Quote

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
    assert "Casus &lt;script&gt;" in page
    assert "<em>overleg</em>" in page
    assert '<p class="practice__source">Bron: Werkplan</p>' in page
    assert f'href="{edit}"' in page
    assert "<blockquote>Eerste regel<br>tweede &amp; laatste</blockquote>" in page
    assert "Netwerklid (anoniem)" in page
    assert reverse("reports:item_edit", args=[report.pk, "acuut", "quote", quote.pk]) in page
    reader = theme_page(client_for(netwerklid_noord), report, "acuut")
    assert "Casus &lt;script&gt;" in reader
    assert f'href="{edit}"' not in reader
