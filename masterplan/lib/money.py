"""Rupiah the way Indonesian documents write it: ``Rp 1.250.000.000``."""

from __future__ import annotations


def rupiah(amount: int | None, *, empty: str = "–") -> str:
    if amount is None:
        return empty
    sign = "-" if amount < 0 else ""
    return f"{sign}Rp {abs(int(amount)):,}".replace(",", ".")
