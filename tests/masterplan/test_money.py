"""Rupiah and numbers the Indonesian way: the one module and its one template library."""

from __future__ import annotations

from decimal import Decimal

import pytest
from django.template import Context, Template, engines

from masterplan.lib.money import juta, miliar, number, rupiah, rupiah_short


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_250_000_000, "Rp 1.250.000.000"),
        (999, "Rp 999"),
        (0, "Rp 0"),
        (-5_000, "-Rp 5.000"),
        (None, "–"),
        ("", "–"),
        ("1250000", "Rp 1.250.000"),
        (Decimal("1250000"), "Rp 1.250.000"),
        (Decimal("1250000.5"), "Rp 1.250.001"),
        (Decimal("1250000.49"), "Rp 1.250.000"),
        (Decimal("-0.4"), "Rp 0"),
    ],
)
def test_it_writes_rupiah_with_dots(amount, expected):
    assert rupiah(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_250_000_000, "1.250"),
        (2_500_000, "3"),  # halves round up, not to the even number
        (3_500_000, "4"),
        (2_499_999, "2"),
        (500_000, "1"),
        (499_999, "0"),
        (-1_250_000_000, "-1.250"),
        (Decimal("1250000000"), "1.250"),
        (0, "–"),  # an empty cell of a million-rupiah table
        (None, "–"),
    ],
)
def test_it_writes_juta_whole(amount, expected):
    assert juta(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (1_250_000_000, "1,3"),
        (11_850_000_000, "11,9"),  # float formatting gave 11,8 (11.85 is 11.8499… in binary)
        (2_000_000_000, "2,0"),  # always one decimal
        (1_234_500_000_000, "1.234,5"),
        (40_000_000, "0,0"),
        (-1_250_000_000, "-1,3"),
        (Decimal("950000000"), "1,0"),
        (0, "–"),
        (None, "–"),
    ],
)
def test_it_writes_miliar_with_one_decimal(amount, expected):
    assert miliar(amount) == expected


@pytest.mark.parametrize(
    ("amount", "expected"),
    [
        (999_999, "Rp 999.999"),
        (1_000_000, "Rp 1 jt"),
        (1_500_000, "Rp 1,5 jt"),
        (850_000_000, "Rp 850 jt"),
        (999_940_000, "Rp 999,9 jt"),
        (999_960_000, "Rp 1 M"),  # the unit follows the rounded figure
        (1_000_000_000, "Rp 1 M"),
        (1_100_000_000, "Rp 1,1 M"),
        (1_250_000_000_000, "Rp 1.250 M"),
        (-850_000_000, "-Rp 850 jt"),
        (Decimal("1100000000"), "Rp 1,1 M"),
        (0, "Rp 0"),
        (None, "–"),
    ],
)
def test_it_shortens_rupiah_to_juta_and_miliar(amount, expected):
    assert rupiah_short(amount) == expected


@pytest.mark.parametrize(
    ("value", "kwargs", "expected"),
    [
        (Decimal("12.50"), {}, "12,5"),
        (Decimal("12.00"), {}, "12"),
        (1500, {}, "1.500"),
        (1_234_567.125, {}, "1.234.567,13"),
        (Decimal("12.345"), {}, "12,35"),
        (Decimal("0.25"), {}, "0,25"),
        (-1500.5, {}, "-1.500,5"),
        (Decimal("-0.001"), {}, "0"),
        (0, {}, "0"),
        (Decimal("1250000.5"), {"places": 0}, "1.250.001"),
        (2.5, {"places": 2, "trim": False}, "2,50"),
        (Decimal("1E+3"), {"places": None}, "1.000"),
        (Decimal("99.125"), {"places": None}, "99,125"),
        ("2023", {}, "2023"),  # text is already formatted: a year stays 2023
        (None, {}, "–"),
        ("", {}, "–"),
    ],
)
def test_it_writes_numbers_with_a_decimal_comma(value, kwargs, expected):
    assert number(value, **kwargs) == expected


def test_the_money_library_gives_templates_the_same_output():
    template = Template(
        "{% load money %}{{ a|rupiah }}|{{ a|rupiah_short }}|{{ a|juta }}|{{ a|miliar }}|"
        "{{ v|number }}|{{ v|number:0 }}|{{ none|rupiah }}|{{ none|number }}"
    )
    rendered = template.render(Context({"a": 1_250_000_000, "v": Decimal("1500.75"), "none": None}))
    assert rendered == "Rp 1.250.000.000|Rp 1,3 M|1.250|1,3|1.500,75|1.501|–|–"


def test_no_other_template_library_formats_money():
    """One formatter: a second ``rupiah`` filter (there were three) would drift apart."""
    names = {"rupiah", "rupiah_short", "juta", "miliar", "number", "number_id"}
    libraries = engines["django"].engine.template_libraries
    owners = {
        f"{library}.{name}"
        for library, module in libraries.items()
        for name in module.filters
        if name in names
    }
    assert owners == {
        "money.rupiah",
        "money.rupiah_short",
        "money.juta",
        "money.miliar",
        "money.number",
    }
