"""The programmes of Kabupaten Pekalongan: two or three per element, with the flagships
ALDINO and KUDU SEKOLAH and one quick win per dimension.

Activities: (year or (first, last) year, quarter, name, output, agency, million Rp,
funding source). Budget lines and roadmap cells are derived from them. Indicator
targets run yearly from the programme's first activity year (or ``from``).
"""

from __future__ import annotations

from datetime import date

# Rows of the action plan and partner lists stay one row per entry, like a table.
# fmt: off
GOVERNANCE = [
    {
        "name": "ALDINO (Alhamdulillah Dia Nongol)",
        "element": "GOV-SRV",
        "description": (
            "Kolaborasi layanan kesehatan dan layanan kependudukan: setiap bayi yang lahir "
            "di fasilitas kesehatan langsung mendapatkan akta kelahiran, Kartu Keluarga "
            "baru dan Kartu Identitas Anak sebelum ibu dan bayi pulang. Bidan atau petugas "
            "registrasi mengunggah berkas dari puskesmas atau rumah sakit, Dindukcapil "
            "menerbitkan dokumen dengan tanda tangan elektronik, dan dokumen dicetak di "
            "fasyankes atau dikirim ke WhatsApp keluarga."
        ),
        "problem": (
            "Orang tua harus datang dua sampai tiga kali ke Dindukcapil di Kajen setelah "
            "melahirkan; keluarga di wilayah selatan menunda pengurusan sehingga banyak anak "
            "belum memiliki akta kelahiran."
        ),
        "pillar": "SUP",
        "horizon": "SHORT",
        "innovation": "METHOD",
        "priority": 1,
        "lead": "Dindukcapil",
        "supporting": ["Dinkes", "RSUD Kajen", "Diskominfo"],
        "gaps": [1],
        "rpjmd": "Misi 1 RPJMD: tata kelola pemerintahan yang baik; sasaran meningkatnya "
        "kualitas pelayanan administrasi kependudukan.",
        "sustainability": (
            "Peraturan bupati tentang layanan terintegrasi ALDINO, perjanjian kerja sama "
            "dengan seluruh fasyankes, petugas registrasi di setiap puskesmas, dan biaya "
            "operasional dalam DPA Dindukcapil dan Dinkes setiap tahun."
        ),
        "indicators": [
            {
                "name": "Bayi yang pulang dari fasyankes dengan akta, KK dan KIA",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 38),
                "targets": [80, 95],
                "source": "SIAK Dindukcapil dan register persalinan Dinkes",
            },
            {
                "name": "Fasilitas kesehatan pelaksana ALDINO",
                "type": "OUTPUT",
                "unit": "fasyankes",
                "baseline": (2024, 6),
                "targets": [29, 41],
                "source": "Dindukcapil",
            },
            {
                "name": "Kepemilikan akta kelahiran anak 0–18 tahun",
                "type": "IMPACT",
                "unit": "%",
                "baseline": (2024, "94.2"),
                "targets": [97, 99],
                "source": "Profil perkembangan kependudukan",
            },
        ],
        "activities": [
            (2025, 1, "Perjanjian kerja sama Dindukcapil, Dinkes, RSUD dan rumah sakit swasta",
             "PKS dengan 29 fasyankes", "Dindukcapil", 75, "APBD-KAB"),
            (2025, 1, "Penyusunan SOP ALDINO dan integrasi data kelahiran dengan SIAK",
             "SOP dan integrasi data kelahiran", "Diskominfo", 250, "APBD-KAB"),
            (2025, 2, "Pengadaan printer dokumen dan perangkat TTE di puskesmas",
             "29 paket perangkat", "Dindukcapil", 480, "APBD-KAB"),
            (2025, 2, "Pelatihan bidan dan petugas registrasi fasyankes", "120 petugas terlatih",
             "Dinkes", 120, "APBD-KAB"),
            (2025, 4, "Evaluasi dan sosialisasi ALDINO melalui posyandu dan media sosial",
             "Laporan evaluasi semester", "Diskominfo", 60, "APBD-KAB"),
            (2026, 1, "Perluasan ALDINO ke rumah sakit swasta dan praktik bidan mandiri",
             "12 fasyankes swasta bergabung", "Dindukcapil", 200, "APBD-KAB"),
            (2026, 2, "Layanan dokumen kematian terintegrasi (ALDINO Plus)",
             "Akta kematian terbit di fasyankes", "Dindukcapil", 150, "APBN"),
            (2026, 3, "Blangko KIA dan pemeliharaan perangkat fasyankes",
             "Blangko dan perangkat tersedia", "Dindukcapil", 180, "APBN"),
        ],
        "milestones": {
            2025: "ALDINO di 29 fasyankes; 80% bayi pulang dengan akta, KK dan KIA",
            2026: "41 fasyankes termasuk RS swasta; 95% bayi pulang dengan dokumen lengkap",
        },
        "quick_win": {
            "flagship": True,
            "year": 2025,
            "beneficiaries": (
                "Ibu yang melahirkan dan bayi baru lahir di seluruh fasyankes; keluarga tidak "
                "perlu lagi datang ke kantor Dindukcapil."
            ),
            "beneficiaries_count": 14500,
            "launch_date": date(2024, 3, 4),
            "status": "running",
            "before_after": [
                ("Waktu memperoleh akta kelahiran, KK dan KIA", "hari", "7–14 hari",
                 "Hari yang sama"),
                ("Kunjungan orang tua ke kantor Dindukcapil", "kali", "2–3 kali",
                 "Tidak perlu datang"),
                ("Fasyankes yang melayani dokumen kependudukan", "fasyankes", "6 (uji coba)", "41"),
                ("Bayi pulang dengan dokumen lengkap", "%", "38%", "95%"),
            ],
        },
        "partners": [
            ("BPJS Kesehatan Cabang Pekalongan", "central",
             "Pendaftaran bayi baru lahir sebagai peserta JKN"),
            ("Ikatan Bidan Indonesia Cabang Kabupaten Pekalongan", "community",
             "Sosialisasi dan pelaksanaan di praktik bidan mandiri"),
            ("PT Pos Indonesia KCP Kajen", "private", "Pengantaran dokumen ke rumah warga"),
        ],
        "risks": [
            ("Gangguan jaringan SIAK di fasyankes menunda penerbitan dokumen.", 2, 2,
             "Jaringan cadangan seluler dan penerbitan susulan paling lambat 1×24 jam.",
             "Diskominfo"),
            ("Pasokan blangko KIA dari pusat terlambat.", 2, 2,
             "KIA digital melalui Identitas Kependudukan Digital dan pengadaan daerah.",
             "Dindukcapil"),
        ],
    },
    {
        "name": "Mal Pelayanan Publik Digital",
        "element": "GOV-SRV",
        "description": (
            "Pengembangan Mal Pelayanan Publik menjadi layanan digital: antrean dan "
            "pengajuan daring, anjungan layanan mandiri di kecamatan dan gerai keliling ke "
            "desa terpencil."
        ),
        "problem": "Layanan MPP hanya dapat diakses di Kajen dan sebagian besar masih luring.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 2,
        "lead": "DPMPTSP",
        "supporting": ["Diskominfo", "Dindukcapil", "Bapenda"],
        "indicators": [
            {
                "name": "Layanan MPP yang dapat diajukan daring",
                "type": "OUTPUT",
                "unit": "layanan",
                "baseline": (2024, 45),
                "targets": [80, 120, 160, 200, 240],
                "source": "DPMPTSP",
            },
            {
                "name": "Indeks Kepuasan Masyarakat MPP",
                "type": "OUTCOME",
                "unit": "indeks",
                "baseline": (2024, "82.4"),
                "targets": [83, 84, 85, 86, 87],
                "source": "Survei kepuasan masyarakat",
            },
        ],
        "activities": [
            (2025, 2, "Aplikasi antrean dan pengajuan daring MPP", "Aplikasi MPP Digital",
             "DPMPTSP", 650, "APBD-KAB"),
            (2025, 3, "Integrasi perizinan berusaha dengan OSS-RBA", "Layanan terintegrasi",
             "DPMPTSP", 200, "APBD-KAB"),
            (2026, 1, "Anjungan layanan mandiri di kantor kecamatan", "19 anjungan layanan mandiri",
             "Diskominfo", 950, "APBD-KAB"),
            (2027, 2, "Gerai MPP keliling ke desa terpencil", "1 unit gerai keliling", "DPMPTSP",
             400, "APBD-PROV"),
            ((2028, 2029), None, "Pemeliharaan sistem dan survei kepuasan masyarakat",
             "Laporan IKM tahunan", "DPMPTSP", 300, "APBD-KAB"),
        ],
        "partners": [
            ("Bank Jateng Cabang Kajen", "private", "Loket pembayaran dan anjungan mandiri"),
        ],
    },
    {
        "name": "Perkantoran Digital dan Tanda Tangan Elektronik",
        "element": "GOV-BUR",
        "description": (
            "Surat-menyurat melalui SRIKANDI, sertifikat elektronik bagi seluruh pejabat "
            "dan tanda tangan elektronik pada aplikasi layanan OPD."
        ),
        "problem": "Naskah dinas masih dicetak dan diparaf manual sehingga disposisi lambat.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "lead": "Diskominfo",
        "supporting": ["Bagian Organisasi", "BKPSDM", "BPKAD"],
        "budget_code": "2.16.03.2.02.09",
        "indicators": [
            {
                "name": "Naskah dinas yang ditandatangani secara elektronik",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 35),
                "targets": [60, 80, 95],
                "source": "SRIKANDI",
            },
        ],
        "activities": [
            (2025, 1, "Penerbitan sertifikat elektronik bagi pejabat",
             "1.200 sertifikat elektronik", "Diskominfo", 120, "APBD-KAB"),
            (2025, 2, "Implementasi SRIKANDI di seluruh OPD dan kecamatan",
             "SRIKANDI di 52 perangkat daerah", "Bagian Organisasi", 180, "APBD-KAB"),
            (2026, 2, "Integrasi TTE dengan aplikasi layanan OPD", "TTE di 20 aplikasi",
             "Diskominfo", 350, "APBD-KAB"),
            (2027, 3, "Digitalisasi arsip vital dan statis", "25.000 arsip terdigitalisasi",
             "Bagian Organisasi", 400, "APBD-KAB"),
        ],
    },
    {
        "name": "Manajemen Kinerja dan Talenta ASN Digital",
        "element": "GOV-BUR",
        "description": (
            "Integrasi e-Kinerja, presensi dan tambahan penghasilan pegawai, peta talenta "
            "ASN dan sertifikasi kompetensi ASN bidang TIK."
        ),
        "problem": "Penilaian kinerja belum terhubung dengan data presensi dan talenta ASN.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "METHOD",
        "lead": "BKPSDM",
        "supporting": ["Bagian Organisasi", "Diskominfo"],
        "indicators": [
            {
                "name": "ASN TIK bersertifikat kompetensi",
                "type": "OUTPUT",
                "unit": "orang",
                "baseline": (2024, 8),
                "targets": [20, 35, 50, 65],
                "source": "BKPSDM",
            },
            {
                "name": "ASN yang kinerjanya dinilai melalui e-Kinerja",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 70),
                "targets": [90, 100, 100, 100],
                "source": "BKPSDM",
            },
        ],
        "activities": [
            (2025, 2, "Integrasi e-Kinerja dengan presensi dan TPP", "e-Kinerja terintegrasi",
             "BKPSDM", 250, "APBD-KAB"),
            ((2025, 2028), 3, "Sertifikasi kompetensi ASN bidang TIK",
             "15 ASN bersertifikat per tahun", "BKPSDM", 150, "APBD-KAB"),
            (2026, 1, "Penyusunan peta talenta dan pola karier ASN", "Peta talenta ASN", "BKPSDM",
             200, "APBD-KAB"),
        ],
    },
    {
        "name": "Satu Data Kabupaten Pekalongan",
        "element": "GOV-POL",
        "description": (
            "Tata kelola data sektoral dengan walidata, standar dan metadata yang sama, "
            "portal Satu Data dan integrasi dengan data perencanaan serta data desa."
        ),
        "problem": "Data OPD tidak terstandar dan tidak dimutakhirkan tepat waktu.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "CONCEPT",
        "priority": 1,
        "lead": "Diskominfo",
        "supporting": ["Bappeda", "Dispermades"],
        "gaps": [2],
        "indicators": [
            {
                "name": "Set data sektoral terstandar di portal Satu Data",
                "type": "OUTPUT",
                "unit": "set data",
                "baseline": (2024, 320),
                "targets": [600, 900, 1200, 1500, 1800],
                "source": "Portal Satu Data",
            },
            {
                "name": "OPD yang memutakhirkan data tepat waktu",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 40),
                "targets": [60, 75, 90, 100, 100],
                "source": "Forum Satu Data",
            },
        ],
        "activities": [
            (2025, 1, "Penyusunan Perbup Satu Data dan pembentukan Forum Satu Data",
             "Perbup Satu Data", "Diskominfo", 100, "APBD-KAB"),
            (2025, 3, "Pelatihan walidata pendukung OPD", "60 walidata terlatih", "Diskominfo", 120,
             "APBD-KAB"),
            (2026, 2, "Pengembangan portal Satu Data dan katalog metadata",
             "Portal dan katalog metadata", "Diskominfo", 450, "APBD-KAB"),
            (2027, 2, "Integrasi data sektoral dengan SIPD dan data desa", "Data terintegrasi",
             "Bappeda", 350, "APBD-KAB"),
            ((2028, 2029), None, "Pemutakhiran dan publikasi data sektoral",
             "Publikasi data tahunan", "Diskominfo", 200, "APBD-KAB"),
        ],
        "partners": [
            ("BPS Kabupaten Pekalongan", "central", "Pembina data statistik sektoral"),
        ],
    },
    {
        "name": "Pekalongan Command Center",
        "element": "GOV-POL",
        "description": (
            "Pusat kendali yang menyatukan dasbor kinerja pimpinan, CCTV, sensor rob, "
            "PSC 119 dan kanal aduan untuk pengambilan keputusan berbasis data."
        ),
        "problem": "Pimpinan belum memiliki gambaran kondisi daerah yang mutakhir dan terpadu.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "TECH",
        "priority": 2,
        "lead": "Diskominfo",
        "supporting": ["Bappeda", "BPBD", "Dishub", "Satpol PP"],
        "budget_code": "2.16.03.2.02.09",
        "indicators": [
            {
                "name": "Sumber data yang terhubung ke command center",
                "type": "OUTPUT",
                "unit": "sumber data",
                "baseline": (2024, 0),
                "targets": [3, 8, 14, 20, 26, 32, 38, 44, 50, 55],
                "source": "Diskominfo",
            },
            {
                "name": "Rapat pimpinan yang memakai dasbor kinerja",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 0),
                "targets": [0, 25, 50, 75, 100],
                "source": "Notula rapat pimpinan",
            },
        ],
        "activities": [
            (2025, 2, "Kajian kebutuhan dan desain rinci command center", "Dokumen DED",
             "Diskominfo", 250, "APBD-KAB"),
            (2026, 2, "Pembangunan ruang command center dan video wall", "Ruang command center",
             "Diskominfo", 1800, "APBD-KAB"),
            (2027, 1, "Pengembangan dasbor kinerja pimpinan", "Dasbor 12 urusan", "Diskominfo", 600,
             "APBD-KAB"),
            ((2027, 2034), None, "Operasional dan pemeliharaan command center",
             "Command center beroperasi 24 jam", "Diskominfo", 450, "APBD-KAB"),
            (2028, 3, "Integrasi CCTV, sensor rob dan PSC 119", "Integrasi 20 sumber data",
             "Diskominfo", 800, "APBN"),
            (2031, 2, "Peremajaan perangkat command center", "Perangkat diperbarui", "Diskominfo",
             1200, "APBD-KAB"),
        ],
        "risks": [
            ("Biaya operasional tinggi sementara pemanfaatan oleh OPD rendah.", 2, 2,
             "Kewajiban pemakaian dasbor dalam rapat pimpinan dan berbagi biaya antar-OPD.",
             "Diskominfo"),
        ],
    },
]

BRANDING = [
    {
        "name": "Petungkriyono Ekowisata Digital",
        "element": "BRD-TOU",
        "description": (
            "Tiket elektronik dan QRIS di destinasi Petungkriyono, peta digital jalur "
            "wisata beserta titik rawan longsor, serta pemasaran digital oleh pokdarwis."
        ),
        "problem": "Kunjungan tidak tercatat dan pendapatan wisata belum kembali ke desa.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "PRODUCT",
        "priority": 1,
        "lead": "Dinporapar",
        "supporting": ["Diskominfo", "Dispermades", "BPBD"],
        "indicators": [
            {
                "name": "Kunjungan wisatawan Petungkriyono yang tercatat digital",
                "type": "OUTCOME",
                "unit": "kunjungan",
                "baseline": (2024, 0),
                "targets": [60000, 95000, 130000, 160000, 190000],
                "source": "Sistem tiket elektronik",
            },
            {
                "name": "Destinasi dengan tiket elektronik",
                "type": "OUTPUT",
                "unit": "destinasi",
                "baseline": (2024, 0),
                "targets": [5, 10, 15, 18, 20],
            },
        ],
        "activities": [
            (2025, 2, "Tiket elektronik dan QRIS di destinasi Petungkriyono",
             "E-tiket di 5 destinasi", "Dinporapar", 300, "APBD-KAB"),
            (2025, 3, "Peta digital jalur wisata dan titik rawan longsor", "Peta digital",
             "Dinporapar", 150, "APBD-KAB"),
            (2026, 2, "Pelatihan pemasaran digital bagi pokdarwis dan pemandu",
             "80 pelaku wisata terlatih", "Dinporapar", 200, "DESA"),
            (2027, 2, "Perluasan tiket elektronik ke desa wisata", "E-tiket di 15 destinasi",
             "Dinporapar", 250, "APBD-PROV"),
            ((2028, 2029), 3, "Promosi digital dan Festival Petungkriyono",
             "Festival dan kampanye digital", "Dinporapar", 300, "APBD-KAB"),
        ],
        "partners": [
            ("Perum Perhutani KPH Pekalongan Timur", "private",
             "Pengelolaan bersama kawasan hutan wisata"),
            ("Pokdarwis Petungkriyono", "community", "Pengelolaan destinasi dan pemandu"),
        ],
    },
    {
        "name": "Jelajah Desa Wisata Batik dan Santri",
        "element": "BRD-TOU",
        "description": (
            "Paket wisata edukasi membatik dan wisata religi yang dipesan melalui aplikasi, "
            "dengan homestay dan pemandu bersertifikat."
        ),
        "problem": "Desa wisata belum memiliki paket dan kanal pemesanan yang mudah.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "lead": "Dinporapar",
        "supporting": ["Dinperindagkop UKM", "Dispermades"],
        "indicators": [
            {
                "name": "Desa wisata yang tampil di aplikasi Jelajah",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 4),
                "targets": [8, 12, 16, 20],
            },
        ],
        "activities": [
            (2025, 3, "Kurasi paket wisata edukasi membatik", "12 paket wisata", "Dinporapar", 150,
             "APBD-KAB"),
            (2026, 2, "Pengembangan aplikasi Jelajah Desa Wisata", "Aplikasi pemesanan",
             "Diskominfo", 350, "APBD-KAB"),
            (2027, 2, "Sertifikasi homestay dan pemandu wisata", "60 homestay bersertifikat",
             "Dinporapar", 200, "APBN"),
            (2028, 3, "Famtrip agen perjalanan dan pembuat konten", "4 famtrip", "Dinporapar", 250,
             "CSR"),
        ],
    },
    {
        "name": "Etalase Batik Kabupaten Pekalongan",
        "element": "BRD-BUS",
        "description": (
            "Etalase digital produk batik dan UMKM kabupaten dengan foto produk yang "
            "dikurasi, tautan ke marketplace nasional dan merek bersama Batik Kabupaten "
            "Pekalongan."
        ),
        "problem": "Produk batik kabupaten dijual lewat pengepul dengan nama daerah lain.",
        "pillar": "INF",
        "horizon": "SHORT",
        "innovation": "PRODUCT",
        "priority": 1,
        "lead": "Dinperindagkop UKM",
        "supporting": ["Diskominfo", "Dinporapar"],
        "gaps": [6],
        "indicators": [
            {
                "name": "Produk UMKM yang tampil di etalase digital",
                "type": "OUTPUT",
                "unit": "produk",
                "baseline": (2024, 150),
                "targets": [800, 1400],
            },
            {
                "name": "Nilai transaksi melalui etalase digital",
                "type": "OUTCOME",
                "unit": "juta Rp",
                "baseline": (2024, 120),
                "targets": [1500, 3500],
            },
        ],
        "activities": [
            (2025, 1, "Pengembangan etalase digital dan katalog produk", "Etalase digital",
             "Diskominfo", 350, "APBD-KAB"),
            (2025, 2, "Kurasi dan pemotretan produk UMKM", "800 produk terkurasi",
             "Dinperindagkop UKM", 200, "APBD-KAB"),
            (2025, 3, "Pendampingan UMKM masuk marketplace nasional", "400 UMKM daring",
             "Dinperindagkop UKM", 150, "APBD-PROV"),
            (2026, 2, "Kampanye Batik Kabupaten Pekalongan di pameran dan media sosial",
             "6 pameran dan kampanye digital", "Dinperindagkop UKM", 300, "CSR"),
        ],
        "quick_win": {
            "year": 2025,
            "beneficiaries": "Perajin batik dan UMKM binaan di 19 kecamatan",
            "beneficiaries_count": 800,
            "launch_date": date(2025, 5, 20),
            "status": "selected",
            "before_after": [
                ("Produk UMKM di katalog daring", "produk", "150", "800"),
                ("Perajin yang berjualan langsung secara daring", "%", "12%", "35%"),
            ],
        },
        "partners": [
            ("Asosiasi Perajin Batik Kabupaten Pekalongan", "community", "Kurasi produk"),
        ],
    },
    {
        "name": "Peta Potensi dan Layanan Investasi Daerah",
        "element": "BRD-BUS",
        "description": (
            "Peta potensi investasi digital, proyek investasi siap tawar dan forum bisnis "
            "yang mempertemukan investor dengan pelaku usaha lokal."
        ),
        "problem": "Investor sulit memperoleh informasi lahan, potensi dan perizinan.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "PRODUCT",
        "lead": "DPMPTSP",
        "supporting": ["Bappeda", "Diskominfo", "DPUPR"],
        "indicators": [
            {
                "name": "Proyek investasi siap tawar",
                "type": "OUTPUT",
                "unit": "proyek",
                "baseline": (2024, 2),
                "targets": [4, 6, 8, 10],
            },
            {
                "name": "Realisasi investasi",
                "type": "OUTCOME",
                "unit": "miliar Rp",
                "baseline": (2024, 1850),
                "targets": [2000, 2200, 2450, 2700],
                "source": "DPMPTSP",
            },
        ],
        "activities": [
            (2025, 2, "Penyusunan peta potensi investasi digital", "Peta potensi daring", "DPMPTSP",
             250, "APBD-KAB"),
            (2026, 2, "Kajian proyek investasi siap tawar", "4 kajian proyek", "DPMPTSP", 400,
             "APBD-PROV"),
            (2027, 3, "Forum bisnis dan temu investor", "Forum bisnis tahunan", "DPMPTSP", 200,
             "APBD-KAB"),
            (2028, 2, "Pemutakhiran peta potensi dan promosi investasi", "Peta potensi mutakhir",
             "DPMPTSP", 200, "APBD-KAB"),
        ],
    },
    {
        "name": "Penataan Alun-alun dan Koridor Batik Kajen",
        "element": "BRD-CTY",
        "description": (
            "Penataan alun-alun dan koridor jalan utama Kajen sebagai etalase budaya batik "
            "dan santri, dengan Wi-Fi publik, papan informasi digital dan ornamen batik."
        ),
        "problem": "Ruang publik ibu kota belum mencerminkan identitas daerah.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "CONCEPT",
        "lead": "Disperkim",
        "supporting": ["DPUPR", "Dinporapar", "Diskominfo"],
        "indicators": [
            {
                "name": "Ruang publik tertata dengan identitas batik",
                "type": "OUTPUT",
                "unit": "lokasi",
                "baseline": (2024, 0),
                "targets": [0, 1, 2, 3, 5, 7],
            },
        ],
        "activities": [
            (2026, 2, "Desain kawasan alun-alun Kajen dan koridor batik", "Dokumen desain",
             "Disperkim", 300, "APBD-KAB"),
            (2027, 2, "Penataan alun-alun Kajen dan Wi-Fi publik", "Alun-alun tertata", "Disperkim",
             2200, "APBD-KAB"),
            (2028, 2, "Penataan koridor jalan utama Kajen", "1,5 km koridor tertata", "DPUPR", 1800,
             "APBD-PROV"),
            (2029, 3, "Mural dan ornamen batik di fasilitas publik", "20 titik mural", "Disperkim",
             400, "CSR"),
            ((2030, 2031), 2, "Penataan ruang terbuka publik kecamatan", "2 ruang publik per tahun",
             "Disperkim", 900, "APBD-KAB"),
        ],
    },
    {
        "name": "Identitas Visual dan City Branding Kabupaten Pekalongan",
        "element": "BRD-CTY",
        "description": (
            "Merek daerah, panduan identitas visual dan penerapannya di kantor, kendaraan "
            "dinas, media sosial dan produk UMKM."
        ),
        "problem": "Tidak ada merek dan identitas visual daerah yang konsisten.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "CONCEPT",
        "lead": "Diskominfo",
        "supporting": ["Dinporapar", "Dinperindagkop UKM"],
        "indicators": [
            {
                "name": "OPD dan desa yang memakai panduan identitas visual",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 0),
                "targets": [30, 60, 90],
            },
        ],
        "activities": [
            (2025, 3, "Sayembara dan penyusunan merek daerah", "Merek dan panduan visual",
             "Diskominfo", 200, "APBD-KAB"),
            (2026, 2, "Penerapan identitas visual di kantor dan kendaraan dinas",
             "52 kantor memakai identitas", "Diskominfo", 300, "APBD-KAB"),
            (2027, 2, "Kampanye merek daerah di media nasional", "Kampanye nasional", "Diskominfo",
             350, "APBD-KAB"),
        ],
    },
]

ECONOMY = [
    {
        "name": "Batik Goes Digital",
        "element": "ECO-IND",
        "description": (
            "Pelatihan pemasaran digital dan fotografi produk, pendampingan desain motif "
            "berbasis aplikasi, rumah kreatif batik dan sertifikasi SNI serta ecolabel."
        ),
        "problem": "IKM batik kalah bersaing dengan batik printing dan minim adopsi teknologi.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "priority": 1,
        "lead": "Dinperindagkop UKM",
        "supporting": ["Diskominfo", "Disnaker"],
        "gaps": [6],
        "indicators": [
            {
                "name": "IKM batik dan konveksi yang memakai pemasaran digital",
                "type": "OUTPUT",
                "unit": "IKM",
                "baseline": (2024, 320),
                "targets": [600, 900, 1200, 1400, 1500],
            },
            {
                "name": "Omzet rata-rata IKM binaan",
                "type": "OUTCOME",
                "unit": "juta Rp/bulan",
                "baseline": (2024, 18),
                "targets": [20, 22, 25, 27, 30],
            },
        ],
        "activities": [
            ((2025, 2029), 2, "Pelatihan pemasaran digital dan fotografi produk",
             "300 IKM per tahun", "Dinperindagkop UKM", 250, "APBD-KAB"),
            (2025, 3, "Pendampingan desain motif berbasis aplikasi", "100 IKM didampingi",
             "Dinperindagkop UKM", 150, "APBD-PROV"),
            (2026, 3, "Rumah kreatif desain dan produksi digital batik", "1 rumah kreatif",
             "Dinperindagkop UKM", 1200, "APBN"),
            (2027, 2, "Sertifikasi SNI dan ecolabel batik", "50 IKM bersertifikat",
             "Dinperindagkop UKM", 300, "APBD-PROV"),
        ],
        "partners": [
            ("Universitas Pekalongan", "academia", "Pendampingan desain dan riset pasar"),
            ("Paguyuban Perajin Batik Wiradesa", "community", "Mobilisasi perajin"),
        ],
    },
    {
        "name": "Klinik Kekayaan Intelektual Batik",
        "element": "ECO-IND",
        "description": (
            "Klinik keliling pendaftaran merek dan desain industri, merek kolektif Batik "
            "Kabupaten Pekalongan dan basis data motif khas."
        ),
        "problem": "Motif dan merek perajin mudah ditiru karena belum terdaftar.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "METHOD",
        "lead": "Dinperindagkop UKM",
        "supporting": ["Diskominfo", "Dindikbud"],
        "indicators": [
            {
                "name": "Merek dan desain industri batik terdaftar",
                "type": "OUTPUT",
                "unit": "sertifikat",
                "baseline": (2024, 40),
                "targets": [100, 180, 260, 340],
            },
        ],
        "activities": [
            (2025, 2, "Klinik kekayaan intelektual keliling di sentra batik",
             "100 pendaftaran merek", "Dinperindagkop UKM", 150, "APBD-KAB"),
            (2026, 2, "Fasilitasi merek kolektif Batik Kabupaten Pekalongan",
             "Merek kolektif terdaftar", "Dinperindagkop UKM", 200, "APBD-KAB"),
            (2027, 3, "Digitalisasi motif batik khas sebagai basis data", "500 motif tercatat",
             "Dindikbud", 300, "APBN"),
            (2028, 2, "Fasilitasi sertifikasi Batikmark", "80 IKM bersertifikat",
             "Dinperindagkop UKM", 200, "APBD-PROV"),
        ],
        "partners": [
            ("Kantor Wilayah Kementerian Hukum Jawa Tengah", "central",
             "Fasilitasi pendaftaran kekayaan intelektual"),
        ],
    },
    {
        "name": "Data Terpadu Kesejahteraan Sosial (SIDATUK)",
        "element": "ECO-WEL",
        "description": (
            "Aplikasi pemutakhiran data kesejahteraan berbasis NIK yang diisi desa setiap "
            "triwulan dan dipakai bersama oleh seluruh program penanggulangan kemiskinan."
        ),
        "problem": "Data penerima bantuan tidak mutakhir dan berbeda antar-OPD.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 1,
        "lead": "Dinsos",
        "supporting": ["Bappeda", "Dindukcapil", "Diskominfo", "Dispermades"],
        "indicators": [
            {
                "name": "Desa yang memutakhirkan data kesejahteraan setiap triwulan",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 60),
                "targets": [150, 285, 285, 285, 285],
            },
            {
                "name": "Persentase penduduk miskin",
                "type": "IMPACT",
                "unit": "%",
                "baseline": (2024, "9.67"),
                "targets": ["9.2", "8.6", "8.0", "7.4", "6.9"],
                "source": "BPS",
            },
        ],
        "activities": [
            (2025, 2, "Pengembangan aplikasi SIDATUK terhubung NIK", "Aplikasi SIDATUK",
             "Diskominfo", 450, "APBD-KAB"),
            (2025, 3, "Pelatihan operator data desa", "285 operator terlatih", "Dinsos", 150,
             "DESA"),
            ((2026, 2029), 1, "Musyawarah desa pemutakhiran data", "Data desa mutakhir",
             "Dispermades", 300, "DESA"),
            (2027, 2, "Integrasi dengan bansos daerah dan program kemiskinan OPD",
             "12 program memakai SIDATUK", "Bappeda", 250, "APBD-KAB"),
        ],
    },
    {
        "name": "Pekalongan Kerja",
        "element": "ECO-WEL",
        "description": (
            "Bursa kerja daring, pelatihan vokasi berbasis kompetensi di balai latihan "
            "kerja dan bursa kerja tahunan bersama dunia usaha."
        ),
        "problem": "Pencari kerja dan lowongan tidak bertemu; pengangguran terbuka 4,5%.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PRODUCT",
        "lead": "Disnaker",
        "supporting": ["Dinperindagkop UKM", "Diskominfo"],
        "indicators": [
            {
                "name": "Pencari kerja yang ditempatkan melalui bursa kerja daring",
                "type": "OUTCOME",
                "unit": "orang",
                "baseline": (2024, 900),
                "targets": [1400, 1900, 2400, 2900, 3300],
            },
            {
                "name": "Tingkat pengangguran terbuka",
                "type": "IMPACT",
                "unit": "%",
                "baseline": (2024, "4.47"),
                "targets": ["4.3", "4.1", "3.9", "3.7", "3.5"],
                "source": "BPS",
            },
        ],
        "activities": [
            (2025, 2, "Aplikasi bursa kerja daring", "Aplikasi Pekalongan Kerja", "Disnaker", 300,
             "APBD-KAB"),
            ((2025, 2029), 3, "Pelatihan vokasi berbasis kompetensi", "320 peserta per tahun",
             "Disnaker", 600, "APBN"),
            ((2026, 2029), 4, "Bursa kerja daring dan luring", "Bursa kerja tahunan", "Disnaker",
             150, "CSR"),
        ],
    },
    {
        "name": "Pasar Rakyat Nontunai",
        "element": "ECO-TRX",
        "description": (
            "QRIS bagi pedagang dan e-retribusi di 14 pasar rakyat, diperluas ke pasar desa "
            "dan pedagang kaki lima."
        ),
        "problem": "Transaksi dan retribusi pasar masih tunai dan rawan kebocoran.",
        "pillar": "INF",
        "horizon": "SHORT",
        "innovation": "TECH",
        "priority": 1,
        "lead": "Dinperindagkop UKM",
        "supporting": ["BPKAD", "Bapenda", "Diskominfo"],
        "gaps": [6],
        "indicators": [
            {
                "name": "Pedagang pasar rakyat yang menerima QRIS",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 18),
                "targets": [60, 90],
            },
            {
                "name": "Retribusi pasar yang dibayar nontunai",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 5),
                "targets": [60, 100],
            },
        ],
        "activities": [
            (2025, 1, "Sosialisasi dan pendaftaran QRIS pedagang", "2.500 pedagang terdaftar",
             "Dinperindagkop UKM", 150, "APBD-KAB"),
            (2025, 2, "E-retribusi pasar dengan kartu dan QRIS", "E-retribusi di 14 pasar",
             "Dinperindagkop UKM", 350, "APBD-KAB"),
            (2025, 4, "Pendampingan pedagang dan evaluasi", "Laporan evaluasi",
             "Dinperindagkop UKM", 100, "APBD-KAB"),
            (2026, 2, "Perluasan ke pasar desa dan pedagang kaki lima", "1.700 pedagang tambahan",
             "Dinperindagkop UKM", 200, "CSR"),
        ],
        "quick_win": {
            "year": 2025,
            "beneficiaries": "Pedagang dan pembeli di 14 pasar rakyat",
            "beneficiaries_count": 4200,
            "launch_date": date(2025, 4, 14),
            "status": "selected",
            "before_after": [
                ("Pedagang yang menerima QRIS", "%", "18%", "90%"),
                ("Retribusi pasar nontunai", "%", "5%", "100%"),
            ],
        },
        "partners": [
            ("Bank Jateng Cabang Kajen", "private", "Penyedia QRIS dan e-retribusi"),
            ("Bank Indonesia", "central", "Edukasi pembayaran digital"),
        ],
    },
    {
        "name": "Elektronifikasi Pendapatan dan Belanja Daerah",
        "element": "ECO-TRX",
        "description": (
            "Pembayaran pajak daerah melalui kanal digital, e-SPPT yang terhubung ke desa, "
            "kartu kredit pemerintah daerah dan dasbor pendapatan real time."
        ),
        "problem": "Sebagian pajak daerah masih dipungut tunai melalui petugas desa.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "lead": "Bapenda",
        "supporting": ["BPKAD", "Diskominfo"],
        "indicators": [
            {
                "name": "Indeks elektronifikasi transaksi pemerintah daerah",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 78),
                "targets": [85, 90, 95, 100],
                "source": "TP2DD",
            },
        ],
        "activities": [
            (2025, 2, "Pembayaran PBB-P2 dan BPHTB melalui kanal digital", "8 kanal pembayaran",
             "Bapenda", 300, "APBD-KAB"),
            (2026, 2, "Integrasi e-SPPT dengan aplikasi desa", "e-SPPT di 285 desa", "Bapenda", 200,
             "APBD-KAB"),
            (2027, 1, "Kartu kredit pemerintah daerah untuk belanja OPD", "52 OPD memakai KKPD",
             "BPKAD", 100, "APBD-KAB"),
            (2028, 3, "Dasbor pendapatan daerah real time", "Dasbor pendapatan", "Bapenda", 250,
             "APBD-KAB"),
        ],
    },
]

LIVING = [
    {
        "name": "Sistem Informasi Tata Ruang dan Perizinan Bangunan",
        "element": "LIV-HAR",
        "description": (
            "Digitalisasi RTRW dan RDTR, layanan informasi tata ruang dan persetujuan "
            "bangunan gedung daring, serta RDTR pesisir berbasis risiko rob."
        ),
        "problem": "Peta tata ruang belum digital sehingga perizinan bangunan lambat.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "lead": "DPUPR",
        "supporting": ["DPMPTSP", "Disperkim", "Diskominfo"],
        "indicators": [
            {
                "name": "Persetujuan bangunan gedung yang terbit daring",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 30),
                "targets": [60, 80, 100],
            },
            {
                "name": "Rencana detail tata ruang terdigitalisasi",
                "type": "OUTPUT",
                "unit": "dokumen",
                "baseline": (2024, 1),
                "targets": [2, 4, 6],
            },
        ],
        "activities": [
            (2025, 2, "Digitalisasi peta RTRW dan RDTR", "Peta tata ruang digital", "DPUPR", 500,
             "APBD-KAB"),
            (2026, 2, "Layanan informasi tata ruang dan PBG daring", "Layanan daring", "DPUPR", 400,
             "APBD-KAB"),
            (2027, 3, "Penyusunan RDTR kawasan pesisir berbasis risiko rob", "RDTR pesisir",
             "DPUPR", 800, "APBN"),
        ],
    },
    {
        "name": "Permukiman Pesisir Tangguh Rob",
        "element": "LIV-HAR",
        "description": (
            "Pendataan rumah terdampak rob berbasis peta digital, peningkatan kualitas "
            "rumah tidak layak huni dan rencana kawasan permukiman pesisir."
        ),
        "problem": "Ribuan rumah di Tirto, Wonokerto dan Siwalan terendam rob berkala.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "PROGRAM",
        "priority": 1,
        "lead": "Disperkim",
        "supporting": ["DPUPR", "BPBD", "Kec. Wonokerto"],
        "indicators": [
            {
                "name": "Rumah di kawasan rob yang ditingkatkan kualitasnya",
                "type": "OUTPUT",
                "unit": "unit",
                "baseline": (2024, 120),
                "targets": [120, 270, 420, 570, 720, 870, 1020, 1170, 1320, 1470],
            },
        ],
        "activities": [
            (2025, 2, "Pendataan rumah terdampak rob berbasis peta digital",
             "Basis data rumah terdampak", "Disperkim", 250, "APBD-KAB"),
            ((2026, 2034), 3, "Peningkatan kualitas rumah tidak layak huni di kawasan rob",
             "150 rumah per tahun", "Disperkim", 2100, "APBN"),
            (2027, 2, "Penyusunan rencana kawasan permukiman pesisir", "Dokumen rencana",
             "Disperkim", 350, "APBD-PROV"),
        ],
    },
    {
        "name": "Public Safety Center 119",
        "element": "LIV-HEA",
        "description": (
            "Layanan gawat darurat terpadu: call center 119, pemantauan ambulans dan "
            "tempat tidur rujukan, serta pos ambulans di wilayah selatan."
        ),
        "problem": "Waktu tanggap ambulans ke desa pegunungan lebih dari satu jam.",
        "pillar": "INF",
        "horizon": "SHORT",
        "innovation": "METHOD",
        "priority": 1,
        "lead": "Dinkes",
        "supporting": ["RSUD Kajen", "Diskominfo", "BPBD"],
        "indicators": [
            {
                "name": "Waktu tanggap ambulans gawat darurat",
                "type": "OUTCOME",
                "unit": "menit",
                "baseline": (2024, 65),
                "targets": [35, 25],
            },
            {
                "name": "Panggilan darurat yang tertangani",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 70),
                "targets": [90, 98],
            },
        ],
        "activities": [
            (2025, 1, "Pembentukan tim dan call center PSC 119", "Call center 24 jam", "Dinkes",
             350, "APBD-KAB"),
            (2025, 2, "Aplikasi pemantauan ambulans dan tempat tidur rujukan", "Aplikasi PSC 119",
             "Diskominfo", 250, "APBD-KAB"),
            (2025, 3, "Pos ambulans di Doro dan Paninggaran", "2 pos ambulans", "Dinkes", 900,
             "APBN"),
            (2026, 2, "Pelatihan pertolongan pertama bagi relawan desa", "570 relawan terlatih",
             "Dinkes", 200, "DESA"),
        ],
        "quick_win": {
            "year": 2025,
            "beneficiaries": "Warga yang membutuhkan pertolongan gawat darurat, terutama di "
            "wilayah selatan",
            "launch_date": date(2025, 7, 1),
            "status": "selected",
            "before_after": [
                ("Waktu tanggap ambulans", "menit", "± 65", "< 30"),
                ("Nomor darurat kesehatan", "", "Nomor puskesmas berbeda-beda", "Satu nomor 119"),
            ],
        },
        "partners": [
            ("PMI Kabupaten Pekalongan", "community", "Relawan dan ambulans"),
        ],
    },
    {
        "name": "Rekam Medis Elektronik Terintegrasi",
        "element": "LIV-HEA",
        "description": (
            "Rekam medis elektronik di puskesmas dan RSUD yang terhubung ke SATUSEHAT, "
            "dilengkapi telekonsultasi puskesmas dengan dokter spesialis RSUD Kajen."
        ),
        "problem": "Riwayat pasien tidak berpindah bersama rujukan sehingga pemeriksaan diulang.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "lead": "Dinkes",
        "supporting": ["RSUD Kajen", "Diskominfo"],
        "indicators": [
            {
                "name": "Fasyankes yang terhubung SATUSEHAT",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 40),
                "targets": [75, 100, 100],
            },
        ],
        "activities": [
            (2025, 2, "Perangkat dan jaringan rekam medis elektronik puskesmas",
             "27 puskesmas siap RME", "Dinkes", 1200, "APBN"),
            (2026, 2, "Integrasi SIMPUS dan SIMRS dengan SATUSEHAT", "Integrasi 29 fasyankes",
             "Dinkes", 450, "APBD-KAB"),
            (2027, 2, "Telekonsultasi puskesmas dengan RSUD Kajen",
             "Telekonsultasi di 27 puskesmas", "RSUD Kajen", 350, "APBD-KAB"),
        ],
    },
    {
        "name": "Posyandu Digital Cegah Stunting",
        "element": "LIV-HEA",
        "description": (
            "Pencatatan tumbuh kembang balita secara digital di posyandu, dasbor stunting "
            "desa dan kecamatan serta audit kasus stunting berbasis data."
        ),
        "problem": "Data stunting terlambat karena pencatatan posyandu masih manual.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 1,
        "lead": "Dinkes",
        "supporting": ["DP3AP2KB", "Dispermades", "Diskominfo"],
        "indicators": [
            {
                "name": "Prevalensi stunting balita",
                "type": "IMPACT",
                "unit": "%",
                "baseline": (2024, "18.9"),
                "targets": ["17.5", "16.0", "15.0", "14.0"],
                "source": "Survei Status Gizi",
            },
            {
                "name": "Posyandu yang melapor tumbuh kembang secara digital",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 25),
                "targets": [50, 80, 100, 100],
            },
        ],
        "activities": [
            (2025, 2, "Pelatihan kader posyandu memakai aplikasi", "2.400 kader terlatih", "Dinkes",
             300, "APBN"),
            (2026, 1, "Tablet dan alat antropometri posyandu", "1.200 posyandu lengkap",
             "Dispermades", 900, "DESA"),
            (2027, 2, "Dasbor stunting desa dan kecamatan", "Dasbor daring", "Diskominfo", 200,
             "APBD-KAB"),
            (2028, 3, "Audit kasus stunting berbasis data", "Audit di 19 kecamatan", "Dinkes", 150,
             "APBD-KAB"),
        ],
        "partners": [
            ("Tim Penggerak PKK Kabupaten Pekalongan", "community", "Penggerakan kader posyandu"),
        ],
    },
    {
        "name": "Angkudes Pintar",
        "element": "LIV-MOB",
        "description": (
            "GPS pada armada angkutan desa, aplikasi jadwal dan trayek, layanan angkutan "
            "pelajar rute selatan dan halte pintar."
        ),
        "problem": "Trayek angkutan desa ke Kajen berkurang dan jadwal tidak pasti.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "PRODUCT",
        "lead": "Dishub",
        "supporting": ["Diskominfo", "Dispermades"],
        "indicators": [
            {
                "name": "Trayek angkutan desa dengan informasi jadwal real time",
                "type": "OUTPUT",
                "unit": "trayek",
                "baseline": (2024, 0),
                "targets": [4, 8, 12, 16],
            },
            {
                "name": "Penumpang angkutan desa",
                "type": "OUTCOME",
                "unit": "penumpang/hari",
                "baseline": (2024, 2100),
                "targets": [2400, 2800, 3200, 3600],
            },
        ],
        "activities": [
            (2025, 2, "Pemasangan GPS pada armada angkutan desa", "60 armada ber-GPS", "Dishub",
             200, "APBD-KAB"),
            (2026, 2, "Aplikasi informasi trayek dan jadwal", "Aplikasi Angkudes Pintar",
             "Diskominfo", 300, "APBD-KAB"),
            (2027, 1, "Angkutan pelajar rute selatan", "4 rute angkutan pelajar", "Dishub", 1500,
             "APBD-PROV"),
            (2028, 3, "Halte pintar di titik transit", "10 halte pintar", "Dishub", 600,
             "APBD-KAB"),
        ],
    },
    {
        "name": "Manajemen Lalu Lintas Jalur Pantura",
        "element": "LIV-MOB",
        "description": (
            "Area traffic control system (ATCS) di simpang padat jalur pantura "
            "Wiradesa–Tirto yang terhubung ke command center."
        ),
        "problem": "Simpang pantura padat dan rawan kecelakaan pada jam sibuk.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "TECH",
        "lead": "Dishub",
        "supporting": ["Diskominfo", "DPUPR"],
        "indicators": [
            {
                "name": "Simpang yang dikendalikan ATCS",
                "type": "OUTPUT",
                "unit": "simpang",
                "baseline": (2024, 2),
                "targets": [2, 6, 6, 10, 10, 12],
            },
        ],
        "activities": [
            (2026, 2, "Kajian dan desain rinci ATCS pantura", "Dokumen DED", "Dishub", 300,
             "APBD-KAB"),
            (2027, 3, "Pembangunan ATCS di simpang Wiradesa–Tirto", "4 simpang ATCS", "Dishub",
             2200, "APBN"),
            (2028, 2, "Evaluasi kinerja simpang dan kalibrasi ATCS", "Laporan evaluasi", "Dishub",
             250, "APBD-KAB"),
            (2029, 3, "Perluasan ATCS ke simpang kabupaten", "4 simpang ATCS tambahan", "Dishub",
             1800, "APBD-PROV"),
            ((2030, 2031), None, "Operasional dan pemeliharaan ATCS", "ATCS beroperasi", "Dishub",
             300, "APBD-KAB"),
        ],
    },
]

SOCIETY = [
    {
        "name": "Desa Digital Pekalongan",
        "element": "SOC-COM",
        "description": (
            "Sistem informasi desa di seluruh desa, pelatihan operator, serta akses internet "
            "bagi desa pegunungan yang masih blank spot."
        ),
        "problem": "Desa belum memakai sistem informasi desa dan 27 desa masih blank spot.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "priority": 1,
        "lead": "Dispermades",
        "supporting": ["Diskominfo", "Bappeda"],
        "gaps": [5],
        "indicators": [
            {
                "name": "Desa yang memakai sistem informasi desa",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 90),
                "targets": [150, 200, 250, 285, 285],
            },
            {
                "name": "Desa blank spot yang terhubung internet",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 0),
                "targets": [6, 14, 22, 27],
            },
        ],
        "activities": [
            ((2025, 2029), 2, "Pelatihan operator sistem informasi desa", "60 desa per tahun",
             "Dispermades", 200, "DESA"),
            (2025, 3, "Pemetaan blank spot dan usulan BTS", "Peta blank spot", "Diskominfo", 100,
             "APBD-KAB"),
            (2026, 3, "Internet desa di desa pegunungan", "14 desa terhubung", "Diskominfo", 900,
             "APBN"),
            (2027, 3, "Akses internet sekolah dan balai desa wilayah selatan", "8 desa terhubung",
             "Diskominfo", 700, "CSR"),
        ],
        "partners": [
            ("BAKTI Kementerian Komunikasi dan Digital", "central",
             "Pembangunan BTS dan akses internet"),
            ("Relawan TIK Kabupaten Pekalongan", "community", "Pendampingan operator desa"),
        ],
    },
    {
        "name": "SAPA Bupati 24 Jam",
        "element": "SOC-COM",
        "description": (
            "Penguatan kanal aduan SAPA Bupati: integrasi WhatsApp, media sosial dan "
            "SP4N-LAPOR!, admin aduan di setiap OPD dan dasbor tindak lanjut."
        ),
        "problem": "Aduan warga tersebar di banyak kanal dan lambat ditindaklanjuti.",
        "pillar": "SUP",
        "horizon": "MEDIUM",
        "innovation": "METHOD",
        "lead": "Diskominfo",
        "supporting": ["Bagian Organisasi", "Satpol PP"],
        "indicators": [
            {
                "name": "Aduan warga yang ditindaklanjuti dalam 5 hari kerja",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 62),
                "targets": [80, 90, 95],
                "source": "SP4N-LAPOR!",
            },
        ],
        "activities": [
            (2025, 2, "Integrasi kanal aduan WhatsApp, media sosial dan SP4N-LAPOR!",
             "Satu kanal aduan terpadu", "Diskominfo", 200, "APBD-KAB"),
            (2025, 4, "Penunjukan dan pelatihan admin aduan OPD", "52 admin aduan", "Diskominfo",
             80, "APBD-KAB"),
            (2026, 2, "Dasbor kinerja tindak lanjut aduan", "Dasbor tindak lanjut", "Diskominfo",
             150, "APBD-KAB"),
            (2027, 3, "Survei kepuasan penanganan aduan", "Laporan survei", "Diskominfo", 100,
             "APBD-KAB"),
        ],
    },
    {
        "name": "KUDU SEKOLAH",
        "element": "SOC-LEA",
        "description": (
            "Gerakan mengajak kembali anak yang putus sekolah atau tidak melanjutkan agar "
            "menuntaskan wajib belajar 12 tahun. Anak tidak sekolah didata by name by "
            "address oleh desa, didampingi pendamping desa dan guru BK, lalu kembali ke "
            "sekolah, madrasah, pesantren atau kelas kesetaraan di PKBM, dengan beasiswa "
            "dan perlengkapan sekolah dari BAZNAS dan CSR."
        ),
        "problem": (
            "Ribuan anak usia 7–18 tahun tidak bersekolah, sebagian bekerja di industri "
            "rumahan batik dan konveksi; rata-rata lama sekolah sekitar 7,4 tahun."
        ),
        "pillar": "STR",
        "horizon": "SHORT",
        "innovation": "PROGRAM",
        "priority": 1,
        "lead": "Dindikbud",
        "supporting": ["Dispermades", "Dinsos", "Diskominfo", "DP3AP2KB", "Disnaker"],
        "gaps": [3],
        "rpjmd": "Misi 2 RPJMD: sumber daya manusia yang berkualitas; sasaran meningkatnya "
        "rata-rata lama sekolah.",
        "sustainability": (
            "Peraturan bupati tentang penanganan anak tidak sekolah, pendamping di setiap "
            "desa dibiayai dana desa, beasiswa BAZNAS dan CSR yang berulang setiap tahun, "
            "serta indikator ATS dalam penilaian kinerja camat dan kepala desa."
        ),
        "indicators": [
            {
                "name": "Anak tidak sekolah yang kembali bersekolah atau ikut kesetaraan",
                "type": "OUTCOME",
                "unit": "anak",
                "baseline": (2024, 310),
                "targets": [1500, 2500],
                "source": "Aplikasi KUDU SEKOLAH",
            },
            {
                "name": "Desa dengan pendamping KUDU SEKOLAH",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 40),
                "targets": [150, 285],
            },
            {
                "name": "Rata-rata lama sekolah",
                "type": "IMPACT",
                "unit": "tahun",
                "baseline": (2024, "7.42"),
                "targets": ["7.6", "7.8"],
                "source": "BPS",
            },
        ],
        "activities": [
            (2025, 1, "Pendataan anak tidak sekolah by name by address", "Basis data ATS per desa",
             "Dindikbud", 250, "APBD-KAB"),
            (2025, 1, "Aplikasi pemantauan KUDU SEKOLAH", "Aplikasi dan dasbor ATS", "Diskominfo",
             200, "APBD-KAB"),
            (2025, 2, "Pelatihan pendamping desa dan guru BK", "150 pendamping terlatih",
             "Dindikbud", 180, "DESA"),
            (2025, 3, "Beasiswa dan perlengkapan sekolah bagi anak yang kembali",
             "1.500 anak menerima bantuan", "Dindikbud", 750, "CSR"),
            (2025, 3, "Kelas kesetaraan paket B dan C di PKBM", "40 rombongan belajar", "Dindikbud",
             600, "APBN"),
            (2026, 1, "Perluasan pendampingan ke seluruh desa", "285 pendamping", "Dispermades",
             250, "DESA"),
            (2026, 3, "Beasiswa dan perlengkapan sekolah bagi anak yang kembali",
             "2.500 anak menerima bantuan", "Dindikbud", 800, "CSR"),
            (2026, 3, "Kelas kesetaraan paket B dan C di PKBM", "60 rombongan belajar", "Dindikbud",
             650, "APBN"),
        ],
        "milestones": {
            2025: "1.500 anak kembali sekolah; pendamping di 150 desa",
            2026: "2.500 anak kembali sekolah; pendamping di 285 desa",
        },
        "quick_win": {
            "flagship": True,
            "year": 2025,
            "beneficiaries": (
                "Anak usia 7–18 tahun yang putus sekolah atau tidak melanjutkan, beserta "
                "keluarganya."
            ),
            "beneficiaries_count": 2500,
            "launch_date": date(2024, 7, 15),
            "status": "running",
            "before_after": [
                ("Anak tidak sekolah yang kembali bersekolah per tahun", "anak", "± 300", "1.500"),
                ("Waktu pendataan anak tidak sekolah", "", "3 bulan, manual per sekolah",
                 "2 minggu, daring per desa"),
                ("Desa dengan pendamping", "desa", "40", "285"),
            ],
        },
        "partners": [
            ("Kantor Kementerian Agama Kabupaten Pekalongan", "central",
             "Madrasah dan pondok pesantren penerima siswa"),
            ("Cabang Dinas Pendidikan Provinsi Jawa Tengah", "provincial",
             "Penerimaan kembali di SMA dan SMK"),
            ("BAZNAS Kabupaten Pekalongan", "community", "Beasiswa anak kembali sekolah"),
            ("Forum PKBM Kabupaten Pekalongan", "community", "Kelas kesetaraan"),
        ],
        "risks": [
            ("Anak kembali putus sekolah karena harus bekerja membantu keluarga.", 3, 3,
             "Beasiswa bersyarat, pendampingan keluarga oleh Dinsos dan kelas kesetaraan "
             "dengan jadwal fleksibel.", "Dindikbud"),
            ("Data anak tidak sekolah tidak dimutakhirkan desa.", 2, 2,
             "Pemutakhiran triwulanan sebagai indikator kinerja desa.", "Dispermades"),
        ],
    },
    {
        "name": "Literasi Digital Warga dan Relawan TIK",
        "element": "SOC-LEA",
        "description": (
            "Kelas literasi digital di pesantren, sekolah dan balai desa, relawan TIK di "
            "setiap kecamatan dan kampanye antihoaks serta antipenipuan daring."
        ),
        "problem": "Warga rentan hoaks, judi daring dan penipuan digital.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "lead": "Diskominfo",
        "supporting": ["Dindikbud", "Dispermades", "Kesbangpol"],
        "indicators": [
            {
                "name": "Warga yang mengikuti kelas literasi digital",
                "type": "OUTPUT",
                "unit": "orang",
                "baseline": (2024, 2500),
                "targets": [5000, 8000, 11000, 14000, 17000],
            },
            {
                "name": "Indeks literasi digital kabupaten",
                "type": "OUTCOME",
                "unit": "indeks",
                "baseline": (2024, "3.45"),
                "targets": ["3.55", "3.65", "3.75", "3.85", "3.95"],
            },
        ],
        "activities": [
            ((2025, 2029), 2, "Kelas literasi digital di pesantren dan sekolah",
             "3.000 peserta per tahun", "Diskominfo", 200, "APBD-KAB"),
            (2025, 3, "Pembentukan relawan TIK kecamatan", "19 simpul relawan TIK", "Diskominfo",
             100, "APBD-KAB"),
            (2026, 3, "Kampanye antihoaks dan antipenipuan daring", "Kampanye di 285 desa",
             "Diskominfo", 150, "CSR"),
        ],
    },
    {
        "name": "Pekalongan Siaga 112 dan CCTV Terpadu",
        "element": "SOC-SEC",
        "description": (
            "Satu nomor darurat 112 untuk kebakaran, kecelakaan, bencana dan gangguan "
            "ketertiban, serta CCTV di titik rawan yang dipantau dari command center."
        ),
        "problem": "Laporan darurat masuk ke banyak nomor tanpa pemantauan bersama.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 1,
        "lead": "Diskominfo",
        "supporting": ["Satpol PP", "BPBD", "Dishub", "Dinkes"],
        "indicators": [
            {
                "name": "Titik CCTV yang terpantau",
                "type": "OUTPUT",
                "unit": "titik",
                "baseline": (2024, 18),
                "targets": [30, 40, 50, 60],
            },
            {
                "name": "Laporan darurat yang ditangani melalui 112",
                "type": "OUTCOME",
                "unit": "%",
                "baseline": (2024, 0),
                "targets": [60, 80, 90, 95],
            },
        ],
        "activities": [
            (2025, 3, "Aktivasi layanan darurat 112", "Call center 112", "Diskominfo", 300,
             "APBD-KAB"),
            (2026, 2, "Pemasangan CCTV di titik rawan", "22 CCTV baru", "Diskominfo", 800,
             "APBD-KAB"),
            (2027, 2, "Integrasi CCTV dan 112 dengan command center", "Integrasi penuh",
             "Diskominfo", 400, "APBD-KAB"),
            (2028, None, "Pemeliharaan CCTV dan call taker 112", "Layanan 24 jam", "Diskominfo",
             450, "APBD-KAB"),
        ],
    },
    {
        "name": "Linmas dan Kewaspadaan Dini Berbasis Aplikasi",
        "element": "SOC-SEC",
        "description": (
            "Aplikasi pelaporan linmas desa, pelatihan linmas dan forum kewaspadaan dini kecamatan."
        ),
        "problem": "Informasi potensi gangguan ketertiban dari desa terlambat diterima.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "METHOD",
        "lead": "Satpol PP",
        "supporting": ["Kesbangpol", "Dispermades"],
        "indicators": [
            {
                "name": "Desa dengan laporan kewaspadaan dini rutin",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 30),
                "targets": [80, 150, 220, 285],
            },
        ],
        "activities": [
            (2025, 3, "Aplikasi pelaporan linmas", "Aplikasi linmas", "Satpol PP", 150, "APBD-KAB"),
            (2026, 2, "Pelatihan linmas desa", "570 anggota linmas terlatih", "Satpol PP", 250,
             "DESA"),
            (2027, 2, "Forum kewaspadaan dini kecamatan", "19 forum aktif", "Kesbangpol", 150,
             "APBD-KAB"),
            (2028, 3, "Simulasi tanggap darurat terpadu", "4 simulasi", "Satpol PP", 200,
             "APBD-KAB"),
        ],
    },
]

ENVIRONMENT = [
    {
        "name": "Sistem Peringatan Dini Rob dan Penurunan Tanah",
        "element": "ENV-PRO",
        "description": (
            "Sensor pasang surut dan penakar hujan, pemantauan penurunan tanah dengan GNSS, "
            "sirene dan kanal siaga rob yang terhubung ke command center."
        ),
        "problem": "Informasi rob diterima warga terlambat dari media sosial.",
        "pillar": "INF",
        "horizon": "MEDIUM",
        "innovation": "TECH",
        "priority": 1,
        "lead": "BPBD",
        "supporting": ["DPUPR", "Diskominfo", "DLH", "Kec. Wonokerto"],
        "gaps": [4],
        "indicators": [
            {
                "name": "Desa pesisir yang terjangkau peringatan dini rob",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 3),
                "targets": [8, 14, 20, 24],
            },
            {
                "name": "Waktu peringatan sebelum rob",
                "type": "OUTCOME",
                "unit": "jam",
                "baseline": (2024, 0),
                "targets": [6, 12, 24, 24],
            },
        ],
        "activities": [
            (2025, 2, "Sensor pasang surut dan penakar hujan", "6 stasiun sensor", "BPBD", 650,
             "APBD-PROV"),
            (2026, 1, "Pemantauan penurunan tanah dengan GNSS", "10 titik pantau", "DPUPR", 450,
             "APBN"),
            (2026, 3, "Sirene dan kanal siaga rob", "12 sirene dan kanal WhatsApp", "BPBD", 200,
             "APBD-KAB"),
            (2027, 2, "Integrasi peringatan dini dengan command center", "Peringatan otomatis",
             "Diskominfo", 300, "APBD-KAB"),
            (2028, 3, "Simulasi evakuasi rob di desa pesisir", "24 desa tangguh bencana", "BPBD",
             150, "DESA"),
        ],
        "partners": [
            ("BMKG", "central", "Data prakiraan pasang maksimum"),
            ("Universitas Diponegoro", "academia", "Kajian penurunan muka tanah"),
        ],
    },
    {
        "name": "Rehabilitasi Mangrove dan Sabuk Pantai Wonokerto",
        "element": "ENV-PRO",
        "description": (
            "Penanaman dan pemeliharaan mangrove bersama kelompok tani tambak, pemantauan "
            "tutupan mangrove dengan drone dan pemecah ombak di pesisir Wonokerto."
        ),
        "problem": "Abrasi menggerus pantai dan tambak di Wonokerto setiap tahun.",
        "pillar": "NAT",
        "horizon": "LONG",
        "innovation": "PROGRAM",
        "lead": "DLH",
        "supporting": ["Dinkan", "Kec. Wonokerto", "BPBD"],
        "indicators": [
            {
                "name": "Luas mangrove terehabilitasi",
                "type": "OUTCOME",
                "unit": "ha",
                "baseline": (2024, 35),
                "targets": [50, 65, 80, 95, 110, 120, 130, 140, 145, 150],
            },
        ],
        "activities": [
            ((2025, 2034), 4, "Penanaman dan pemeliharaan mangrove", "15 ha per tahun", "DLH", 350,
             "CSR"),
            (2026, 2, "Pemantauan tutupan mangrove dengan citra satelit dan drone",
             "Peta tutupan mangrove", "DLH", 200, "APBD-KAB"),
            (2027, 3, "Pemecah ombak di pesisir Wonokerto", "800 m pemecah ombak", "Dinkan", 2000,
             "APBN"),
        ],
        "partners": [
            ("Kelompok Tani Tambak Mangrove Wonokerto", "community", "Pembibitan dan penanaman"),
        ],
    },
    {
        "name": "Bank Sampah Digital",
        "element": "ENV-WST",
        "description": (
            "Aplikasi tabungan sampah untuk bank sampah desa, timbangan digital dan "
            "pembangunan TPS3R sehingga sampah dipilah sejak dari rumah."
        ),
        "problem": "Pencatatan bank sampah manual dan sampah terpilah masih sedikit.",
        "pillar": "STR",
        "horizon": "SHORT",
        "innovation": "PRODUCT",
        "priority": 1,
        "lead": "DLH",
        "supporting": ["Dispermades", "Diskominfo"],
        "indicators": [
            {
                "name": "Bank sampah yang mencatat transaksi secara digital",
                "type": "OUTPUT",
                "unit": "unit",
                "baseline": (2024, 12),
                "targets": [60, 120],
            },
            {
                "name": "Sampah yang dipilah dan didaur ulang",
                "type": "OUTCOME",
                "unit": "ton/bulan",
                "baseline": (2024, 85),
                "targets": [160, 260],
            },
        ],
        "activities": [
            (2025, 1, "Aplikasi bank sampah digital", "Aplikasi tabungan sampah", "DLH", 200,
             "APBD-KAB"),
            (2025, 2, "Pelatihan pengelola bank sampah", "120 pengelola terlatih", "DLH", 120,
             "DESA"),
            (2025, 3, "Timbangan digital dan sarana bank sampah", "60 paket sarana", "DLH", 300,
             "CSR"),
            (2026, 2, "Pembangunan TPS3R desa", "4 TPS3R", "DLH", 1600, "APBN"),
        ],
        "quick_win": {
            "year": 2025,
            "beneficiaries": "Nasabah bank sampah, pengelola TPS3R dan pemulung mitra",
            "beneficiaries_count": 9000,
            "launch_date": date(2025, 6, 5),
            "status": "selected",
            "before_after": [
                ("Bank sampah dengan pencatatan digital", "unit", "12", "120"),
                ("Sampah terpilah dan didaur ulang", "ton/bulan", "85", "260"),
            ],
        },
    },
    {
        "name": "Pengolahan Limbah Batik Terpantau",
        "element": "ENV-WST",
        "description": (
            "IPAL komunal di sentra batik, sensor kualitas air Sungai Sengkarang dan "
            "pengawasan IKM agar limbah pewarna tidak dibuang langsung ke sungai."
        ),
        "problem": "Limbah cair batik rumahan mencemari sungai.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "TECH",
        "priority": 1,
        "lead": "DLH",
        "supporting": ["Dinperindagkop UKM", "DPUPR"],
        "gaps": [7],
        "indicators": [
            {
                "name": "Sentra batik yang terlayani IPAL komunal",
                "type": "OUTPUT",
                "unit": "sentra",
                "baseline": (2024, 3),
                "targets": [3, 4, 5, 6, 7, 8, 9, 9],
            },
            {
                "name": "Indeks kualitas air sungai",
                "type": "IMPACT",
                "unit": "indeks",
                "baseline": (2024, "48.5"),
                "targets": [49, 50, 52, 54, 56, 58, 60, 62],
                "source": "DLH",
            },
        ],
        "activities": [
            (2025, 2, "Kajian teknologi pengolahan limbah pewarna batik", "Dokumen kajian", "DLH",
             300, "APBD-PROV"),
            ((2026, 2031), 2, "Pembangunan IPAL komunal sentra batik", "1 IPAL per tahun", "DPUPR",
             1800, "APBN"),
            (2027, 3, "Sensor kualitas air Sungai Sengkarang", "5 sensor daring", "DLH", 400,
             "APBD-KAB"),
            ((2028, 2032), 4, "Pemantauan kualitas air dan pengawasan IKM", "Laporan kualitas air",
             "DLH", 250, "APBD-KAB"),
        ],
    },
    {
        "name": "PJU Tenaga Surya dan Efisiensi Energi",
        "element": "ENV-NRG",
        "description": (
            "Audit energi, penggantian penerangan jalan umum konvensional dengan PJU tenaga "
            "surya dan PLTS atap di gedung pemerintah."
        ),
        "problem": "Tagihan listrik PJU dan gedung pemerintah membebani APBD.",
        "pillar": "INF",
        "horizon": "LONG",
        "innovation": "TECH",
        "lead": "Dishub",
        "supporting": ["DPUPR", "BPKAD"],
        "indicators": [
            {
                "name": "PJU bertenaga surya",
                "type": "OUTPUT",
                "unit": "%",
                "baseline": (2024, 4),
                "targets": [6, 9, 12, 15, 18, 21, 24, 27, 30],
            },
        ],
        "activities": [
            (2026, 1, "Audit energi PJU dan gedung pemerintah", "Laporan audit energi", "Dishub",
             200, "APBD-KAB"),
            ((2027, 2034), 2, "Penggantian PJU konvensional dengan PJU tenaga surya",
             "300 titik per tahun", "Dishub", 1500, "APBD-KAB"),
            (2028, 3, "PLTS atap gedung Setda dan RSUD Kajen", "PLTS 200 kWp", "DPUPR", 900,
             "KPBU"),
        ],
    },
    {
        "name": "Desa Mandiri Energi",
        "element": "ENV-NRG",
        "description": (
            "Pemetaan potensi biogas dan mikrohidro, instalasi biogas komunal dan PLTS desa "
            "serta pendampingan kelompok energi desa."
        ),
        "problem": "Potensi energi terbarukan desa belum dimanfaatkan.",
        "pillar": "STR",
        "horizon": "MEDIUM",
        "innovation": "PROGRAM",
        "lead": "Dispermades",
        "supporting": ["DLH"],
        "indicators": [
            {
                "name": "Desa mandiri energi",
                "type": "OUTPUT",
                "unit": "desa",
                "baseline": (2024, 2),
                "targets": [5, 9, 13, 17, 20],
            },
        ],
        "activities": [
            (2025, 3, "Pemetaan potensi biogas dan mikrohidro", "Peta potensi energi desa",
             "Dispermades", 150, "APBD-KAB"),
            ((2026, 2029), 2, "Instalasi biogas komunal dan PLTS desa", "4 desa per tahun",
             "Dispermades", 600, "DESA"),
            (2027, 3, "Pendampingan kelompok energi desa", "20 kelompok didampingi", "DLH", 150,
             "HIBAH"),
        ],
    },
]

# fmt: on

PROGRAMMES = GOVERNANCE + BRANDING + ECONOMY + LIVING + SOCIETY + ENVIRONMENT
