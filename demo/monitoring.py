"""Kabupaten Pekalongan's first year of implementation (2025): Diskominfo and Dinkes
report through the spreadsheet upload (the same template, checks and save as an agency
uses), the other agencies' reports are entered through the save service as the portal's
form does; a few programmes have not reported yet."""

from __future__ import annotations

import io
from decimal import ROUND_HALF_UP, Decimal

from openpyxl import load_workbook

from masterplan.lib.spreadsheet import write_cell
from masterplan.lib.untrusted import check_archive
from masterplan.models import Plan, User
from masterplan.services import record_save
from monitoring.figures import planned_amounts
from monitoring.models import BudgetRealisation, IndicatorRealisation, ProgrammeReport
from monitoring.workbook import read_upload, rows_apply, rows_check, template_workbook
from programs.models import BudgetLine, IndicatorTarget

YEAR = 2025
SPREADSHEET_AGENCIES = ("Diskominfo", "Dinkes")
# How far each programme got, by its position in the plan (deterministic demo data).
FACTORS = [Decimal(f) for f in ("1.0", "0.85", "0.6", "1.1", "0.4", "0.9", "0.75", "0.95")]
POSTPONED_REASON = "Pengadaan perangkat mundur ke triwulan IV karena refocusing anggaran."
LEVELS = ["output", "outcome", "output", "baseline"]


def _realised(target: Decimal, baseline: Decimal | None, factor: Decimal) -> Decimal:
    if baseline is not None and target < baseline:  # less is better
        value = baseline - (baseline - target) * factor
    else:
        value = target * factor
    return value.quantize(Decimal("0.01"), rounding=ROUND_HALF_UP)


def _status(factor: Decimal) -> tuple[str, str]:
    if factor < Decimal("0.5"):
        return "tertunda", POSTPONED_REASON
    return ("selesai" if factor >= 1 else "berjalan"), ""


def seed_monitoring(plan: Plan, *, by: User) -> int:
    """Report 2025 for the plan; nothing when it was reported already (idempotent)."""
    if ProgrammeReport.objects.filter(programme__plan=plan, year=YEAR).exists():
        return 0
    programmes = list(plan.programmes.select_related("lead_agency").order_by("code"))
    factor_of = {p.pk: FACTORS[i % len(FACTORS)] for i, p in enumerate(programmes)}
    saved = 0
    for agency in plan.region.agencies.filter(acronym__in=SPREADSHEET_AGENCIES):
        saved += _through_spreadsheet(plan, agency, factor_of, by=by)
    by_sheet = {
        p.pk for p in programmes if p.lead_agency and p.lead_agency.acronym in SPREADSHEET_AGENCIES
    }
    # every fifth other programme has not reported yet
    in_portal = [p for i, p in enumerate(programmes) if p.pk not in by_sheet and i % 5 != 4]
    saved += _through_portal(plan, in_portal, factor_of, by=by)
    return saved


def _through_spreadsheet(plan, agency, factor_of, *, by) -> int:
    template = io.BytesIO(template_workbook(plan, YEAR, agency))
    check_archive(template)  # our own file, but every workbook is read the same way
    workbook = load_workbook(template)
    ids = {str(p.uuid): p for p in plan.programmes.filter(lead_agency=agency)}
    targets = {
        str(t.indicator.uuid): t
        for t in IndicatorTarget.objects.filter(
            indicator__programme__lead_agency=agency, indicator__programme__plan=plan, year=YEAR
        ).select_related("indicator__programme")
    }
    sheet = workbook["Indikator"]
    for row in range(2, sheet.max_row + 1):
        target = targets.get(sheet.cell(row, 1).value)
        if target is None:
            continue
        factor = factor_of[target.indicator.programme_id]
        value = _realised(target.value, target.indicator.baseline_value, factor)
        write_cell(sheet, row, 8, str(value).replace(".", ","))
        write_cell(sheet, row, 9, "https://data.kajenkab.go.id/smartcity/realisasi-2025")
    sheet = workbook["Anggaran"]
    for row in range(2, sheet.max_row + 1):
        programme = ids.get(sheet.cell(row, 1).value)
        planned = sheet.cell(row, 6).value or 0
        if programme is None or not planned:
            continue
        allocated = int(planned * 95 // 100)
        spent = min(allocated, int(allocated * factor_of[programme.pk]))
        write_cell(sheet, row, 7, allocated)
        write_cell(sheet, row, 8, spent)
    sheet = workbook["Status"]
    for row in range(2, sheet.max_row + 1):
        programme = ids.get(sheet.cell(row, 1).value)
        if programme is None:
            continue
        status, reason = _status(factor_of[programme.pk])
        write_cell(
            sheet, row, 4, {"selesai": "Selesai", "berjalan": "Berjalan"}.get(status, "Tertunda")
        )
        write_cell(sheet, row, 5, reason)
        write_cell(sheet, row, 6, "Quick Win" if programme.is_quick_win else "Output")
    stream = io.BytesIO()
    workbook.save(stream)
    stream.seek(0)
    changes, errors = rows_check(plan, YEAR, read_upload(stream), user=by)
    if errors:
        raise ValueError(f"the demo spreadsheet of {agency} has errors: {errors}")
    return rows_apply(changes, by=by)


def _through_portal(plan, programmes, factor_of, *, by) -> int:
    ids = [p.pk for p in programmes]
    targets = IndicatorTarget.objects.filter(
        indicator__programme__in=ids, year=YEAR
    ).select_related("indicator")
    saved = 0
    for target in targets:
        factor = factor_of[target.indicator.programme_id]
        record_save(
            IndicatorRealisation(
                indicator=target.indicator,
                year=YEAR,
                value=_realised(target.value, target.indicator.baseline_value, factor),
                note="Data dari laporan kinerja OPD 2025.",
            ),
            by=by,
        )
        saved += 1
    lines = BudgetLine.objects.filter(programme__in=ids, year=YEAR).values_list(
        "programme_id", "year", "funding_source_id", "status", "amount"
    )
    for (programme_id, _year, source_id), amount in planned_amounts(lines).items():
        allocated = amount * 95 // 100
        record_save(
            BudgetRealisation(
                programme_id=programme_id,
                year=YEAR,
                funding_source_id=source_id,
                allocated=allocated,
                spent=min(allocated, int(allocated * factor_of[programme_id])),
            ),
            by=by,
        )
        saved += 1
    for index, programme in enumerate(programmes):
        status, reason = _status(factor_of[programme.pk])
        level = "quick_win" if programme.is_quick_win else LEVELS[index % len(LEVELS)]
        record_save(
            ProgrammeReport(
                programme=programme, year=YEAR, status=status, reason=reason, evaluation_level=level
            ),
            by=by,
        )
        saved += 1
    return saved
