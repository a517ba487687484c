"""Kabupaten Batang: a second, smaller plan of the same cohort, so that the isolation
between regions is visible. Amounts are in million Rupiah (juta)."""

from __future__ import annotations

from datetime import date

REGION = {
    "slug": "batang",
    "name": "Kabupaten Batang",
    "kind": "kabupaten",
    "province": "Jawa Tengah",
    "code": "33.25",
}

PLAN = {
    "title": "Masterplan Smart City Kabupaten Batang 2025–2029",
    "start_year": 2025,
    "end_year": 2029,
    "vision": (
        "Batang Cerdas: kabupaten industri dan agrowisata yang melayani warganya dengan "
        "cepat, terbuka dan berkelanjutan."
    ),
    "missions": [
        "Mewujudkan pelayanan publik yang terintegrasi dan mudah diakses dari desa.",
        "Menyiapkan tenaga kerja dan UMKM lokal untuk tumbuh bersama kawasan industri.",
        "Mengembangkan pariwisata pesisir dan pegunungan berbasis data dan komunitas.",
    ],
    "rpjmd_reference": "RPJMD Kabupaten Batang Tahun 2022–2026 dan RPJPD 2025–2045",
}

AGENCIES = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Dinas Pariwisata, Kepemudaan dan Olahraga", "Disparpora", "dinas"),
    ("Dinas Perindustrian dan Tenaga Kerja", "Disperinaker", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
]

SECTIONS = {
    1: {
        "pendahuluan--latar-belakang": (
            "<p>Kabupaten Batang berada di jalur pantura Jawa Tengah dan tumbuh cepat sejak "
            "beroperasinya <strong>Kawasan Industri Terpadu Batang</strong>. Pertumbuhan ini "
            "menuntut pelayanan perizinan, tenaga kerja dan kesehatan yang lebih cepat, "
            "sementara wilayah pegunungan di selatan masih tertinggal dalam akses layanan "
            "digital.</p>"
        ),
        "profil-daerah": (
            "<p>Batang terdiri atas 15 kecamatan dan 248 desa/kelurahan, membentang dari "
            "Pantai Sigandu di utara hingga perkebunan teh Pagilaran di dataran tinggi "
            "selatan.</p>"
        ),
    },
    2: {
        "visi-misi--visi-misi-smart-city": (
            "<p>Visi smart city Batang menekankan kesiapan daerah menyambut investasi "
            "industri tanpa meninggalkan desa, pesisir dan pegunungan.</p>"
        ),
    },
}

PROFILE = {
    "data_year": 2023,
    "area_km2": "788.95",
    "population": 826000,
    "districts": 15,
    "villages": 248,
    "grdp_billion": "22850.00",
    "economic_growth": "5.42",
    "hdi": "71.46",
    "poverty_rate": "7.95",
    "unemployment_rate": "4.31",
    "internet_users": "66.20",
    "summary": "Angka perkiraan dari publikasi BPS Kabupaten Batang (dibulatkan).",
}

READINESS = {
    "STR-HR": (
        "cukup",
        "Diskominfo memiliki 9 pranata komputer; OPD lain bergantung pada tenaga honorer.",
        "Data kepegawaian BKPSDM 2024.",
    ),
    "INF-DIG": (
        "cukup",
        "Jaringan fiber optik menjangkau kantor kecamatan; desa pegunungan masih blank spot.",
        "Pemetaan sinyal Diskominfo 2024.",
    ),
    "SUP-REG": (
        "kurang",
        "Belum ada peraturan bupati tentang satu data dan tata kelola SPBE.",
        "Inventarisasi produk hukum Bagian Hukum 2024.",
    ),
}

GAPS = [
    {
        "pillar": "SUP",
        "dimension": "GOV",
        "current": "Perizinan investasi diproses di beberapa OPD dengan berkas kertas.",
        "expected": "Satu portal perizinan daring dengan pelacakan berkas.",
        "gap": "Belum ada integrasi layanan dan tanda tangan elektronik.",
    },
]

INNOVATIONS = [
    {
        "name": "Batang Satu Data",
        "description": "Portal data sektoral perangkat daerah Kabupaten Batang.",
        "element": "GOV-POL",
        "agency": "Diskominfo",
        "year": 2023,
        "status": "pilot",
    },
]

SWOT = {
    "ECO": {
        "S": ["Kawasan Industri Terpadu Batang menarik investasi padat karya."],
        "W": ["Keterampilan angkatan kerja lokal belum sesuai kebutuhan industri."],
        "O": ["Kebutuhan pemasok lokal dari tenant kawasan industri."],
        "T": ["Arus pekerja dari luar daerah menekan peluang warga lokal."],
    },
    "BRD": {
        "S": ["Pantai Sigandu dan agrowisata teh Pagilaran dikenal wisatawan Jawa Tengah."],
        "W": ["Promosi wisata belum terpadu dan minim data kunjungan."],
    },
}

ISSUES = [
    {
        "ref": "ECO-1",
        "element": "ECO-IND",
        "title": "Tenaga kerja lokal belum terserap optimal oleh kawasan industri",
        "description": "Pencari kerja lokal kesulitan memenuhi syarat keterampilan tenant.",
    },
    {
        "ref": "GOV-1",
        "element": "GOV-SRV",
        "title": "Perizinan investasi dan layanan warga masih terpisah-pisah",
        "description": "Investor dan warga masih mendatangi beberapa OPD untuk satu urusan.",
    },
]

STRATEGIES = [
    {
        "element": "GOV-SRV",
        "target": "Seluruh layanan perizinan dapat diakses daring pada 2026.",
        "strategy": "Mengintegrasikan layanan perizinan dan nonperizinan dalam satu portal.",
        "policy": "Percepatan layanan investasi berbasis OSS-RBA.",
        "issues": ["GOV-1"],
    },
    {
        "element": "ECO-IND",
        "target": "Serapan tenaga kerja lokal di kawasan industri 60% pada 2029.",
        "strategy": "Menghubungkan pencari kerja lokal dengan kebutuhan tenant industri.",
        "policy": "Pelatihan vokasi berbasis permintaan industri.",
        "issues": ["ECO-1"],
    },
    {
        "element": "BRD-TOU",
        "target": "Kunjungan wisatawan tercatat digital di 10 destinasi pada 2027.",
        "strategy": "Membangun promosi dan tiket digital destinasi unggulan.",
        "policy": "Pariwisata berbasis data dan komunitas.",
    },
    {
        "element": "LIV-HEA",
        "target": "Seluruh posyandu mencatat pertumbuhan balita secara digital pada 2027.",
        "strategy": "Digitalisasi pencatatan posyandu untuk intervensi stunting.",
        "policy": "Percepatan penurunan stunting.",
    },
]

GOALS = [
    {
        "statement": "Pelayanan publik dan investasi yang cepat, terbuka dan terintegrasi.",
        "target": "Indeks SPBE 3,0 pada 2029.",
        "year": 2029,
    },
]

INSTITUTIONS = [
    {
        "kind": "team",
        "name": "Tim Pelaksana Smart City Kabupaten Batang",
        "decree_number": "Keputusan Bupati Batang Nomor 000.1.2/214 Tahun 2024",
        "decree_date": date(2024, 4, 29),
        "duties": "Menyusun masterplan dan mengoordinasikan pelaksanaan program smart city.",
        "meeting_schedule": "Setiap bulan",
        "members": [
            ("Hendro Wibowo, S.Sos., M.M.", "Kepala Diskominfo", "Diskominfo", "Ketua"),
            ("Ratna Dewi, S.T.", "Sekretaris Bappeda", "Bappeda", "Sekretaris"),
        ],
    },
]

# Activity rows stay one row per entry, like a table.
# fmt: off
PROGRAMMES = [
    {
        "name": "Portal Layanan Investasi Terpadu Batang",
        "element": "GOV-SRV",
        "description": (
            "Satu portal perizinan dan nonperizinan yang terhubung dengan OSS-RBA, "
            "lengkap dengan pelacakan berkas dan tanda tangan elektronik."
        ),
        "problem": "Investor dan warga mendatangi beberapa OPD untuk satu urusan perizinan.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 1,
        "lead": "DPMPTSP",
        "supporting": ["Diskominfo"],
        "gaps": [1],
        "indicators": [
            {
                "name": "Izin yang terbit secara daring",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 55),
                "targets": [70, 85, 95],
                "source": "DPMPTSP",
            },
        ],
        "activities": [
            (2025, 2, "Integrasi portal dengan OSS-RBA", "Portal terintegrasi", "DPMPTSP", 450,
             "APBD-KAB"),
            (2026, 1, "Penerapan TTE pada seluruh izin", "TTE pada 100% izin", "Diskominfo", 300,
             "APBD-KAB"),
            (2027, None, "Pemeliharaan dan survei kepuasan", "Laporan IKM", "DPMPTSP", 200,
             "APBD-KAB"),
        ],
        "quick_win": {
            "year": 2025,
            "beneficiaries": "Investor, pelaku usaha dan warga pemohon izin",
            "beneficiaries_count": 12000,
            "launch_date": date(2025, 6, 2),
            "status": "selected",
        },
    },
    {
        "name": "Bursa Kerja Lokal Kawasan Industri",
        "element": "ECO-IND",
        "description": "Pencocokan pencari kerja lokal dengan lowongan tenant kawasan industri.",
        "problem": "Serapan tenaga kerja lokal oleh kawasan industri belum optimal.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "lead": "Disperinaker",
        "supporting": ["Diskominfo", "DPMPTSP"],
        "indicators": [
            {
                "name": "Pencari kerja lokal yang ditempatkan",
                "type": "OUTCOME",
                "unit": "orang",
                "baseline": (2024, 1800),
                "targets": [2500, 3200, 4000, 4500],
            },
        ],
        "activities": [
            (2025, 3, "Pengembangan aplikasi bursa kerja", "Aplikasi bursa kerja", "Diskominfo",
             350, "APBD-KAB"),
            ((2026, 2028), None, "Pelatihan vokasi sesuai kebutuhan tenant",
             "600 peserta per tahun", "Disperinaker", 500, "CSR"),
        ],
        "partners": [("Pengelola Kawasan Industri Terpadu Batang", "private", "Data lowongan")],
    },
    {
        "name": "Sigandu Wisata Digital",
        "element": "BRD-TOU",
        "description": "Tiket elektronik, peta digital dan promosi terpadu destinasi Batang.",
        "problem": "Promosi wisata belum terpadu dan data kunjungan tidak tersedia.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "PRODUCT",
        "lead": "Disparpora",
        "supporting": ["Diskominfo"],
        "indicators": [
            {
                "name": "Destinasi dengan tiket elektronik",
                "type": "OUTPUT",
                "unit": "destinasi",
                "baseline": (2024, 1),
                "targets": [4, 7, 10],
            },
        ],
        "activities": [
            (2025, 3, "Tiket elektronik Pantai Sigandu", "E-tiket di 4 destinasi", "Disparpora",
             250, "APBD-KAB"),
            (2026, 2, "Perluasan e-tiket dan peta digital", "E-tiket di 7 destinasi", "Disparpora",
             300, "APBD-PROV"),
            (2027, 2, "Kampanye promosi digital terpadu", "E-tiket di 10 destinasi", "Diskominfo",
             200, "APBD-KAB"),
        ],
    },
    {
        "name": "Posyandu Digital Batang",
        "element": "LIV-HEA",
        "description": "Pencatatan tumbuh kembang balita secara digital di seluruh posyandu.",
        "problem": "Data stunting terlambat karena pencatatan posyandu masih manual.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "lead": "Dinkes",
        "supporting": ["Diskominfo"],
        "indicators": [
            {
                "name": "Posyandu yang mencatat secara digital",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 20),
                "targets": [50, 80, 100],
            },
        ],
        "activities": [
            (2025, 2, "Pelatihan kader posyandu", "1.200 kader terlatih", "Dinkes", 300, "APBN"),
            (2026, 1, "Pengadaan tablet posyandu", "400 tablet", "Dinkes", 800, "DESA"),
            (2027, None, "Dasbor stunting kabupaten", "Dasbor daring", "Diskominfo", 150,
             "APBD-KAB"),
        ],
    },
]

RISKS = [
    ("Keterbatasan APBD karena kebutuhan infrastruktur pendukung kawasan industri.", 2, 3,
     "Mengoptimalkan CSR tenant kawasan industri dan dana alokasi khusus.", "Bappeda"),
]

# fmt: on

SPEC = {
    "author": "editor-batang",
    "region": REGION,
    "plan": PLAN,
    "agencies": AGENCIES,
    "sections": SECTIONS,
    "profile": PROFILE,
    "readiness": READINESS,
    "gaps": GAPS,
    "swot": SWOT,
    "issues": ISSUES,
    "innovations": INNOVATIONS,
    "goals": GOALS,
    "strategies": STRATEGIES,
    "institutions": INSTITUTIONS,
    "programmes": PROGRAMMES,
    "risks": RISKS,
}
