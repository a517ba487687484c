"""Rupiah and numbers the way Indonesian documents write them; the only such formatter.

- ``rupiah(1250000)`` → ``Rp 1.250.000``
- ``juta(1250000000)`` → ``1.250`` (millions, in tables headed "juta Rp")
- ``miliar(1250000000)`` → ``1,3`` (billions, always one decimal: ``2,0``)
- ``rupiah_short(850000000)`` → ``Rp 850 jt``; ``rupiah_short(1100000000)`` → ``Rp 1,1 M``
- ``number(Decimal("12.50"))`` → ``12,5``; ``number(1500)`` → ``1.500``

Dots group thousands and a comma marks decimals. Amounts are worked out in Decimal and
halves round up, so a printed budget never depends on float or banker's rounding. Nothing
(``None`` or ``""``) prints as ``EMPTY``. Templates use them through ``{% load money %}``.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

EMPTY = "–"
JUTA = 1_000_000
MILIAR = 1_000_000_000

Number = int | float | Decimal | str | None


def _decimal(value: Number) -> Decimal | None:
    if value is None or value == "" or isinstance(value, bool):
        return None
    try:
        number = Decimal(str(value).strip()) if isinstance(value, str | float) else Decimal(value)
    except (InvalidOperation, TypeError, ValueError):
        return None
    return number if number.is_finite() else None


def _digits(number: Decimal, places: int | None, *, trim: bool = True) -> str:
    """``number`` with dots and a comma, rounded to ``places`` decimals (None: as it is);
    trailing zeros dropped unless ``trim`` is false."""
    if places is not None:
        number = number.quantize(Decimal(1).scaleb(-places), rounding=ROUND_HALF_UP)
    whole, _, fraction = f"{abs(number):f}".partition(".")
    if trim:
        fraction = fraction.rstrip("0")
    text = f"{int(whole):,}".replace(",", ".") + ("," + fraction if fraction else "")
    return "-" + text if number < 0 else text


def number(value: Number, places: int | None = 2, *, trim: bool = True, empty: str = EMPTY) -> str:
    """A number with at most ``places`` decimals: ``1.500``, ``12,5``, ``0,25``; with
    ``trim=False`` exactly ``places`` decimals (``2,50``, the ticks of a chart's axis).

    Text is printed as it is: the caller has formatted it already (a year: ``"2023"``).
    """
    if isinstance(value, str):
        return value or empty
    amount = _decimal(value)
    if amount is None:
        return empty if value is None else str(value)
    return _digits(amount, places, trim=trim)


def rupiah(amount: Number, *, empty: str = EMPTY) -> str:
    """Whole rupiah: ``Rp 1.250.000``, ``Rp 0``, ``-Rp 5.000``."""
    value = _decimal(amount)
    if value is None:
        return empty
    text = _digits(abs(value), 0)
    return f"-Rp {text}" if value < 0 and text != "0" else f"Rp {text}"


def juta(amount: Number, *, empty: str = EMPTY) -> str:
    """Millions, whole: 1250000000 → ``1.250``. Zero prints as ``EMPTY`` (an empty cell)."""
    value = _decimal(amount)
    if not value:
        return empty
    return _digits(value / JUTA, 0)


def miliar(amount: Number, *, empty: str = EMPTY) -> str:
    """Billions, one decimal: 1250000000 → ``1,3``, 2000000000 → ``2,0``. Zero prints as
    ``EMPTY``."""
    value = _decimal(amount)
    if not value:
        return empty
    return _digits(value / MILIAR, 1, trim=False)


def rupiah_short(amount: Number, *, empty: str = EMPTY) -> str:
    """Compact, one decimal at most: ``Rp 850 jt`` from one juta up, ``Rp 1,1 M`` from one
    miliar up, whole rupiah below a juta. The unit follows the rounded figure: 999.960.000
    is ``Rp 1 M``, not ``Rp 1.000 jt``."""
    value = _decimal(amount)
    if value is None:
        return empty
    size = abs(value)
    if size < JUTA:
        return rupiah(value, empty=empty)
    sign = "-" if value < 0 else ""
    millions = (size / JUTA).quantize(Decimal("0.1"), rounding=ROUND_HALF_UP)
    if millions < 1000:
        return f"{sign}Rp {_digits(millions, 1)} jt"
    return f"{sign}Rp {_digits(size / MILIAR, 1)} M"
