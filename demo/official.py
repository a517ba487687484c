"""Pekalongan's official pages: the approval page, a few abbreviations of its own and a
logo (drawn here, so the demo ships no image file)."""

from __future__ import annotations

import io
from datetime import date

from django.core.files.base import ContentFile

from exports.models import Abbreviation, ApprovalPage
from masterplan.models import Plan

APPROVAL = {
    "head_name": "Fadia A. Rafik",
    "head_nip": "",
    "head_position": "Bupati Pekalongan",
    "secretary_name": "Muhammad Yulian Akbar",
    "secretary_nip": "19720615 199803 1 007",
    "secretary_position": "Sekretaris Daerah Kabupaten Pekalongan",
    "place": "Kajen",
    "signed_on": date(2024, 11, 18),
    "regulation_number": "Peraturan Bupati Pekalongan Nomor 57 Tahun 2024",
}
ABBREVIATIONS = [
    ("ALDINO", "Alhamdulillah Dia Nongol (layanan kesehatan dan kependudukan terpadu)"),
    ("Dinkes", "Dinas Kesehatan"),
    ("Dindikbud", "Dinas Pendidikan dan Kebudayaan"),
]


def logo_png() -> bytes:
    """A plain shield in the region's colours (green and gold)."""
    from PIL import Image, ImageDraw

    image = Image.new("RGBA", (240, 280), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    shield = [(20, 20), (220, 20), (220, 150), (120, 262), (20, 150)]
    draw.polygon(shield, fill=(22, 110, 60), outline=(242, 177, 52), width=10)
    draw.polygon([(120, 55), (150, 135), (120, 205), (90, 135)], fill=(242, 177, 52))
    buffer = io.BytesIO()
    image.save(buffer, "PNG")
    return buffer.getvalue()


def seed_official(plan: Plan, *, by) -> None:
    ApprovalPage.objects.update_or_create(
        plan=plan, defaults={**APPROVAL, "created_by": by, "updated_by": by}
    )
    for term, meaning in ABBREVIATIONS:
        Abbreviation.objects.update_or_create(
            plan=plan, term=term, defaults={"meaning": meaning, "created_by": by}
        )
    region = plan.region
    if not region.logo:
        region.logo.save("logo-pekalongan.png", ContentFile(logo_png()), save=True)
