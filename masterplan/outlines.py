"""The default book set and chapter outlines (from the programme's guidance).

A cohort copies these into its BookTemplate/SectionTemplate rows when it is
created; admins may then adapt the cohort's templates (some cohorts used three
books). A plan copies its cohort's templates when it is created.

Each section: (key, Indonesian title, English title, options, children).
Options: ``required`` (default True), ``records`` (linked records shown in the
section), ``per_dimension`` (one sub-section per dimension of the framework).
"""

from __future__ import annotations

from typing import Any

Outline = list[tuple[str, str, str, dict[str, Any], list]]

BOOK_1: Outline = [
    (
        "pendahuluan",
        "Pendahuluan",
        "Introduction",
        {},
        [
            ("latar-belakang", "Latar Belakang", "Background", {}, []),
            ("dasar-hukum", "Dasar Hukum", "Legal basis", {}, []),
            ("maksud-tujuan", "Maksud dan Tujuan", "Purpose and objectives", {}, []),
            ("metodologi", "Metodologi", "Method", {}, []),
        ],
    ),
    (
        "konsep",
        "Konsep Smart City dan Kebijakan Nasional",
        "Smart city concept and national policy",
        {},
        [
            ("konsep-smart-city", "Konsep Smart City", "Smart city concept", {}, []),
            (
                "kebijakan-nasional",
                "Kebijakan Nasional dan Daerah",
                "National and regional policy",
                {},
                [],
            ),
        ],
    ),
    (
        "profil-daerah",
        "Profil Daerah",
        "Regional profile",
        {"records": "profile"},
        [
            ("geografi", "Kondisi Geografis", "Geography", {}, []),
            ("demografi", "Kondisi Demografi", "Demography", {}, []),
            ("ekonomi", "Kondisi Ekonomi", "Economy", {}, []),
            ("sosial", "Kondisi Sosial dan Budaya", "Society and culture", {}, []),
            ("lingkungan", "Kondisi Lingkungan", "Environment", {}, []),
        ],
    ),
    (
        "keselarasan",
        "Keselarasan dengan RPJMD, RTRW dan Renstra",
        "Alignment with RPJMD, RTRW and Renstra",
        {},
        [],
    ),
    (
        "kesiapan",
        "Analisis Kesiapan Daerah",
        "Readiness analysis",
        {"records": "readiness"},
        [
            ("kesiapan-struktur", "Kesiapan Struktur", "Structure", {}, []),
            ("kesiapan-infrastruktur", "Kesiapan Infrastruktur", "Infrastructure", {}, []),
            ("kesiapan-suprastruktur", "Kesiapan Suprastruktur", "Superstructure", {}, []),
        ],
    ),
    (
        "kesenjangan-swot",
        "Analisis Kesenjangan dan SWOT",
        "Gap and SWOT analysis",
        {},
        [
            ("kesenjangan", "Analisis Kesenjangan", "Gap analysis", {"records": "gaps"}, []),
            (
                "swot",
                "Analisis SWOT per Dimensi",
                "SWOT per dimension",
                {"records": "swot", "per_dimension": True},
                [],
            ),
        ],
    ),
    (
        "isu-strategis",
        "Isu Strategis",
        "Strategic issues",
        {},
        [
            (
                "isu-dimensi",
                "Isu Strategis per Dimensi",
                "Strategic issues per dimension",
                {"records": "strategic_issues", "per_dimension": True},
                [],
            ),
            (
                "inventaris-inovasi",
                "Inventaris Inovasi dan Aplikasi",
                "Existing innovations and apps",
                {"records": "innovations"},
                [],
            ),
        ],
    ),
    ("penutup", "Penutup", "Closing", {}, []),
]

BOOK_2: Outline = [
    (
        "pendahuluan",
        "Pendahuluan",
        "Introduction",
        {},
        [
            ("latar-belakang", "Latar Belakang", "Background", {}, []),
            ("maksud-tujuan", "Maksud dan Tujuan", "Purpose and objectives", {}, []),
            ("ruang-lingkup", "Ruang Lingkup", "Scope", {"required": False}, []),
        ],
    ),
    (
        "visi-misi",
        "Visi, Misi, Tujuan dan Sasaran Smart City",
        "Vision, mission, goals and targets",
        {},
        [
            (
                "visi-misi-smart-city",
                "Visi dan Misi Smart City",
                "Vision and mission",
                {"records": "vision"},
                [],
            ),
            ("tujuan-sasaran", "Tujuan dan Sasaran", "Goals and targets", {"records": "goals"}, []),
        ],
    ),
    (
        "strategi",
        "Strategi Pembangunan Smart City",
        "Smart city strategy",
        {"records": "strategies", "per_dimension": True},
        [],
    ),
    (
        "program",
        "Program Pembangunan Smart City",
        "Smart city programmes",
        {"records": "programmes", "per_dimension": True},
        [],
    ),
    (
        "program-pendukung",
        "Program Pendukung",
        "Enabling programmes",
        {},
        [
            ("regulasi", "Regulasi dan Kebijakan", "Regulation and policy", {}, []),
            ("kelembagaan-pendukung", "Penguatan Kelembagaan", "Institutions", {}, []),
            (
                "infrastruktur-tik",
                "Jaringan, Pusat Data dan Command Center",
                "Network, data centre and command centre",
                {},
                [],
            ),
            ("sdm", "Pengembangan Sumber Daya Manusia", "Human resources", {}, []),
        ],
    ),
    ("rencana-aksi", "Rencana Aksi", "Action plan", {"records": "action_plan"}, []),
    ("peta-jalan", "Peta Jalan (Road Map)", "Roadmap", {"records": "roadmap"}, []),
    ("pembiayaan", "Kerangka Pembiayaan", "Financing framework", {"records": "financing"}, []),
    (
        "kelembagaan",
        "Kelembagaan dan Tata Kelola",
        "Institutions and governance",
        {"records": "institutions"},
        [],
    ),
    ("manajemen-risiko", "Manajemen Risiko", "Risk management", {"records": "risks"}, []),
    ("monev", "Monitoring dan Evaluasi", "Monitoring and evaluation", {}, []),
    ("penutup", "Penutup", "Closing", {}, []),
]

BOOK_3: Outline = [
    ("pendahuluan", "Pendahuluan", "Introduction", {}, []),
    (
        "kriteria",
        "Kriteria dan Penilaian Program Unggulan",
        "Selection criteria and scoring",
        {},
        [],
    ),
    (
        "daftar-quick-win",
        "Daftar Program Unggulan dan Quick Win per Dimensi",
        "Flagships and quick wins per dimension",
        {"records": "quick_wins"},
        [],
    ),
    (
        "rincian-program",
        "Rincian Program Unggulan",
        "Flagship programmes in detail",
        {"records": "flagship_detail"},
        [],
    ),
    (
        "jadwal-tata-kelola",
        "Jadwal dan Tata Kelola Pelaksanaan",
        "Schedule and governance",
        {"records": "roadmap"},
        [],
    ),
    ("penutup", "Penutup", "Closing", {}, []),
]

BOOK_4: Outline = [
    ("kata-pengantar", "Kata Pengantar Kepala Daerah", "Foreword by the regional head", {}, []),
    (
        "ringkasan-kondisi",
        "Ringkasan Kondisi dan Kesiapan Daerah",
        "Summary of condition and readiness",
        {"records": "readiness_summary"},
        [],
    ),
    ("visi-misi", "Visi dan Misi Smart City", "Vision and mission", {"records": "vision"}, []),
    (
        "ringkasan-dimensi",
        "Ringkasan per Dimensi",
        "Summary per dimension",
        {"records": "dimension_summary", "per_dimension": True},
        [],
    ),
    (
        "program-prioritas",
        "Program Prioritas dan Quick Win",
        "Priority programmes and quick wins",
        {"records": "quick_wins"},
        [],
    ),
    ("peta-jalan-ringkas", "Peta Jalan Ringkas", "Condensed roadmap", {"records": "roadmap"}, []),
    (
        "kelembagaan-pembiayaan",
        "Kelembagaan dan Pembiayaan",
        "Institutions and financing",
        {"records": "financing"},
        [],
    ),
    ("lembar-komitmen", "Lembar Komitmen", "Commitment sheet", {"records": "commitment"}, []),
]

DEFAULT_BOOKS = [
    (
        1,
        "Analisis Strategis",
        "Current-state analysis",
        "Analisis kondisi terkini: profil, kesiapan, kesenjangan, SWOT dan isu strategis.",
        BOOK_1,
    ),
    (
        2,
        "Masterplan Smart City",
        "Masterplan",
        "Visi dan misi, strategi per dimensi, program, rencana aksi dan peta jalan.",
        BOOK_2,
    ),
    (
        3,
        "Program Unggulan dan Quick Win",
        "Flagship programmes and quick wins",
        "Rincian program unggulan dan quick win.",
        BOOK_3,
    ),
    (
        4,
        "Ringkasan Eksekutif",
        "Executive summary",
        "Ringkasan eksekutif yang sebagian besar disusun dari buku 1–3.",
        BOOK_4,
    ),
]

DEFAULT_STAGES = [
    (1, "Bimtek Tahap I", "Analisis kesiapan, kesenjangan dan SWOT; penyusunan Buku 1.", [1]),
    (
        2,
        "Bimtek Tahap II",
        "Evaluasi Buku 1; penyusunan program jangka pendek, menengah dan "
        "panjang; quick win mulai dirintis.",
        [1, 2],
    ),
    (
        3,
        "Bimtek Tahap III",
        "Penajaman Buku 2 (strategi, rencana aksi, peta jalan); pemilihan "
        "quick win per dimensi untuk Buku 3.",
        [2, 3],
    ),
    (4, "Bimtek Tahap IV", "Reviu per bab seluruh buku, lembar komitmen, Buku 4.", [1, 2, 3, 4]),
]
