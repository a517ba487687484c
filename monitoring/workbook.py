"""Agencies (OPD) report a year through a spreadsheet: the template they download and the
upload that is checked row by row before anything is saved.

The template has one sheet per kind of report (indicators, budget, status); column A holds
the record's key and is hidden. An upload is read into plain rows (``RowInput``), which a
preview keeps in the session; ``rows_check`` turns them into unsaved records or errors
in Indonesian, and ``rows_apply`` saves them all through the save service, or none.
"""

from __future__ import annotations

import io
import re
import uuid
from dataclasses import asdict, dataclass
from decimal import Decimal, InvalidOperation
from typing import IO, Any

from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils.translation import gettext as _
from django.utils.translation import override
from openpyxl import Workbook, load_workbook
from openpyxl.styles import Font, PatternFill
from openpyxl.worksheet.datavalidation import DataValidation

from masterplan.lib.spreadsheet import write_cell
from masterplan.lib.untrusted import MB, Refused, check_archive, read_capped
from masterplan.models import Agency, Plan
from masterplan.services import record_save
from monitoring.models import (
    BudgetRealisation,
    EvaluationLevel,
    IndicatorRealisation,
    ProgrammeReport,
    Status,
)
from monitoring.reporting import refusal, reporting_agency
from programs.models import BudgetLine, Indicator, IndicatorTarget, Programme

UPLOAD_MAX_BYTES = 5 * MB
MAX_ROWS = 5_000
INDICATORS, BUDGET, STATUS = "Indikator", "Anggaran", "Status"
HEADER = Font(bold=True)
INPUT = PatternFill("solid", fgColor="FFF9C4")


def _columns(year: int) -> dict[str, list[tuple[str, bool]]]:
    """(heading, filled in by the agency) per sheet; column A is the hidden key."""
    return {
        INDICATORS: [
            ("ID", False),
            ("Kode program", False),
            ("Program", False),
            ("Indikator", False),
            ("Satuan", False),
            ("Baseline", False),
            (f"Target {year}", False),
            (f"Realisasi {year}", True),
            ("Tautan bukti", True),
            ("Catatan", True),
        ],
        BUDGET: [
            ("ID", False),
            ("Kode program", False),
            ("Program", False),
            ("Kode sumber dana", False),
            ("Sumber dana", False),
            ("Rencana (Rp)", False),
            ("Pagu APBD (Rp)", True),
            ("Realisasi belanja (Rp)", True),
            ("Catatan", True),
        ],
        STATUS: [
            ("ID", False),
            ("Kode program", False),
            ("Program", False),
            ("Status", True),
            ("Alasan (wajib bila tertunda/dibatalkan)", True),
            ("Tingkat evaluasi", True),
            ("Catatan", True),
        ],
    }


# --- the template ------------------------------------------------------------------------


def agency_programmes(plan: Plan, agency: Agency | None):
    programmes = Programme.objects.filter(plan=plan).order_by("code")
    if agency is not None:
        programmes = programmes.filter(lead_agency=agency)
    return programmes


def template_workbook(plan: Plan, year: int, agency: Agency | None) -> bytes:
    """The XLSX an agency fills in: its programmes (as lead agency) with what the plan
    says for the year and what was reported so far."""
    programmes = list(agency_programmes(plan, agency))
    ids = [p.pk for p in programmes]
    indicators = list(
        Indicator.objects.filter(programme__in=ids)
        .select_related("programme")
        .order_by("programme__code", "order", "pk")
    )
    targets = dict(
        IndicatorTarget.objects.filter(indicator__in=indicators, year=year).values_list(
            "indicator_id", "value"
        )
    )
    realised = {
        r.indicator_id: r
        for r in IndicatorRealisation.objects.filter(indicator__in=indicators, year=year)
    }
    money = {
        (r.programme_id, r.funding_source_id): r
        for r in BudgetRealisation.objects.filter(programme__in=ids, year=year)
    }
    reports = {
        r.programme_id: r for r in ProgrammeReport.objects.filter(programme__in=ids, year=year)
    }
    sources = {s.pk: s for s in plan.framework.funding_sources.order_by("order")}
    planned: dict[tuple[int, int], int] = {}
    lines = BudgetLine.objects.filter(programme__in=ids, year=year).order_by("-status")
    for line in lines:
        if line.status in (BudgetLine.Status.BUDGETED, BudgetLine.Status.INDICATIVE):
            # budgeted sorts after indicative in "-status", so it wins
            planned[(line.programme_id, line.funding_source_id)] = line.amount

    with override("id"):
        workbook = Workbook()
        guide = workbook.active
        guide.title = "Petunjuk"
        lines_of_guide = [
            _("Implementation report %(year)s") % {"year": year},
            f"{plan.region.name} · {agency.name if agency else _('All agencies')}",
            _("Fill in the yellow columns only; do not change column A (hidden) or the codes."),
            _("Status: %(choices)s.") % {"choices": ", ".join(str(s.label) for s in Status)},
            _("Evaluation level: %(choices)s.")
            % {"choices": ", ".join(str(level.label) for level in EvaluationLevel)},
            _("Amounts as plain numbers or with dots (1.500.000); decimals with a comma."),
        ]
        for number, text in enumerate(lines_of_guide, start=1):
            write_cell(guide, number, 1, text).font = HEADER if number == 1 else Font()
        guide.column_dimensions["A"].width = 100
        columns = _columns(year)

        def sheet_for(title: str):
            sheet = workbook.create_sheet(title)
            for index, (heading, editable) in enumerate(columns[title], start=1):
                cell = write_cell(sheet, 1, index, heading)
                cell.font = HEADER
                if editable:
                    cell.fill = INPUT
            sheet.column_dimensions["A"].hidden = True
            sheet.column_dimensions["C"].width = 40
            sheet.freeze_panes = "B2"
            return sheet

        sheet = sheet_for(INDICATORS)
        sheet.column_dimensions["D"].width = 40
        for row, indicator in enumerate(indicators, start=2):
            done = realised.get(indicator.pk)
            values = [
                str(indicator.uuid),
                indicator.programme.code,
                indicator.programme.name,
                indicator.name,
                indicator.unit,
                indicator.baseline_value,
                targets.get(indicator.pk),
                done.value if done else None,
                done.evidence_link if done else "",
                done.note if done else "",
            ]
            for column, value in enumerate(values, start=1):
                write_cell(sheet, row, column, value)

        sheet = sheet_for(BUDGET)
        row = 2
        for programme in programmes:
            keys = {source for (p, source) in planned if p == programme.pk}
            keys |= {source for (p, source) in money if p == programme.pk}
            for source_id in sorted(keys, key=lambda pk: sources[pk].order):
                done = money.get((programme.pk, source_id))
                values = [
                    str(programme.uuid),
                    programme.code,
                    programme.name,
                    sources[source_id].code,
                    sources[source_id].name,
                    planned.get((programme.pk, source_id), 0),
                    done.allocated if done else None,
                    done.spent if done else None,
                    done.note if done else "",
                ]
                for column, value in enumerate(values, start=1):
                    write_cell(sheet, row, column, value)
                row += 1

        sheet = sheet_for(STATUS)
        status_choice = DataValidation(
            type="list", formula1='"' + ",".join(str(s.label) for s in Status) + '"'
        )
        level_choice = DataValidation(
            type="list", formula1='"' + ",".join(str(v.label) for v in EvaluationLevel) + '"'
        )
        sheet.add_data_validation(status_choice)
        sheet.add_data_validation(level_choice)
        for row, programme in enumerate(programmes, start=2):
            report = reports.get(programme.pk)
            values = [
                str(programme.uuid),
                programme.code,
                programme.name,
                report.get_status_display() if report else None,
                report.reason if report else "",
                report.get_evaluation_level_display()
                if report and report.evaluation_level
                else None,
                report.note if report else "",
            ]
            for column, value in enumerate(values, start=1):
                write_cell(sheet, row, column, value)
        if programmes:
            status_choice.add(f"D2:D{len(programmes) + 1}")
            level_choice.add(f"F2:F{len(programmes) + 1}")
        stream = io.BytesIO()
        workbook.save(stream)
    return stream.getvalue()


# --- reading an upload ---------------------------------------------------------------------


@dataclass(frozen=True)
class RowInput:
    sheet: str
    row: int
    key: str
    values: tuple  # the agency's columns, as text or numbers

    def as_json(self) -> dict:
        return {**asdict(self), "values": [_jsonable(v) for v in self.values]}

    @classmethod
    def from_json(cls, data: dict) -> RowInput:
        return cls(data["sheet"], data["row"], data["key"], tuple(data["values"]))


def _jsonable(value: Any) -> Any:
    if isinstance(value, Decimal):
        return str(value)
    if value is None or isinstance(value, int | float | str):
        return value
    return str(value)


def read_upload(upload: IO[bytes]) -> list[RowInput]:
    """The rows of an uploaded report with something filled in; ``Refused`` when the file
    is too large, damaged, or not our template."""
    data = read_capped(upload, UPLOAD_MAX_BYTES)
    stream = io.BytesIO(data)
    check_archive(stream)
    try:
        workbook = load_workbook(stream, read_only=True, data_only=True)
    except Exception as error:  # openpyxl raises many kinds on a file that is no workbook
        raise Refused(_("The file is not a spreadsheet (XLSX)."), code="not_xlsx") from error
    rows: list[RowInput] = []
    editable = {INDICATORS: 7, BUDGET: 6, STATUS: 3}  # first column the agency fills in
    widths = {INDICATORS: 3, BUDGET: 3, STATUS: 4}
    found = [name for name in editable if name in workbook.sheetnames]
    if not found:
        raise Refused(
            _("The file is not the monitoring template: it has no sheet %(names)s.")
            % {"names": ", ".join(editable)},
            code="not_template",
        )
    for name in found:
        for number, cells in enumerate(
            workbook[name].iter_rows(min_row=2, values_only=True), start=2
        ):
            if number > MAX_ROWS:
                raise Refused(
                    _("The sheet %(sheet)s has more than %(rows)s rows.")
                    % {"sheet": name, "rows": MAX_ROWS},
                    code="too_many_rows",
                )
            cells = tuple(cells) + (None,) * 12
            first = editable[name]
            values = tuple(_cleaned(v) for v in cells[first : first + widths[name]])
            key = str(_cleaned(cells[0]) or "")
            if name == BUDGET:
                key = f"{key}|{_cleaned(cells[3]) or ''}"
            if all(v in (None, "") for v in values):
                continue
            rows.append(RowInput(name, number, key, values))
    workbook.close()
    return rows


def _cleaned(value: Any) -> Any:
    if isinstance(value, str):
        value = value.strip()
        return value[:2000]
    if isinstance(value, float):
        return str(Decimal(str(value)))
    return value


_NUMBER = re.compile(r"^-?\d+([.,]\d+)*$")


def parse_number(value: Any) -> Decimal | None:
    """1500000, "1.500.000", "12,5", "Rp 1.500.000" -> Decimal; None when empty; ValueError."""
    if value in (None, ""):
        return None
    if isinstance(value, int | Decimal):
        return Decimal(value)
    text = str(value).replace("Rp", "").replace(" ", "").replace("\u00a0", "")
    if not _NUMBER.match(text):
        raise ValueError(text)
    if "," in text:
        text = text.replace(".", "").replace(",", ".")
    elif text.count(".") > 1 or re.search(r"\.\d{3}$", text):
        text = text.replace(".", "")
    try:
        return Decimal(text)
    except InvalidOperation as error:
        raise ValueError(text) from error


# --- checking and saving --------------------------------------------------------------------


@dataclass
class RowError:
    sheet: str
    row: int
    message: str


@dataclass
class Change:
    sheet: str
    row: int
    record: Any
    programme: Programme
    label: str
    before: str
    after: str


def _choice(value: Any, choices) -> str | None:
    text = str(value or "").strip().casefold()
    for choice in choices:
        if text in {choice.value.casefold(), str(choice.label).casefold()}:
            return choice.value
    return None


def _messages(error: ValidationError) -> str:
    if hasattr(error, "error_dict"):
        return "; ".join(str(m) for messages in error.message_dict.values() for m in messages)
    return "; ".join(str(m) for m in error.messages)


def rows_check(
    plan: Plan, year: int, rows: list[RowInput], *, user
) -> tuple[list[Change], list[RowError]]:
    """Every row as an unsaved record, or its errors (in Indonesian). Constant queries."""
    with override("id"):
        return _rows_check(plan, year, rows, user=user)


def _rows_check(plan, year, rows, *, user):
    changes: list[Change] = []
    errors: list[RowError] = []
    if year not in plan.years:
        return [], [
            RowError("", 0, _("The year %(year)s is not a year of the plan.") % {"year": year})
        ]
    keys = {row.key for row in rows}
    indicators = {
        str(i.uuid): i
        for i in Indicator.objects.filter(
            programme__plan=plan, uuid__in=_uuids(keys)
        ).select_related("programme__plan__region", "programme__dimension")
    }
    programmes = {
        str(p.uuid): p
        for p in Programme.objects.filter(plan=plan, uuid__in=_uuids(keys)).select_related(
            "plan__region", "dimension"
        )
    }
    sources = {s.code.casefold(): s for s in plan.framework.funding_sources.all()}
    realised = {
        r.indicator_id: r
        for r in IndicatorRealisation.objects.filter(indicator__programme__plan=plan, year=year)
    }
    money = {
        (r.programme_id, r.funding_source_id): r
        for r in BudgetRealisation.objects.filter(programme__plan=plan, year=year)
    }
    reports = {
        r.programme_id: r for r in ProgrammeReport.objects.filter(programme__plan=plan, year=year)
    }
    seen: set[tuple] = set()
    agency = reporting_agency(user, plan)

    def fail(row: RowInput, message: str) -> None:
        errors.append(RowError(row.sheet, row.row, message))

    for row in rows:
        if row.sheet == INDICATORS:
            indicator = indicators.get(row.key)
            if indicator is None:
                fail(row, _("Unknown indicator: do not change or delete column A."))
                continue
            programme = indicator.programme
            identity = (INDICATORS, indicator.pk)
        else:
            programme = programmes.get(row.key.split("|", 1)[0])
            if programme is None:
                fail(row, _("Unknown programme: do not change or delete column A."))
                continue
            identity = (row.sheet, programme.pk)
        refused = refusal(user, programme, agency)
        if refused:
            fail(row, refused)
            continue
        if row.sheet == INDICATORS:
            value, link, note = row.values
            try:
                number = parse_number(value)
            except ValueError:
                fail(row, _("The realisation “%(value)s” is not a number.") % {"value": value})
                continue
            if number is None:
                fail(row, _("Fill in the realisation, or leave the whole row empty."))
                continue
            record = realised.get(indicator.pk) or IndicatorRealisation(
                indicator=indicator, year=year
            )
            before = "" if record.pk is None else f"{record.value}"
            record.value, record.evidence_link, record.note = number, link or "", note or ""
            label = indicator.name
            after = f"{number}"
        elif row.sheet == BUDGET:
            allocated, spent, note = row.values
            source = sources.get(_source_code(row).casefold())
            if source is None:
                fail(row, _("Unknown funding source: do not change the column “Kode sumber dana”."))
                continue
            try:
                amounts = [parse_number(allocated), parse_number(spent)]
            except ValueError:
                fail(row, _("The budget and the spending must be amounts in Rupiah."))
                continue
            if any(a is not None and a != a.to_integral_value() for a in amounts):
                fail(row, _("Amounts in Rupiah have no decimals."))
                continue
            identity = (BUDGET, programme.pk, source.pk)
            record = money.get((programme.pk, source.pk)) or BudgetRealisation(
                programme=programme, year=year, funding_source=source
            )
            before = "" if record.pk is None else f"{record.allocated} / {record.spent}"
            record.allocated = int(amounts[0] or 0)
            record.spent = int(amounts[1] or 0)
            record.note = note or ""
            label = source.name
            after = f"{record.allocated} / {record.spent}"
        else:
            status_text, reason, level_text, note = row.values
            status = _choice(status_text, Status)
            if status is None:
                fail(
                    row,
                    _("Unknown status “%(value)s”: choose %(choices)s.")
                    % {
                        "value": status_text or "",
                        "choices": ", ".join(str(s.label) for s in Status),
                    },
                )
                continue
            level = ""
            if level_text not in (None, ""):
                level = _choice(level_text, EvaluationLevel)
                if level is None:
                    fail(
                        row,
                        _("Unknown evaluation level “%(value)s”: choose %(choices)s.")
                        % {
                            "value": level_text,
                            "choices": ", ".join(str(v.label) for v in EvaluationLevel),
                        },
                    )
                    continue
            record = reports.get(programme.pk) or ProgrammeReport(programme=programme, year=year)
            before = "" if record.pk is None else str(record.get_status_display())
            record.status, record.reason = status, reason or ""
            record.evaluation_level, record.note = level, note or ""
            label = _("Status")
            after = str(record.get_status_display())
        if identity in seen:
            fail(row, _("This record appears twice in the file."))
            continue
        seen.add(identity)
        try:
            record.full_clean(exclude=["evidence_file"] if row.sheet == INDICATORS else None)
        except ValidationError as error:
            fail(row, _messages(error))
            continue
        changes.append(Change(row.sheet, row.row, record, programme, label, before, after))
    return changes, errors


def _source_code(row: RowInput) -> str:
    return row.key.split("|", 1)[1] if "|" in row.key else ""


def _uuids(keys: set[str]) -> list[uuid.UUID]:
    found = []
    for key in keys:
        try:
            found.append(uuid.UUID(key.split("|", 1)[0]))
        except ValueError:
            continue
    return found


@transaction.atomic
def rows_apply(changes: list[Change], *, by) -> int:
    """Save every change through the save service (revision and audit each), in one
    transaction: nothing is saved when one fails."""
    for change in changes:
        record_save(change.record, by=by, note=_("spreadsheet upload"))
    return len(changes)
