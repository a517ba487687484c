"""The annual evaluation report of a region ("Laporan Evaluasi Pelaksanaan Masterplan"),
printed by the books' renderer from the same figures and charts as the dashboard."""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import timezone, translation

from exports.assets import data_url, print_url
from exports.render import break_long_words, render_html
from masterplan.models import Plan
from monitoring.charts import CHARTS
from monitoring.figures import plan_figures


def report_title(year: int) -> str:
    return f"Laporan Evaluasi Pelaksanaan Masterplan Tahun {year}"


def report_html(plan: Plan, year: int) -> str:
    with translation.override("id"):
        figures = plan_figures(plan, year)
        charts = [(name, data_url(draw(figures), "image/svg+xml")) for name, draw in CHARTS.items()]
        html = render_to_string(
            "monitoring/evaluation_report.html",
            {
                "plan": plan,
                "year": year,
                "title": report_title(year),
                "figures": figures,
                "charts": charts,
                "stylesheet": print_url("book.css"),
                "printed_on": timezone.localdate(),
            },
        )
    return break_long_words(html)


def report_pdf(plan: Plan, year: int) -> tuple[bytes, int]:
    """(PDF, pages), rendered in the bounded child process of the books."""
    pdf, pages, _refused = render_html(report_html(plan, year), plan=plan)
    return pdf, pages
