"""Loads the reference framework of the 2017–2021 Smart City guidance, so every
fresh database has it. The data is frozen here on purpose: a later framework (e.g.
the 2026 draft with Smart Mobility) is a new migration adding a new Framework."""

from django.db import migrations

FRAMEWORK = {
    "code": "kominfo-2017",
    "name": "Kominfo 2017–2021",
    "valid_from": 2017,
    "valid_to": 2021,
    "description": (
        "Panduan Gerakan Menuju 100 Smart City: enam dimensi dan delapan belas elemen, "
        "tiga pilar kesiapan utama (struktur, infrastruktur, suprastruktur)."
    ),
}

DIMENSIONS = [
    ("GOV", "Smart Governance", "Smart Governance", "#1f4e79", [
        ("SRV", "Pelayanan publik", "Service"),
        ("BUR", "Manajemen birokrasi yang efisien", "Bureaucracy"),
        ("POL", "Efisiensi kebijakan publik", "Policy"),
    ]),
    ("BRD", "Smart Branding", "Smart Branding", "#c0504d", [
        ("TOU", "Ekosistem pariwisata", "Tourism"),
        ("BUS", "Platform bisnis daerah", "Business"),
        ("CTY", "Wajah kota", "City appearance"),
    ]),
    ("ECO", "Smart Economy", "Smart Economy", "#d4a017", [
        ("IND", "Ekosistem industri yang berdaya saing", "Industry"),
        ("WEL", "Kesejahteraan rakyat", "Welfare"),
        ("TRX", "Ekosistem transaksi keuangan", "Transaction"),
    ]),
    ("LIV", "Smart Living", "Smart Living", "#2e8b57", [
        ("HAR", "Harmonisasi tata ruang wilayah", "Harmony"),
        ("HEA", "Sarana prasarana kesehatan", "Health"),
        ("MOB", "Sarana transportasi", "Mobility"),
    ]),
    ("SOC", "Smart Society", "Smart Society", "#7b4ea3", [
        ("COM", "Interaksi masyarakat yang efisien", "Community"),
        ("LEA", "Ekosistem belajar yang efisien", "Learning"),
        ("SEC", "Sistem keamanan masyarakat", "Security"),
    ]),
    ("ENV", "Smart Environment", "Smart Environment", "#1b9aaa", [
        ("PRO", "Proteksi lingkungan", "Protection"),
        ("WST", "Tata kelola sampah dan limbah", "Waste"),
        ("NRG", "Tata kelola energi yang bertanggung jawab", "Energy"),
    ]),
]

PILLARS = [
    ("STR", "Struktur", "Structure", True,
     "Sumber daya manusia aparatur dan masyarakat, anggaran, tata kelola dan kepemimpinan.", [
        ("HR", "Sumber daya manusia", "Human resources"),
        ("BUD", "Anggaran", "Budget"),
        ("LEAD", "Tata kelola dan kepemimpinan", "Governance and leadership"),
    ]),
    ("INF", "Infrastruktur", "Infrastructure", True,
     "Infrastruktur fisik, digital (TIK) dan sosial.", [
        ("PHY", "Infrastruktur fisik", "Physical infrastructure"),
        ("DIG", "Infrastruktur digital (TIK)", "Digital (ICT) infrastructure"),
        ("SOC", "Infrastruktur sosial", "Social infrastructure"),
    ]),
    ("SUP", "Suprastruktur", "Superstructure", True,
     "Regulasi dan kebijakan, kelembagaan, serta prosedur (SOP).", [
        ("REG", "Regulasi dan kebijakan", "Regulation and policy"),
        ("INS", "Kelembagaan", "Institutions"),
        ("SOP", "Prosedur operasional standar", "Standard operating procedures"),
    ]),
    ("NAT", "Potensi alam", "Nature", False, "Potensi sumber daya alam daerah (opsional).", [
        ("NAT", "Potensi alam", "Natural potential"),
    ]),
    ("CUL", "Budaya", "Culture", False, "Budaya dan kearifan lokal (opsional).", [
        ("CUL", "Budaya dan kearifan lokal", "Culture and local wisdom"),
    ]),
]

FUNDING_SOURCES = [
    ("APBD-KAB", "APBD Kabupaten/Kota", "Regency/city budget (APBD)"),
    ("APBD-PROV", "APBD Provinsi", "Provincial budget (APBD)"),
    ("APBN", "APBN (termasuk DAK)", "State budget (APBN, incl. DAK)"),
    ("DESA", "APBDes/Dana Desa", "Village budget and funds"),
    ("CSR", "CSR/TJSL", "Corporate social responsibility"),
    ("KPBU", "KPBU", "Public–private partnership (KPBU)"),
    ("INV", "Investasi swasta/BUMN/BUMD", "Private/state-owned investment"),
    ("HIBAH", "Hibah/donor", "Grants and donors"),
    ("SWADAYA", "Swadaya masyarakat", "Community (swadaya, ICT volunteers)"),
    ("LAIN", "Lainnya", "Other"),
]

HORIZONS = [
    ("SHORT", "Jangka pendek (≤1 tahun)", "Short term (≤1 year)", 1),
    ("MEDIUM", "Jangka menengah (≤5 tahun)", "Medium term (≤5 years)", 5),
    ("LONG", "Jangka panjang (≤10 tahun)", "Long term (≤10 years)", 10),
]

INDICATOR_TYPES = [
    ("OUTPUT", "Keluaran (output)", "Output"),
    ("OUTCOME", "Hasil (outcome)", "Outcome"),
    ("IMPACT", "Dampak (impact)", "Impact"),
]

INNOVATION_TYPES = [
    ("PROGRAM", "Program", "Programme"),
    ("PRODUCT", "Produk", "Product"),
    ("METHOD", "Metode", "Method"),
    ("CONCEPT", "Konseptual", "Conceptual"),
    ("TECH", "Teknologi", "Technology"),
]


def load(apps, schema_editor):
    Framework = apps.get_model("dimensions", "Framework")
    Dimension = apps.get_model("dimensions", "Dimension")
    Element = apps.get_model("dimensions", "Element")
    Pillar = apps.get_model("dimensions", "Pillar")
    PillarAspect = apps.get_model("dimensions", "PillarAspect")
    FundingSource = apps.get_model("dimensions", "FundingSource")
    Horizon = apps.get_model("dimensions", "Horizon")
    IndicatorType = apps.get_model("dimensions", "IndicatorType")
    InnovationType = apps.get_model("dimensions", "InnovationType")

    framework, _ = Framework.objects.update_or_create(
        code=FRAMEWORK["code"], defaults={k: v for k, v in FRAMEWORK.items() if k != "code"}
    )
    for order, (code, name_id, name_en, colour, elements) in enumerate(DIMENSIONS, start=1):
        dimension, _ = Dimension.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={"name_id": name_id, "name_en": name_en, "colour": colour, "order": order},
        )
        for e_order, (e_code, e_id, e_en) in enumerate(elements, start=1):
            Element.objects.update_or_create(
                dimension=dimension,
                code=e_code,
                defaults={"name_id": e_id, "name_en": e_en, "order": e_order},
            )
    for order, (code, name_id, name_en, required, description, aspects) in enumerate(
        PILLARS, start=1
    ):
        pillar, _ = Pillar.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={
                "name_id": name_id,
                "name_en": name_en,
                "required": required,
                "description": description,
                "order": order,
            },
        )
        for a_order, (a_code, a_id, a_en) in enumerate(aspects, start=1):
            PillarAspect.objects.update_or_create(
                pillar=pillar,
                code=a_code,
                defaults={"name_id": a_id, "name_en": a_en, "order": a_order},
            )
    for model, rows in (
        (FundingSource, FUNDING_SOURCES),
        (IndicatorType, INDICATOR_TYPES),
        (InnovationType, INNOVATION_TYPES),
    ):
        for order, (code, name_id, name_en) in enumerate(rows, start=1):
            model.objects.update_or_create(
                framework=framework,
                code=code,
                defaults={"name_id": name_id, "name_en": name_en, "order": order},
            )
    for order, (code, name_id, name_en, max_years) in enumerate(HORIZONS, start=1):
        Horizon.objects.update_or_create(
            framework=framework,
            code=code,
            defaults={
                "name_id": name_id,
                "name_en": name_en,
                "max_years": max_years,
                "order": order,
            },
        )


def unload(apps, schema_editor):
    apps.get_model("dimensions", "Framework").objects.filter(code=FRAMEWORK["code"]).delete()


class Migration(migrations.Migration):
    dependencies = [("dimensions", "0002_initial")]

    operations = [migrations.RunPython(load, unload)]
