"""Inviting many people from a file: a preview with an error per row, then all or none."""

import io
import re
import zipfile

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse
from openpyxl import Workbook

from werkset.accounts.audit import AccountAuditAction
from werkset.accounts.models import Invitation, Role
from werkset.core.models import AuditEvent
from werkset.outputs.upload_limits import MAX_SHEET_ROWS

pytestmark = pytest.mark.django_db

HEADER = "voornaam;achternaam;e-mail;organisatie;rol;regio-of-netwerk"
GOOD_ROWS = [
    "Anna;de Vries;anna@example.nl;;rapporteur;friesland",
    "Bram;Jansen;bram@example.nl;;netwerklid;noord-nederland",
    "Cor;Bakker;cor@example.nl;;rapporteur;netwerk:noord-nederland",
]


def csv_file(*rows: str) -> SimpleUploadedFile:
    text = "\n".join([HEADER, *rows]) + "\n"
    return SimpleUploadedFile("mensen.csv", text.encode("utf-8-sig"), "text/csv")


def upload(client, upload_file):
    return client.post(reverse("invite_bulk"), {"file": upload_file})


def payload(response) -> str:
    match = re.search(r'name="payload" value="([^"]+)"', response.content.decode())
    assert match, "no confirm form"
    return match.group(1)


@pytest.fixture
def coordinator_noord(make_user, noord_nederland):
    return make_user(Role.COORDINATOR, network=noord_nederland)


def test_a_good_file_is_previewed_then_everyone_is_invited(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    client = client_for(beheerder)
    preview = upload(client, csv_file(*GOOD_ROWS))
    assert preview.status_code == 200
    assert "3 mensen worden uitgenodigd" in preview.content.decode()
    assert not Invitation.objects.exists()
    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(reverse("invite_bulk"), {"payload": payload(preview)})
    assert done.status_code == 302
    assert Invitation.objects.count() == 3
    assert sorted(e[0] for e in smtp_server.envelopes) == [
        "anna@example.nl",
        "bram@example.nl",
        "cor@example.nl",
    ]
    assert AuditEvent.objects.filter(action=AccountAuditAction.INVITATIONS_IMPORTED).exists()


def test_one_bad_row_shows_its_error_and_writes_nothing(
    beheerder, client_for, smtp_server, django_capture_on_commit_callbacks
):
    client = client_for(beheerder)
    with django_capture_on_commit_callbacks(execute=True):
        preview = upload(
            client, csv_file(*GOOD_ROWS, "Dirk;Smit;dirk@example.nl;;rapporteur;atlantis")
        )
    assert preview.status_code == 400
    page = preview.content.decode()
    assert "Rij 5" in page
    assert "Onbekende regio" in page
    assert 'name="payload"' not in page
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_a_tampered_confirmation_is_refused(beheerder, client_for):
    response = client_for(beheerder).post(reverse("invite_bulk"), {"payload": "onzin"})
    assert response.status_code == 302
    assert not Invitation.objects.exists()


def test_rows_that_became_wrong_before_confirming_write_nothing(
    beheerder, client_for, make_user, smtp_server, django_capture_on_commit_callbacks
):
    client = client_for(beheerder)
    preview = upload(client, csv_file(*GOOD_ROWS))
    someone = make_user()
    someone.email = "cor@example.nl"
    someone.save()
    with django_capture_on_commit_callbacks(execute=True):
        again = client.post(reverse("invite_bulk"), {"payload": payload(preview)})
    assert again.status_code == 400
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_a_coordinator_s_file_may_not_reach_another_network(coordinator_noord, client_for):
    preview = upload(
        client_for(coordinator_noord),
        csv_file(GOOD_ROWS[0], "Eva;Mol;eva@example.nl;;rapporteur;utrecht"),
    )
    assert preview.status_code == 400
    assert "U mag deze rol niet geven" in preview.content.decode()


def test_the_same_address_twice_is_an_error(beheerder, client_for):
    preview = upload(client_for(beheerder), csv_file(GOOD_ROWS[0], GOOD_ROWS[0]))
    assert preview.status_code == 400
    assert "twee keer" in preview.content.decode()


def test_an_excel_workbook_is_read(beheerder, client_for):
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(HEADER.split(";"))
    for row in GOOD_ROWS:
        sheet.append(row.split(";"))
    data = io.BytesIO()
    workbook.save(data)
    preview = upload(
        client_for(beheerder),
        SimpleUploadedFile(
            "mensen.xlsx",
            data.getvalue(),
            "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
        ),
    )
    assert preview.status_code == 200
    assert "bram@example.nl" in preview.content.decode()


def test_another_kind_of_file_is_refused(beheerder, client_for):
    response = upload(
        client_for(beheerder), SimpleUploadedFile("mensen.pdf", b"%PDF-1.7", "application/pdf")
    )
    assert response.status_code == 400
    assert 'href="#id_file"' in response.content.decode()


def test_a_file_without_the_columns_is_refused(beheerder, client_for):
    response = upload(
        client_for(beheerder),
        SimpleUploadedFile("mensen.csv", b"naam,adres\nAnna,ergens\n", "text/csv"),
    )
    assert response.status_code == 400
    assert "ontbreekt" in response.content.decode()


def test_a_file_over_the_upload_limit_is_refused(beheerder, client_for, settings):
    settings.WERKSET_UPLOAD_MAX_MB = 1
    big = HEADER + "\n" + ("x" * 1000 + "\n") * 1100
    response = upload(
        client_for(beheerder), SimpleUploadedFile("mensen.csv", big.encode(), "text/csv")
    )
    assert response.status_code == 400
    assert "te groot" in response.content.decode()


def test_a_long_sheet_hidden_under_another_name_is_refused_before_reading(beheerder, client_for):
    """The workbook limits guard this import too: a sheet stored as sheet1.bin, which
    openpyxl reads all the same, is counted and refused as the .xml one is."""
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Mensen")
    sheet.append(HEADER.split(";"))
    for number in range(MAX_SHEET_ROWS + 100):
        sheet.append(
            ["Anna", "de Vries", f"anna{number}@example.nl", "", "rapporteur", "friesland"]
        )
    data = io.BytesIO()
    workbook.save(data)
    with zipfile.ZipFile(data) as source:
        parts = {info.filename: source.read(info) for info in source.infolist()}
    for name in ("xl/_rels/workbook.xml.rels", "[Content_Types].xml"):
        parts[name] = parts[name].replace(b"worksheets/sheet1.xml", b"worksheets/sheet1.bin")
    parts["xl/worksheets/sheet1.bin"] = parts.pop("xl/worksheets/sheet1.xml")
    renamed = io.BytesIO()
    with zipfile.ZipFile(renamed, "w", zipfile.ZIP_DEFLATED) as target:
        for name, content in parts.items():
            target.writestr(name, content)

    response = upload(client_for(beheerder), SimpleUploadedFile("mensen.xlsx", renamed.getvalue()))

    assert response.status_code == 400
    assert f"meer dan {MAX_SHEET_ROWS} rijen" in response.content.decode()
    assert not Invitation.objects.exists()


@pytest.mark.parametrize(
    "text",
    [
        "Anna;de Vries;anna@example.nl;;rapporteur;" + "x" * 200_000,  # over the csv limit
        '"Anna;de Vries;anna@example.nl;;rapporteur;friesland\n' + "x" * 200_000,  # no end quote
    ],
)
def test_a_csv_file_the_csv_module_cannot_read_gives_a_form_error(beheerder, client_for, text):
    """csv.Error ('field larger than field limit') was a 500."""
    response = upload(
        client_for(beheerder),
        SimpleUploadedFile("mensen.csv", (HEADER + "\n" + text).encode(), "text/csv"),
    )
    assert response.status_code == 400
    assert 'href="#id_file"' in response.content.decode()
    assert not Invitation.objects.exists()


def test_every_too_long_or_invisible_cell_of_a_row_is_named_in_the_preview(
    beheerder, client_for, smtp_server
):
    """A 5,000-character first name was stored in a 150-character column and mailed; a
    NUL too. Each cell gets its own message; nothing can be confirmed."""
    client = client_for(beheerder)
    long_address = "a" * 250 + "@example.nl"
    preview = upload(
        client,
        csv_file(
            GOOD_ROWS[0],
            "P" * 5000 + ";de\x00Vries;" + long_address + ";" + "o" * 300 + ";rapporteur;friesland",
            "Bram;Jansen;bram@example.nl;;netwerklid;noord\x07-nederland",
        ),
    )
    assert preview.status_code == 400
    page = preview.content.decode()
    assert 'name="payload"' not in page
    start = page.index("error-summary-title")
    errors = page[start : page.index("</ul>", start)]
    for label in ("Voornaam: ", "Achternaam: ", "E-mailadres: ", "Organisatie: "):
        assert label in errors
    assert "5000" in errors
    assert "150" in errors
    assert "Regio of netwerk: " in errors
    assert errors.count('href="#rij-3"') == 4
    assert errors.count('href="#rij-4"') == 1
    assert not Invitation.objects.exists()
    assert smtp_server.messages == []


def test_a_row_over_a_column_length_cannot_be_confirmed_either(beheerder, client_for):
    """The confirmation checks the rows again, with the same rule."""
    from django.core import signing

    client = client_for(beheerder)
    rows = [
        {
            "voornaam": "P" * 151,
            "achternaam": "de Vries",
            "e-mail": "anna@example.nl",
            "organisatie": "",
            "rol": "rapporteur",
            "regio-of-netwerk": "friesland",
        }
    ]
    forged = signing.dumps(rows, salt=f"werkset.accounts.bulk:{beheerder.pk}", compress=True)
    response = client.post(reverse("invite_bulk"), {"payload": forged})
    assert response.status_code == 400
    assert "Voornaam: " in response.content.decode()
    assert not Invitation.objects.exists()
