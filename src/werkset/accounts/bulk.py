"""Inviting many people from a CSV or Excel file: read, check every row, then all or none.

The file has a header row with the columns voornaam, achternaam, e-mail, organisatie, rol
and regio-of-netwerk (the order is free). A role is named by its value (rapporteur,
netwerklid, vaststeller, coordinator, landelijk, beheerder); the region or network by its
code, as in the roles claim of single sign-on: a region for a rapporteur, `netwerk:<code>`
for the rapporteur of a network's own report, a network for the network roles. Each row is
checked as the invitation form checks it (accounts/invitations.py); the preview lists an
error per row, and only a file without errors can be confirmed.
"""

import csv
import io
from dataclasses import dataclass, field

from django.core.exceptions import ValidationError
from django.db.models import Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from werkset.outputs.problems import ImportRefused
from werkset.outputs.upload_limits import upload_size_check, workbook_limits_check
from werkset.regions.models import Organisation, Region, RegionalNetwork

from .invitations import (
    TEXT_FIELDS,
    InvitationData,
    email_normalise,
    invitation_check,
    text_max_length,
    text_problem,
)
from .models import NETWORK_ROLES, Role, User
from .services import NETWORK_CLAIM_PREFIX

MAX_ROWS = 500
COLUMNS = ("voornaam", "achternaam", "e-mail", "organisatie", "rol", "regio-of-netwerk")
ALIASES = {
    "email": "e-mail",
    "e-mailadres": "e-mail",
    "regio of netwerk": "regio-of-netwerk",
    "regio": "regio-of-netwerk",
    "netwerk": "regio-of-netwerk",
}
# The columns the invitation stores, checked by its own rule (invitations.text_problem).
STORED_COLUMNS = {"voornaam": "first_name", "achternaam": "last_name", "e-mail": "email"}
# The other columns only name an organisation, role, region or network: never longer than
# an organisation's name.
LOOKUP_COLUMNS = {
    "organisatie": gettext_lazy("Organisation"),
    "rol": gettext_lazy("Role"),
    "regio-of-netwerk": gettext_lazy("Region or network"),
}
LOOKUP_MAX_LENGTH = int(Organisation._meta.get_field("name").max_length or 0)


@dataclass
class BulkRow:
    number: int
    values: dict[str, str]
    data: InvitationData | None = None
    errors: list[str] = field(default_factory=list)


def _refused_message(error: ImportRefused) -> str:
    return " ".join(problem.message for problem in error.errors) or str(error)


def _header(cell: str) -> str:
    name = " ".join(str(cell or "").strip().lower().split())
    return ALIASES.get(name, name)


def rows_read(*, name: str, data: bytes) -> list[dict[str, str]]:
    """The file's rows as column → text, after the upload limits; a Dutch error otherwise."""
    try:
        if name.lower().endswith(".xlsx"):
            workbook_limits_check(data)
            table = _xlsx_table(data)
        elif name.lower().endswith(".csv"):
            upload_size_check(len(data))
            table = _csv_table(data)
        else:
            raise ValidationError(_("Upload a CSV file (.csv) or an Excel workbook (.xlsx)."))
    except ImportRefused as error:
        raise ValidationError(_refused_message(error)) from error
    table = [row for row in table if any(str(cell or "").strip() for cell in row)]
    if not table:
        raise ValidationError(_("The file is empty."))
    header = [_header(cell) for cell in table[0]]
    missing = [column for column in COLUMNS if column not in header]
    if missing:
        raise ValidationError(
            _("The first row must name the columns %(columns)s; missing: %(missing)s.")
            % {"columns": ", ".join(COLUMNS), "missing": ", ".join(missing)}
        )
    body = table[1:]
    if not body:
        raise ValidationError(_("The file has no rows below the column names."))
    if len(body) > MAX_ROWS:
        raise ValidationError(
            _("The file has %(count)s rows; at most %(max)s people can be invited at once.")
            % {"count": len(body), "max": MAX_ROWS}
        )
    return [
        {
            column: str(row[header.index(column)] or "").strip()
            if header.index(column) < len(row)
            else ""
            for column in COLUMNS
        }
        for row in body
    ]


def _csv_table(data: bytes) -> list[list[str]]:
    try:
        text = data.decode("utf-8-sig")
    except UnicodeDecodeError:
        text = data.decode("cp1252", errors="replace")
    first_line = text.split("\n", 1)[0]
    delimiter = ";" if first_line.count(";") > first_line.count(",") else ","
    try:
        return [list(row) for row in csv.reader(io.StringIO(text), delimiter=delimiter)]
    except csv.Error as error:
        # A field over the csv module's limit (128 KB), as an unclosed quotation mark makes.
        raise ValidationError(
            _(
                "This CSV file could not be read: check that every quotation mark is closed "
                "and that no cell is very long."
            )
        ) from error


def _xlsx_table(data: bytes) -> list[list[str]]:
    from openpyxl import load_workbook

    try:
        workbook = load_workbook(io.BytesIO(data), read_only=True, data_only=True)
    except Exception as error:
        raise ValidationError(_("The workbook could not be read.")) from error
    try:
        sheet = workbook.worksheets[0]
        return [
            ["" if cell is None else str(cell) for cell in row]
            for row in sheet.iter_rows(values_only=True)
        ]
    finally:
        workbook.close()


def _organisation(text: str) -> Organisation | None:
    if not text:
        return None
    return (
        Organisation.objects.filter(
            Q(code__iexact=text) | Q(short_name__iexact=text) | Q(name__iexact=text)
        )
        .order_by("position")
        .first()
    )


def _role(text: str) -> str | None:
    wanted = text.strip().lower()
    for value, label in Role.choices:
        if wanted in {value, str(label).lower()}:
            return str(value)
    return None


def scope_from_text(
    *, role: str, text: str
) -> tuple[Region | None, RegionalNetwork | None, str | None]:
    """Region and network from a code, as the roles claim names them; or an error."""
    code = text.strip().lower()
    if role in (Role.LANDELIJK, Role.BEHEERDER):
        if code:
            return None, None, _("This role is national: leave the region or network empty.")
        return None, None, None
    if not code:
        return None, None, _("Name the region or the network.")
    if role == Role.RAPPORTEUR and code.startswith(NETWORK_CLAIM_PREFIX):
        network = RegionalNetwork.objects.filter(code=code.removeprefix(NETWORK_CLAIM_PREFIX))
        found = network.first()
        return None, found, None if found else _("Unknown network '%(code)s'.") % {"code": text}
    if role in NETWORK_ROLES:
        found = RegionalNetwork.objects.filter(code=code).first()
        return None, found, None if found else _("Unknown network '%(code)s'.") % {"code": text}
    region = Region.objects.filter(code=code).first()
    return region, None, None if region else _("Unknown region '%(code)s'.") % {"code": text}


def _cell_problems(values: dict[str, str]) -> list[str]:
    """Every cell too long or with a control character, each with its own message; the
    stored columns by the invitation's rule and column lengths, so the preview shows what
    the confirmation would refuse."""
    problems = []
    for column, name in STORED_COLUMNS.items():
        label = str(TEXT_FIELDS[name])
        limit = text_max_length(name)
        if problem := text_problem(label=label, text=values[column], max_length=limit):
            problems.append(problem)
    for column, lookup_label in LOOKUP_COLUMNS.items():
        if problem := text_problem(
            label=str(lookup_label), text=values[column], max_length=LOOKUP_MAX_LENGTH
        ):
            problems.append(problem)
    return problems


def rows_check(*, rows: list[dict[str, str]], invited_by: User) -> list[BulkRow]:
    """Every row checked as a single invitation would be, with its errors."""
    checked = []
    seen: set[str] = set()
    for number, values in enumerate(rows, start=2):  # row 1 names the columns
        row = BulkRow(number=number, values=values)
        checked.append(row)
        row.errors = _cell_problems(values)
        if row.errors:
            continue
        role = _role(values["rol"])
        if role is None:
            row.errors.append(_("Unknown role '%(role)s'.") % {"role": values["rol"]})
            continue
        organisation = _organisation(values["organisatie"])
        if values["organisatie"] and organisation is None:
            row.errors.append(
                _("Unknown organisation '%(name)s'.") % {"name": values["organisatie"]}
            )
        region, network, scope_error = scope_from_text(role=role, text=values["regio-of-netwerk"])
        if scope_error:
            row.errors.append(scope_error)
        email = email_normalise(values["e-mail"])
        if email and email in seen:
            row.errors.append(_("This e-mail address is in the file twice."))
        seen.add(email)
        if row.errors:
            continue
        data = InvitationData(
            email=email,
            first_name=values["voornaam"],
            last_name=values["achternaam"],
            organisation=organisation,
            role=role,
            region=region,
            network=network,
        )
        try:
            invitation_check(data=data, invited_by=invited_by)
        except ValidationError as error:
            row.errors.extend(error.messages)
        else:
            row.data = data
    return checked
