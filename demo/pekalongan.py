"""Kabupaten Pekalongan (Jawa Tengah, 33.26): the main demo plan of the 2024 cohort.

Realistic but illustrative: the bimtek facts (Tahap III on 30–31 July 2024, 65
participants from 40 institutions, ALDINO and KUDU SEKOLAH) come from the ministry's
news item; figures are rounded approximations and decree numbers, most people's
names and app names are made up for the demo. Programmes are in
``demo.pekalongan_programmes``, chapter texts in ``demo.pekalongan_texts``.
"""

from __future__ import annotations

from datetime import date

from demo.pekalongan_programmes import PROGRAMMES
from demo.pekalongan_texts import SECTIONS

REGION = {
    "slug": "pekalongan",
    "name": "Kabupaten Pekalongan",
    "kind": "kabupaten",
    "province": "Jawa Tengah",
    "code": "33.26",
}

PLAN = {
    "title": "Masterplan Smart City Kabupaten Pekalongan 2025–2034",
    "start_year": 2025,
    "end_year": 2034,
    "vision": (
        "Terwujudnya Kabupaten Pekalongan yang cerdas, melayani dan berdaya saing "
        "berbasis kolaborasi, kearifan lokal batik dan nilai-nilai santri."
    ),
    "missions": [
        "Mewujudkan tata kelola pemerintahan digital yang terpadu, transparan dan "
        "melayani hingga ke desa.",
        "Memperkuat citra Kabupaten Pekalongan sebagai pusat batik dan ekowisata "
        "melalui promosi dan platform bisnis digital.",
        "Meningkatkan daya saing industri batik, UMKM dan kesejahteraan warga melalui "
        "ekonomi digital yang inklusif.",
        "Menyediakan layanan kesehatan, tata ruang dan transportasi yang aman, sehat "
        "dan tangguh terhadap banjir rob.",
        "Membangun masyarakat pembelajar yang cakap digital, guyub dan aman.",
        "Menjaga kelestarian lingkungan pesisir dan pegunungan serta mengelola sampah, "
        "limbah dan energi secara bertanggung jawab.",
    ],
    "rpjmd_reference": (
        "RPJMD Kabupaten Pekalongan Tahun 2021–2026, RPJPD Tahun 2025–2045 dan RTRW "
        "Kabupaten Pekalongan"
    ),
}

AGENCIES = [
    ("Dinas Komunikasi dan Informatika", "Diskominfo", "dinas"),
    ("Badan Perencanaan Pembangunan Daerah", "Bappeda", "badan"),
    ("Dinas Kesehatan", "Dinkes", "dinas"),
    ("Dinas Kependudukan dan Pencatatan Sipil", "Dindukcapil", "dinas"),
    ("Dinas Pendidikan dan Kebudayaan", "Dindikbud", "dinas"),
    ("Dinas Penanaman Modal dan Pelayanan Terpadu Satu Pintu", "DPMPTSP", "dinas"),
    ("Dinas Perhubungan", "Dishub", "dinas"),
    ("Dinas Lingkungan Hidup", "DLH", "dinas"),
    ("Dinas Pemuda, Olahraga dan Pariwisata", "Dinporapar", "dinas"),
    ("Dinas Perindustrian, Perdagangan, Koperasi dan UKM", "Dinperindagkop UKM", "dinas"),
    ("Badan Penanggulangan Bencana Daerah", "BPBD", "badan"),
    ("Satuan Polisi Pamong Praja", "Satpol PP", "dinas"),
    ("Dinas Tenaga Kerja", "Disnaker", "dinas"),
    ("Dinas Sosial", "Dinsos", "dinas"),
    ("Dinas Pekerjaan Umum dan Penataan Ruang", "DPUPR", "dinas"),
    ("Dinas Perumahan Rakyat dan Kawasan Permukiman", "Disperkim", "dinas"),
    ("Rumah Sakit Umum Daerah Kajen", "RSUD Kajen", "lainnya"),
    ("Badan Pengelolaan Keuangan dan Aset Daerah", "BPKAD", "badan"),
    ("Badan Pendapatan Daerah", "Bapenda", "badan"),
    ("Badan Kepegawaian dan Pengembangan Sumber Daya Manusia", "BKPSDM", "badan"),
    ("Bagian Organisasi Sekretariat Daerah", "Bagian Organisasi", "sekretariat"),
    ("Dinas Pemberdayaan Masyarakat dan Desa", "Dispermades", "dinas"),
    ("Dinas Perikanan", "Dinkan", "dinas"),
    (
        "Dinas Pemberdayaan Perempuan, Perlindungan Anak, Pengendalian Penduduk dan "
        "Keluarga Berencana",
        "DP3AP2KB",
        "dinas",
    ),
    ("Badan Kesatuan Bangsa dan Politik", "Kesbangpol", "badan"),
    ("Kecamatan Wonokerto", "Kec. Wonokerto", "kecamatan"),
]

PROFILE = {
    "data_year": 2023,
    "area_km2": "837.00",
    "population": 986000,
    "districts": 19,
    "villages": 285,
    "grdp_billion": "27450.00",
    "economic_growth": "4.92",
    "hdi": "73.15",
    "poverty_rate": "9.67",
    "unemployment_rate": "4.47",
    "internet_users": "68.40",
    "summary": (
        "Kabupaten Pekalongan terletak di pantai utara Jawa Tengah dengan ibu kota Kajen; "
        "wilayahnya membentang dari pesisir Wonokerto dan Tirto hingga pegunungan "
        "Petungkriyono. Angka merupakan perkiraan yang dibulatkan dari publikasi BPS "
        "(Kabupaten Pekalongan Dalam Angka 2024)."
    ),
}

READINESS = {
    "STR-HR": (
        "cukup",
        "Diskominfo memiliki 14 pranata komputer dan 6 tenaga teknis, namun sebagian besar "
        "OPD belum memiliki jabatan fungsional TIK. Literasi digital aparatur kecamatan "
        "dan desa masih beragam; relawan TIK aktif di 12 kecamatan.",
        "Data kepegawaian BKPSDM per Juni 2024; daftar hadir bimtek Tahap III (65 peserta "
        "dari 40 lembaga).",
    ),
    "STR-BUD": (
        "kurang",
        "Belanja TIK daerah sekitar 0,6% dari APBD dan tersebar di banyak OPD tanpa "
        "perencanaan terpadu. Pendanaan di luar APBD (CSR, dana desa) belum dipetakan.",
        "APBD 2024; rekapitulasi belanja TIK oleh Bappeda dan BPKAD.",
    ),
    "STR-LEAD": (
        "baik",
        "Bupati Fadia A. Rafik memimpin langsung Dewan Smart City dan membuka bimtek; "
        "Kepala Diskominfo Supriyadi memimpin Tim Pelaksana yang melibatkan OPD, "
        "perguruan tinggi, dunia usaha dan komunitas.",
        "Keputusan Bupati tentang Dewan Smart City dan Tim Pelaksana (April 2024); notula "
        "rapat koordinasi.",
    ),
    "INF-PHY": (
        "cukup",
        "Jalan kabupaten di wilayah selatan (Petungkriyono, Lebakbarang, Kandangserang) "
        "sebagian rusak dan rawan longsor; kawasan pesisir utara terdampak banjir rob "
        "sehingga infrastruktur sering terganggu.",
        "Data kondisi jalan DPUPR 2023; peta rawan bencana BPBD.",
    ),
    "INF-DIG": (
        "cukup",
        "Jaringan fiber optik menghubungkan 52 kantor OPD dan 19 kecamatan; pusat data "
        "daerah masih berupa ruang server sederhana. Sebanyak 27 desa di wilayah "
        "pegunungan masih berstatus blank spot atau sinyal lemah.",
        "Inventaris jaringan Diskominfo 2024; pemetaan BTS bersama operator seluler.",
    ),
    "INF-SOC": (
        "baik",
        "Modal sosial kuat: pondok pesantren, paguyuban perajin batik, PKK dan karang "
        "taruna aktif di hampir semua desa dan siap menjadi simpul literasi digital.",
        "Data kelembagaan desa Dispermades; daftar paguyuban batik Dinperindagkop UKM.",
    ),
    "SUP-REG": (
        "kurang",
        "Sudah ada peraturan bupati tentang SPBE, tetapi belum ada regulasi satu data, "
        "keamanan informasi dan penetapan masterplan smart city.",
        "Inventarisasi produk hukum Bagian Hukum Setda 2024.",
    ),
    "SUP-INS": (
        "cukup",
        "Dewan Smart City dan Tim Pelaksana telah dibentuk; Forum Smart City baru akan "
        "dibentuk dan belum ada unit pengelola command center.",
        "Keputusan Bupati Pekalongan tahun 2024.",
    ),
    "SUP-SOP": (
        "kurang",
        "SOP layanan digital baru tersedia di Dindukcapil dan DPMPTSP; belum ada SOP "
        "berbagi pakai data dan penanganan insiden siber.",
        "Evaluasi SPBE 2023; dokumen SOP OPD.",
    ),
    "NAT-NAT": (
        "baik",
        "Hutan Petungkriyono (habitat owa jawa), curug dan perkebunan di selatan serta "
        "tambak dan mangrove di pesisir Wonokerto menjadi modal ekowisata dan ekonomi biru.",
        "Data Dinporapar dan Dinas Perikanan 2023.",
    ),
    "CUL-CUL": (
        "baik",
        "Batik Pekalongan (bagian dari warisan budaya takbenda UNESCO) dan tradisi santri "
        "membentuk identitas daerah; sentra batik tersebar di Wiradesa, Buaran, Kedungwuni "
        "dan Tirto.",
        "Data sentra IKM batik Dinperindagkop UKM 2023.",
    ),
}

GAPS = [
    {
        "pillar": "SUP",
        "dimension": "GOV",
        "current": "Akta kelahiran, KK dan KIA diurus terpisah; orang tua datang 2–3 kali ke "
        "Dindukcapil setelah bayi lahir.",
        "expected": "Dokumen kependudukan bayi terbit di fasilitas kesehatan sebelum ibu dan "
        "bayi pulang.",
        "gap": "Belum ada alur layanan dan berbagi data antara fasyankes dan Dindukcapil.",
    },
    {
        "pillar": "SUP",
        "dimension": "GOV",
        "current": "Data sektoral OPD tersimpan dalam format berbeda dan tidak dimutakhirkan "
        "berkala.",
        "expected": "Satu data daerah dengan standar, metadata dan walidata yang jelas.",
        "gap": "Belum ada perbup satu data dan forum satu data yang aktif.",
    },
    {
        "pillar": "STR",
        "dimension": "SOC",
        "current": "Data anak tidak sekolah tersebar di sekolah, desa dan Dinsos tanpa "
        "pemutakhiran.",
        "expected": "Setiap anak tidak sekolah terdata per desa dan didampingi kembali bersekolah.",
        "gap": "Tidak ada basis data dan pendamping anak tidak sekolah di tingkat desa.",
    },
    {
        "pillar": "INF",
        "dimension": "LIV",
        "current": "Informasi banjir rob diterima warga dari media sosial, sering terlambat.",
        "expected": "Peringatan dini rob berbasis sensor pasang surut dan penurunan tanah.",
        "gap": "Belum ada sensor dan kanal peringatan dini yang terhubung ke command center.",
    },
    {
        "pillar": "INF",
        "dimension": "SOC",
        "current": "27 desa pegunungan belum terjangkau sinyal seluler yang memadai.",
        "expected": "Seluruh desa terhubung internet minimal di kantor desa dan sekolah.",
        "gap": "Kebutuhan BTS dan akses internet desa belum masuk perencanaan bersama.",
    },
    {
        "pillar": "STR",
        "dimension": "ECO",
        "current": "Sebagian besar perajin batik memasarkan lewat pengepul dan belum bertransaksi "
        "nontunai.",
        "expected": "Perajin menjual langsung secara daring dan menerima pembayaran QRIS.",
        "gap": "Literasi digital dan akses pembiayaan perajin masih rendah.",
    },
    {
        "pillar": "STR",
        "dimension": "ENV",
        "current": "Limbah cair batik rumahan dibuang ke sungai tanpa pengolahan.",
        "expected": "Limbah sentra batik terolah di IPAL komunal yang terpantau.",
        "gap": "Kapasitas IPAL komunal dan pengawasan kualitas air belum memadai.",
    },
]

SWOT = {
    "GOV": {
        "S": [
            ("Komitmen kuat Bupati dan Dewan Smart City yang telah terbentuk.", "STR"),
            ("Jaringan fiber optik menghubungkan seluruh OPD dan kecamatan.", "INF"),
        ],
        "W": [
            ("Aplikasi OPD berjalan sendiri-sendiri dan belum terintegrasi.", "INF"),
            ("Regulasi satu data dan keamanan informasi belum tersedia.", "SUP"),
        ],
        "O": [
            "Kebijakan SPBE nasional dan layanan bersama (SRIKANDI, SATUSEHAT, IKD).",
            "Pendampingan Gerakan Menuju Kota Cerdas 2024.",
        ],
        "T": [
            "Serangan siber dan kebocoran data pribadi warga.",
            "Pergantian kepemimpinan daerah dapat menggeser prioritas program.",
        ],
    },
    "BRD": {
        "S": [
            ("Batik Pekalongan dikenal luas dan diakui sebagai warisan budaya dunia.", "CUL"),
            ("Ekowisata Petungkriyono dengan hutan, curug dan owa jawa.", "NAT"),
        ],
        "W": [
            "Merek batik kabupaten tertutup oleh citra Kota Pekalongan.",
            "Promosi wisata belum terpadu dan data kunjungan tidak tersedia.",
        ],
        "O": [
            "Tol Trans Jawa mempercepat akses wisatawan dari Semarang dan Jakarta.",
            "Tren wisata alam dan wisata edukasi batik.",
        ],
        "T": [
            "Persaingan destinasi dengan Dieng dan Kota Pekalongan.",
            "Bencana longsor di jalur wisata selatan.",
        ],
    },
    "ECO": {
        "S": [
            ("Ribuan IKM batik dan konveksi di Wiradesa, Buaran, Kedungwuni dan Tirto.", "CUL"),
            "Sektor pertanian dan perikanan tambak yang kuat.",
        ],
        "W": [
            ("Literasi digital dan akses permodalan perajin rendah.", "STR"),
            "Transaksi pasar rakyat dan retribusi masih tunai.",
        ],
        "O": [
            "QRIS dan pembayaran digital yang didorong Bank Indonesia.",
            "Marketplace nasional dan program Bangga Buatan Indonesia.",
        ],
        "T": [
            "Batik printing dan tekstil impor yang lebih murah.",
            "Angka kemiskinan masih di atas rata-rata provinsi.",
        ],
    },
    "LIV": {
        "S": [
            ("RSUD Kajen dan 27 puskesmas tersebar di seluruh kecamatan.", "INF"),
            "Jalur pantura dan gerbang tol Pekalongan di Kajen.",
        ],
        "W": [
            "Prevalensi stunting dan waktu tanggap kegawatdaruratan di wilayah selatan.",
            ("Data tata ruang dan perizinan bangunan belum digital.", "SUP"),
        ],
        "O": [
            "Transformasi kesehatan nasional (SATUSEHAT, rekam medis elektronik).",
            "Program nasional penanganan rob pesisir utara Jawa.",
        ],
        "T": [
            ("Banjir rob dan penurunan muka tanah di Tirto, Wonokerto dan Siwalan.", "NAT"),
            "Kemacetan dan kecelakaan di jalur pantura.",
        ],
    },
    "SOC": {
        "S": [
            ("Pondok pesantren, PKK dan karang taruna aktif di hampir semua desa.", "INF"),
            "Relawan TIK dan komunitas kreatif muda.",
        ],
        "W": [
            "Rata-rata lama sekolah rendah dan masih banyak anak putus sekolah.",
            ("27 desa pegunungan belum terjangkau sinyal memadai.", "INF"),
        ],
        "O": [
            "Program Indonesia Pintar dan pendidikan kesetaraan melalui PKBM.",
            "Gerakan Nasional Literasi Digital.",
        ],
        "T": [
            "Hoaks, judi daring dan penipuan digital di kalangan warga.",
            "Pekerja anak di industri rumahan batik dan konveksi.",
        ],
    },
    "ENV": {
        "S": [
            ("Hutan Petungkriyono dan kawasan mangrove Wonokerto.", "NAT"),
            "Bank sampah dan TPS3R yang sudah berjalan di sejumlah desa.",
        ],
        "W": [
            "Limbah cair batik rumahan mencemari sungai.",
            "Pengangkutan sampah baru menjangkau sebagian kecamatan.",
        ],
        "O": [
            "Dana CSR dan program iklim untuk rehabilitasi mangrove.",
            "Harga panel surya yang terus turun.",
        ],
        "T": [
            ("Abrasi, rob dan penurunan muka tanah di pesisir.", "NAT"),
            "TPA Bojong mendekati batas kapasitas.",
        ],
    },
}

ISSUES = [
    {
        "ref": "GOV-1",
        "element": "GOV-SRV",
        "title": "Layanan administrasi kependudukan dan perizinan masih terpisah antar-OPD",
        "description": "Warga harus mendatangi beberapa kantor untuk satu peristiwa penting, "
        "misalnya kelahiran, sehingga biaya dan waktu layanan tinggi.",
    },
    {
        "ref": "GOV-2",
        "element": "GOV-BUR",
        "title": "Penerapan SPBE belum terintegrasi",
        "description": "Lebih dari 60 aplikasi OPD berjalan sendiri-sendiri; tanda tangan "
        "elektronik dan arsip digital belum dipakai merata.",
    },
    {
        "ref": "GOV-3",
        "element": "GOV-POL",
        "title": "Kebijakan belum sepenuhnya berbasis data",
        "description": "Data sektoral belum terstandar dan pimpinan belum memiliki dasbor "
        "kinerja daerah yang mutakhir.",
    },
    {
        "ref": "BRD-1",
        "element": "BRD-TOU",
        "title": "Potensi ekowisata dan wisata batik belum dikemas secara digital",
        "description": "Kunjungan ke Petungkriyono dan desa wisata belum tercatat dan belum "
        "memberi dampak ekonomi optimal bagi desa.",
    },
    {
        "ref": "BRD-2",
        "element": "BRD-BUS",
        "title": "Merek batik dan produk UMKM kabupaten kurang dikenal",
        "description": "Produk batik kabupaten sering dipasarkan dengan nama daerah lain dan "
        "akses ke pasar daring terbatas.",
    },
    {
        "ref": "BRD-3",
        "element": "BRD-CTY",
        "title": "Wajah ibu kota Kajen belum mencerminkan identitas daerah",
        "description": "Ruang publik Kajen belum tertata sebagai etalase budaya batik dan santri.",
    },
    {
        "ref": "ECO-1",
        "element": "ECO-IND",
        "title": "Daya saing industri batik dan konveksi rumahan menurun",
        "description": "Persaingan dengan batik printing dan produk impor, minim adopsi "
        "teknologi dan perlindungan merek.",
    },
    {
        "ref": "ECO-2",
        "element": "ECO-WEL",
        "title": "Kemiskinan dan data penerima bantuan belum mutakhir",
        "description": "Angka kemiskinan sekitar 9,7% dan data penerima bantuan sosial belum "
        "terpadu antar-OPD.",
    },
    {
        "ref": "ECO-3",
        "element": "ECO-TRX",
        "title": "Transaksi pasar dan pendapatan daerah masih tunai",
        "description": "Retribusi pasar dan pajak daerah masih dipungut tunai sehingga rawan "
        "kebocoran.",
    },
    {
        "ref": "LIV-1",
        "element": "LIV-HEA",
        "title": "Stunting dan akses layanan kegawatdaruratan di wilayah selatan",
        "description": "Waktu tanggap ambulans ke desa pegunungan lebih dari satu jam dan data "
        "tumbuh kembang balita terlambat.",
    },
    {
        "ref": "LIV-2",
        "element": "LIV-HAR",
        "title": "Banjir rob dan penurunan muka tanah di pesisir utara",
        "description": "Permukiman, sekolah dan tambak di Tirto, Wonokerto dan Siwalan terendam "
        "rob berkala; tata ruang pesisir perlu disesuaikan.",
    },
    {
        "ref": "LIV-3",
        "element": "LIV-MOB",
        "title": "Konektivitas angkutan pedesaan menurun",
        "description": "Trayek angkutan desa ke Kajen berkurang dan simpang pantura padat.",
    },
    {
        "ref": "SOC-1",
        "element": "SOC-LEA",
        "title": "Anak putus sekolah dan rendahnya rata-rata lama sekolah",
        "description": "Ribuan anak usia 7–18 tahun tidak bersekolah; rata-rata lama sekolah "
        "sekitar 7,4 tahun, di bawah rata-rata Jawa Tengah.",
    },
    {
        "ref": "SOC-2",
        "element": "SOC-COM",
        "title": "Literasi digital warga dan pemerintah desa belum merata",
        "description": "Desa belum memanfaatkan sistem informasi desa dan warga rentan terhadap "
        "hoaks dan penipuan daring.",
    },
    {
        "ref": "SOC-3",
        "element": "SOC-SEC",
        "title": "Respons kedaruratan dan ketertiban belum terpadu",
        "description": "Laporan darurat masuk ke banyak nomor dan kanal tanpa pemantauan bersama.",
    },
    {
        "ref": "ENV-1",
        "element": "ENV-WST",
        "title": "Limbah batik dan sampah rumah tangga mencemari sungai",
        "description": "Sungai Sengkarang dan anak sungainya tercemar limbah pewarna; TPA "
        "mendekati batas kapasitas.",
    },
    {
        "ref": "ENV-2",
        "element": "ENV-PRO",
        "title": "Kerusakan ekosistem pesisir dan hulu",
        "description": "Abrasi merusak mangrove Wonokerto, sementara alih fungsi lahan di hulu "
        "meningkatkan risiko longsor.",
    },
    {
        "ref": "ENV-3",
        "element": "ENV-NRG",
        "title": "Pemanfaatan energi terbarukan masih rendah",
        "description": "Tagihan listrik penerangan jalan membebani APBD dan potensi surya serta "
        "biogas belum dimanfaatkan.",
    },
]

INNOVATIONS = [
    {
        "name": "SAPA Bupati",
        "description": "Kanal aduan warga melalui WhatsApp dan web yang terhubung ke SP4N-LAPOR!.",
        "element": "SOC-COM",
        "agency": "Diskominfo",
        "year": 2019,
    },
    {
        "name": "Mal Pelayanan Publik Kabupaten Pekalongan",
        "description": "Layanan perizinan, kependudukan, pajak dan perbankan dalam satu gedung.",
        "element": "GOV-SRV",
        "agency": "DPMPTSP",
        "year": 2023,
    },
    {
        "name": "Portal Satu Data Kabupaten Pekalongan",
        "description": "Portal data sektoral OPD dengan set data terbuka.",
        "element": "GOV-POL",
        "agency": "Diskominfo",
        "year": 2022,
        "status": "pilot",
    },
    {
        "name": "SRIKANDI",
        "description": "Aplikasi umum bidang kearsipan dinamis untuk surat-menyurat elektronik.",
        "element": "GOV-BUR",
        "agency": "Bagian Organisasi",
        "year": 2022,
    },
    {
        "name": "SIMPUS Terpadu",
        "description": "Sistem informasi manajemen puskesmas di 27 puskesmas.",
        "element": "LIV-HEA",
        "agency": "Dinkes",
        "year": 2020,
    },
    {
        "name": "Gerai Batik Daring",
        "description": "Katalog daring produk IKM batik binaan dinas.",
        "element": "BRD-BUS",
        "agency": "Dinperindagkop UKM",
        "year": 2021,
        "status": "inactive",
    },
    {
        "name": "Sistem Peringatan Dini Rob Wonokerto",
        "description": "Uji coba sensor pasang surut dan grup WhatsApp siaga rob di Wonokerto.",
        "element": "ENV-PRO",
        "agency": "BPBD",
        "year": 2023,
        "status": "pilot",
    },
    {
        "name": "Bank Sampah Berkah",
        "description": "Jaringan bank sampah desa dengan pencatatan tabungan sampah.",
        "element": "ENV-WST",
        "agency": "DLH",
        "year": 2021,
    },
    {
        "name": "SPMB Daring",
        "description": "Sistem penerimaan murid baru SD dan SMP secara daring.",
        "element": "SOC-LEA",
        "agency": "Dindikbud",
        "year": 2020,
    },
]

GOALS = [
    {
        "statement": "Mewujudkan Kabupaten Pekalongan sebagai smart regency yang melayani, "
        "berdaya saing dan berkelanjutan.",
        "target": "Indeks SPBE ≥ 3,5 dan seluruh dimensi smart city berkategori baik pada "
        "evaluasi Kementerian.",
        "year": 2029,
    },
    {
        "dimension": "GOV",
        "statement": "Pelayanan publik terintegrasi dan berbasis data.",
        "target": "Indeks Kepuasan Masyarakat ≥ 85; 80% layanan dapat diakses daring.",
        "year": 2029,
    },
    {
        "dimension": "BRD",
        "statement": "Citra batik dan ekowisata Kabupaten Pekalongan dikenal luas.",
        "target": "Kunjungan wisatawan 1,5 juta per tahun; 2.000 produk UMKM di etalase digital.",
        "year": 2029,
    },
    {
        "dimension": "ECO",
        "statement": "Ekonomi digital yang inklusif bagi perajin dan UMKM.",
        "target": "Kemiskinan turun di bawah 7%; 90% pasar rakyat bertransaksi nontunai.",
        "year": 2029,
    },
    {
        "dimension": "LIV",
        "statement": "Layanan kesehatan, tata ruang dan transportasi yang tangguh.",
        "target": "Prevalensi stunting < 14%; waktu tanggap kegawatdaruratan < 30 menit.",
        "year": 2029,
    },
    {
        "dimension": "SOC",
        "statement": "Masyarakat pembelajar, cakap digital dan aman.",
        "target": "Rata-rata lama sekolah 8,4 tahun; seluruh desa memiliki sistem informasi "
        "desa aktif.",
        "year": 2029,
    },
    {
        "dimension": "ENV",
        "statement": "Lingkungan pesisir dan pegunungan yang lestari.",
        "target": "Sampah terkelola 70%; 150 ha mangrove terehabilitasi.",
        "year": 2034,
    },
]

STRATEGIES = [
    {
        "element": "GOV-SRV",
        "target": "80% layanan publik dapat diakses daring dan terintegrasi pada 2029.",
        "strategy": "Mengintegrasikan layanan antar-OPD berbasis peristiwa kehidupan warga "
        "(kelahiran, sekolah, usaha).",
        "policy": "Layanan jemput bola dan tanpa tatap muka berulang.",
        "issues": ["GOV-1"],
    },
    {
        "element": "GOV-BUR",
        "target": "Indeks SPBE ≥ 3,5 pada 2029.",
        "strategy": "Menerapkan arsitektur SPBE, tanda tangan elektronik dan manajemen "
        "kinerja digital.",
        "policy": "Birokrasi tanpa kertas dan berbasis kinerja.",
        "issues": ["GOV-2"],
    },
    {
        "element": "GOV-POL",
        "target": "100% OPD menyerahkan data sektoral terstandar melalui Satu Data.",
        "strategy": "Membangun tata kelola satu data dan dasbor pimpinan.",
        "policy": "Perencanaan dan evaluasi kebijakan berbasis data.",
        "issues": ["GOV-3", "GOV-2"],
    },
    {
        "element": "BRD-TOU",
        "target": "Kunjungan wisatawan tercatat digital di 20 destinasi pada 2029.",
        "strategy": "Mengemas ekowisata dan wisata batik dalam platform promosi dan tiket digital.",
        "policy": "Pariwisata berbasis komunitas dan data.",
        "issues": ["BRD-1"],
    },
    {
        "element": "BRD-BUS",
        "target": "2.000 produk UMKM tampil di etalase digital pada 2029.",
        "strategy": "Membangun merek bersama batik kabupaten dan platform bisnis daerah.",
        "policy": "Perlindungan merek dan akses pasar daring.",
        "issues": ["BRD-2"],
    },
    {
        "element": "BRD-CTY",
        "target": "Kawasan alun-alun dan koridor Kajen tertata sebagai etalase budaya.",
        "strategy": "Menata ruang publik ibu kota dengan identitas batik dan santri.",
        "policy": "Penataan wajah kota yang ramah warga dan wisatawan.",
        "issues": ["BRD-3"],
    },
    {
        "element": "ECO-IND",
        "target": "1.500 IKM batik dan konveksi memakai pemasaran dan produksi digital.",
        "strategy": "Mendigitalisasi sentra batik dan memperkuat hak kekayaan intelektual.",
        "policy": "Industri batik berdaya saing dan berkelanjutan.",
        "issues": ["ECO-1"],
    },
    {
        "element": "ECO-WEL",
        "target": "Data terpadu kesejahteraan sosial dimutakhirkan setiap triwulan.",
        "strategy": "Menyatukan data kemiskinan dan membuka akses kerja serta pelatihan.",
        "policy": "Penanggulangan kemiskinan tepat sasaran.",
        "issues": ["ECO-2"],
    },
    {
        "element": "ECO-TRX",
        "target": "90% pasar rakyat dan 100% retribusi nontunai pada 2029.",
        "strategy": "Elektronifikasi transaksi pemerintah daerah dan pasar rakyat.",
        "policy": "Peningkatan PAD melalui transaksi nontunai.",
        "issues": ["ECO-3"],
    },
    {
        "element": "LIV-HAR",
        "target": "Rencana tata ruang pesisir dan perizinan bangunan tersedia daring.",
        "strategy": "Menata ruang berbasis data risiko rob dan penurunan tanah.",
        "policy": "Tata ruang adaptif terhadap perubahan iklim.",
        "issues": ["LIV-2"],
    },
    {
        "element": "LIV-HEA",
        "target": "Prevalensi stunting < 14% dan waktu tanggap darurat < 30 menit.",
        "strategy": "Mengintegrasikan data dan layanan kesehatan dari posyandu hingga RSUD.",
        "policy": "Layanan kesehatan dekat, cepat dan berbasis data.",
        "issues": ["LIV-1"],
    },
    {
        "element": "LIV-MOB",
        "target": "Informasi trayek dan jadwal angkutan desa tersedia real time.",
        "strategy": "Menghidupkan kembali angkutan desa dengan informasi dan manajemen lalu "
        "lintas digital.",
        "policy": "Transportasi terjangkau dan keselamatan jalan.",
        "issues": ["LIV-3"],
    },
    {
        "element": "SOC-COM",
        "target": "285 desa/kelurahan memakai sistem informasi desa.",
        "strategy": "Memperkuat desa digital dan kanal partisipasi warga.",
        "policy": "Partisipasi warga dan keterbukaan informasi desa.",
        "issues": ["SOC-2"],
    },
    {
        "element": "SOC-LEA",
        "target": "Rata-rata lama sekolah 8,4 tahun pada 2029.",
        "strategy": "Mengembalikan anak tidak sekolah dan memperluas literasi digital.",
        "policy": "Wajib belajar 12 tahun dan pendidikan sepanjang hayat.",
        "issues": ["SOC-1", "SOC-2"],
    },
    {
        "element": "SOC-SEC",
        "target": "Satu nomor darurat 112 dan CCTV terpantau di 60 titik rawan.",
        "strategy": "Menyatukan kanal darurat dan pemantauan keamanan.",
        "policy": "Rasa aman warga dan respons cepat.",
        "issues": ["SOC-3"],
    },
    {
        "element": "ENV-PRO",
        "target": "Peringatan dini rob aktif di seluruh desa pesisir; 150 ha mangrove pulih.",
        "strategy": "Memantau lingkungan pesisir dan memulihkan ekosistem.",
        "policy": "Ketangguhan pesisir dan pelestarian hutan.",
        "issues": ["ENV-2", "LIV-2"],
    },
    {
        "element": "ENV-WST",
        "target": "Sampah terkelola 70% dan limbah sentra batik terolah.",
        "strategy": "Mengelola sampah dari sumbernya dan mengolah limbah batik.",
        "policy": "Ekonomi sirkular dan sungai bersih.",
        "issues": ["ENV-1"],
    },
    {
        "element": "ENV-NRG",
        "target": "30% PJU bertenaga surya dan 20 desa mandiri energi.",
        "strategy": "Memanfaatkan energi terbarukan dan efisiensi energi.",
        "policy": "Energi bersih dan hemat anggaran.",
        "issues": ["ENV-3"],
    },
]

INSTITUTIONS = [
    {
        "kind": "council",
        "name": "Dewan Smart City Kabupaten Pekalongan",
        "decree_number": "Keputusan Bupati Pekalongan Nomor 000.8.3/182 Tahun 2024",
        "decree_date": date(2024, 4, 22),
        "duties": "Menetapkan arah kebijakan smart city, mengesahkan masterplan dan "
        "mengevaluasi pelaksanaannya setiap tahun.",
        "meeting_schedule": "Setiap enam bulan",
        "members": [
            ("Fadia A. Rafik, S.E., M.M.", "Bupati Pekalongan", None, "Ketua"),
            ("Ir. H. Bambang Sutopo, M.Si.", "Sekretaris Daerah", None, "Wakil Ketua"),
            ("Dra. Hj. Sri Wahyuni, M.M.", "Kepala Bappeda", "Bappeda", "Sekretaris"),
            ("Dr. Ahmad Fauzi, M.Kom.", "Akademisi, UIN K.H. Abdurrahman Wahid", None, "Anggota"),
            ("H. Khoirul Anam", "Ketua Paguyuban Perajin Batik", None, "Anggota"),
        ],
    },
    {
        "kind": "team",
        "name": "Tim Pelaksana Smart City Kabupaten Pekalongan",
        "decree_number": "Keputusan Bupati Pekalongan Nomor 000.8.3/183 Tahun 2024",
        "decree_date": date(2024, 4, 22),
        "duties": "Menyusun empat buku masterplan, mengoordinasikan OPD dan melaporkan "
        "kemajuan program kepada Dewan Smart City.",
        "meeting_schedule": "Setiap bulan",
        "members": [
            ("Supriyadi, S.E., M.M.", "Kepala Diskominfo", "Diskominfo", "Ketua"),
            (
                "Agus Prasetyo, S.Kom., M.M.",
                "Kepala Bidang Aplikasi Informatika",
                "Diskominfo",
                "Sekretaris",
            ),
            (
                "Dra. Endang Sulistyowati, M.Si.",
                "Kepala Bidang Perencanaan dan Evaluasi",
                "Bappeda",
                "Anggota",
            ),
            ("Muhammad Kholis, S.AP.", "Analis Perizinan", "DPMPTSP", "Anggota"),
            ("dr. Lina Marlina, M.Kes.", "Kepala Bidang Pelayanan Kesehatan", "Dinkes", "Anggota"),
            (
                "Teguh Santoso, S.Sos.",
                "Kepala Bidang Pelayanan Pendaftaran Penduduk",
                "Dindukcapil",
                "Anggota",
            ),
            ("Nur Hidayah, S.Pd., M.Pd.", "Kepala Bidang Pembinaan SMP", "Dindikbud", "Anggota"),
        ],
    },
    {
        "kind": "forum",
        "name": "Forum Smart City Kabupaten Pekalongan",
        "decree_number": "Keputusan Bupati Pekalongan Nomor 000.8.3/247 Tahun 2024",
        "decree_date": date(2024, 8, 19),
        "duties": "Menjaring aspirasi dan gagasan warga, akademisi, dunia usaha dan media "
        "serta mengawal pelaksanaan program smart city.",
        "meeting_schedule": "Setiap tiga bulan (rembuk smart city)",
        "members": [
            ("Dr. Ahmad Fauzi, M.Kom.", "Akademisi, UIN K.H. Abdurrahman Wahid", None, "Ketua"),
            ("Rizky Maulana", "Ketua Relawan TIK Kabupaten Pekalongan", None, "Sekretaris"),
            ("Hj. Nurul Aini", "Ketua Tim Penggerak PKK Kecamatan Kajen", None, "Anggota"),
            ("Yusuf Effendi", "Pengurus KADIN Kabupaten Pekalongan", None, "Anggota"),
        ],
    },
]

RISKS = [
    (
        "Perubahan prioritas pembangunan setelah pergantian kepala daerah dan penyusunan "
        "RPJMD baru.",
        2,
        3,
        "Menetapkan masterplan dengan peraturan bupati dan menyelaraskannya dengan RPJMD "
        "2025–2029.",
        "Bappeda",
    ),
    (
        "Ruang fiskal APBD terbatas sehingga program tidak terdanai sesuai peta jalan.",
        3,
        3,
        "Memprioritaskan quick win, memadukan APBN/DAK, dana desa, CSR dan KPBU.",
        "BPKAD",
    ),
    (
        "Kekurangan SDM TIK untuk mengelola aplikasi dan pusat data.",
        3,
        2,
        "Rencana aksi SDM TIK, rekrutmen jabatan fungsional dan kemitraan dengan kampus.",
        "BKPSDM",
    ),
    (
        "Insiden keamanan siber dan kebocoran data pribadi warga.",
        2,
        3,
        "Tim tanggap insiden siber (CSIRT), SOP keamanan informasi dan audit berkala.",
        "Diskominfo",
    ),
]

SPEC = {
    "author": "koordinator",
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
