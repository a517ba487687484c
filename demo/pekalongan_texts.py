"""Chapter texts of the Kabupaten Pekalongan plan, by book number and section key.

Keys follow the cohort's outline (``masterplan.outlines``): sub-sections are
``<parent>--<child>``, per-dimension sub-sections end in ``--<dimension code>``.
"""

from __future__ import annotations


def _p(*paragraphs: str) -> str:
    return "".join(f"<p>{text}</p>" for text in paragraphs)


def _ul(*items: str) -> str:
    return "<ul>" + "".join(f"<li>{item}</li>" for item in items) + "</ul>"


BOOK_1 = {
    "pendahuluan": _p(
        "Buku 1 <strong>Analisis Strategis</strong> memotret kondisi Kabupaten Pekalongan "
        "hari ini: profil wilayah, kesiapan daerah, kesenjangan, analisis SWOT per dimensi "
        "dan isu strategis yang menjadi dasar penyusunan Masterplan Smart City 2025–2034.",
    ),
    "pendahuluan--latar-belakang": _p(
        "Kabupaten Pekalongan terpilih sebagai salah satu dari sepuluh kabupaten/kota "
        "peserta <strong>Gerakan Menuju Kota Cerdas 2024</strong>. Di tengah tantangan "
        "banjir rob di pesisir pantura, ketimpangan layanan antara wilayah utara dan "
        "pegunungan selatan, serta persaingan industri batik, pemerintah daerah memandang "
        "smart city sebagai cara bekerja baru: kolaboratif, berbasis data dan berorientasi "
        "pada warga.",
        "Bupati Pekalongan Fadia A. Rafik menegaskan bahwa masterplan harus menjadi panduan "
        "menuju Kabupaten Pekalongan yang cerdas sekaligus mempermudah konektivitas antar "
        "lembaga dan antar wilayah. Penyusunan melibatkan perangkat daerah, perguruan "
        "tinggi, dunia usaha, media dan komunitas sejak tahap perencanaan.",
    ),
    "pendahuluan--dasar-hukum": _ul(
        "Undang-Undang Nomor 23 Tahun 2014 tentang Pemerintahan Daerah;",
        "Undang-Undang Nomor 27 Tahun 2022 tentang Pelindungan Data Pribadi;",
        "Peraturan Presiden Nomor 95 Tahun 2018 tentang Sistem Pemerintahan Berbasis Elektronik;",
        "Peraturan Presiden Nomor 39 Tahun 2019 tentang Satu Data Indonesia;",
        "Peraturan Daerah Kabupaten Pekalongan tentang RPJMD Tahun 2021–2026 dan RPJPD "
        "Tahun 2025–2045;",
        "Keputusan Bupati Pekalongan tentang Dewan Smart City dan Tim Pelaksana Smart City "
        "Kabupaten Pekalongan Tahun 2024.",
    ),
    "pendahuluan--maksud-tujuan": _p(
        "Maksud penyusunan Buku 1 adalah menyediakan gambaran yang jujur dan terukur tentang "
        "kondisi dan kesiapan daerah. Tujuannya: (1) mengidentifikasi kekuatan, kelemahan, "
        "peluang dan ancaman pada enam dimensi smart city; (2) merumuskan kesenjangan antara "
        "kondisi saat ini dan kondisi yang diharapkan; dan (3) menetapkan isu strategis yang "
        "dijawab oleh strategi dan program dalam Buku 2.",
    ),
    "pendahuluan--metodologi": _p(
        "Analisis disusun melalui empat tahap bimbingan teknis bersama tenaga ahli "
        "pendamping dari Kementerian: telaah dokumen perencanaan, pengumpulan data sektoral "
        "dari OPD, diskusi kelompok terpumpun per dimensi, serta konsultasi publik. Pada "
        "Bimtek Tahap III tanggal 30–31 Juli 2024 hadir <strong>65 peserta dari 40 lembaga"
        "</strong> di dalam maupun di luar pemerintah daerah.",
        "Kesiapan dinilai secara naratif pada pilar struktur, infrastruktur dan "
        "suprastruktur dengan bukti pendukung dan peringkat baik, cukup atau kurang; "
        "potensi alam dan budaya dinilai sebagai pilar pelengkap.",
    ),
    "konsep": _p(
        "Bab ini menguraikan pengertian smart city yang dipakai dalam masterplan dan "
        "kebijakan nasional serta daerah yang melandasinya.",
    ),
    "konsep--konsep-smart-city": _p(
        "Smart city dipahami sebagai daerah yang mengelola sumber dayanya secara efektif dan "
        "efisien untuk menyelesaikan tantangan warga dengan solusi inovatif, terintegrasi "
        "dan berkelanjutan. Teknologi adalah alat, bukan tujuan: banyak program unggulan "
        "Kabupaten Pekalongan justru berupa perubahan cara melayani, seperti ALDINO yang "
        "menyatukan layanan kesehatan dan kependudukan.",
        "Kerangka yang dipakai terdiri atas enam dimensi — <strong>Smart Governance, "
        "Smart Branding, Smart Economy, Smart Living, Smart Society dan Smart "
        "Environment</strong> — dengan delapan belas elemen.",
    ),
    "konsep--kebijakan-nasional": _p(
        "Kebijakan SPBE, Satu Data Indonesia, transformasi digital kesehatan (SATUSEHAT), "
        "Identitas Kependudukan Digital dan elektronifikasi transaksi pemerintah daerah "
        "menjadi rujukan utama. Di tingkat daerah, masterplan diselaraskan dengan RPJMD "
        "2021–2026, RPJPD 2025–2045 dan rencana strategis perangkat daerah.",
    ),
    "profil-daerah": _p(
        "Kabupaten Pekalongan berada di pantai utara Jawa Tengah, berbatasan dengan Laut "
        "Jawa, Kota Pekalongan, Kabupaten Batang, Kabupaten Banjarnegara dan Kabupaten "
        "Pemalang. Ibu kotanya Kajen.",
    ),
    "profil-daerah--geografi": _p(
        "Luas wilayah sekitar 837 km² terbagi atas 19 kecamatan dan 285 desa/kelurahan. "
        "Bagian utara berupa dataran rendah pesisir (Tirto, Wonokerto, Siwalan, Wiradesa) "
        "yang dilalui jalur pantura, sedangkan bagian selatan berupa pegunungan "
        "(Petungkriyono, Lebakbarang, Paninggaran, Kandangserang) dengan hutan hujan tropis "
        "yang menjadi habitat owa jawa.",
    ),
    "profil-daerah--demografi": _p(
        "Jumlah penduduk sekitar 986 ribu jiwa dengan kepadatan tertinggi di kecamatan "
        "pesisir dan sentra industri (Kedungwuni, Wiradesa, Buaran). Sekitar 68% penduduk "
        "usia 5 tahun ke atas telah mengakses internet, tetapi kesenjangan digital antara "
        "wilayah utara dan selatan masih lebar.",
    ),
    "profil-daerah--ekonomi": _p(
        "Perekonomian ditopang industri pengolahan — terutama batik, tekstil dan konveksi "
        "rumahan — serta pertanian, perikanan tambak dan perdagangan. Pertumbuhan ekonomi "
        "sekitar 4,9% per tahun, sementara tingkat kemiskinan sekitar 9,7% masih di atas "
        "rata-rata provinsi.",
    ),
    "profil-daerah--sosial": _p(
        "Sebutan <strong>Kota Santri</strong> mencerminkan kuatnya pondok pesantren dan "
        "organisasi keagamaan dalam kehidupan warga. Batik Pekalongan menjadi identitas "
        "budaya yang diwariskan lintas generasi. Indeks pembangunan manusia sekitar 73, "
        "dengan rata-rata lama sekolah yang masih rendah sehingga pendidikan menjadi "
        "prioritas.",
    ),
    "profil-daerah--lingkungan": _p(
        "Pesisir utara menghadapi <strong>banjir rob</strong>, abrasi dan penurunan muka "
        "tanah yang merendam permukiman dan tambak. Limbah cair batik rumahan dan sampah "
        "rumah tangga mencemari sungai, sedangkan wilayah selatan rawan longsor pada musim "
        "hujan.",
    ),
    "keselarasan": _p(
        "Masterplan diselaraskan dengan visi dan misi RPJMD, arahan RTRW tentang kawasan "
        "pesisir dan kawasan lindung, serta rencana strategis OPD. Setiap program mencatat "
        "misi RPJMD yang dilayaninya dan, bila sudah ada, kode nomenklatur sub kegiatan "
        "agar dapat masuk ke dokumen anggaran.",
        "Selama masa transisi ke RPJMD 2025–2029, Bappeda memastikan program smart city "
        "menjadi bagian dari rancangan teknokratik sehingga tidak berhenti ketika "
        "kepemimpinan berganti.",
    ),
    "kesiapan": _p(
        "Kesiapan daerah dinilai pada pilar struktur, infrastruktur dan suprastruktur. "
        "Secara umum kepemimpinan dan modal sosial kuat, infrastruktur digital cukup, "
        "sedangkan anggaran, regulasi dan SOP masih perlu diperkuat.",
    ),
    "kesiapan--kesiapan-struktur": _p(
        "Komitmen pimpinan terlihat dari kehadiran Bupati dalam bimtek dan pembentukan Dewan "
        "Smart City. Kelemahan utama ada pada jumlah SDM TIK dan porsi belanja TIK yang "
        "kecil serta tersebar di banyak OPD.",
    ),
    "kesiapan--kesiapan-infrastruktur": _p(
        "Jaringan fiber optik menghubungkan kantor OPD dan kecamatan, tetapi pusat data "
        "masih sederhana dan 27 desa pegunungan belum terjangkau sinyal memadai. "
        "Infrastruktur fisik pesisir terganggu rob berkala.",
    ),
    "kesiapan--kesiapan-suprastruktur": _p(
        "Peraturan bupati tentang SPBE sudah ada, namun regulasi satu data, keamanan "
        "informasi dan penetapan masterplan belum tersedia. Forum Smart City baru dibentuk "
        "pada Agustus 2024.",
    ),
    "kesenjangan-swot": _p(
        "Analisis kesenjangan membandingkan kondisi saat ini dengan kondisi yang diharapkan; "
        "analisis SWOT memetakan faktor internal dan eksternal pada setiap dimensi.",
    ),
    "kesenjangan-swot--kesenjangan": _p(
        "Kesenjangan terbesar terdapat pada integrasi layanan antar-OPD, data sektoral, "
        "pendataan anak tidak sekolah, peringatan dini rob, akses internet desa, "
        "digitalisasi perajin batik dan pengolahan limbah batik.",
    ),
    "kesenjangan-swot--swot": _p(
        "Butir SWOT disusun dalam diskusi kelompok per dimensi bersama OPD, akademisi dan "
        "komunitas, lalu dipadukan menjadi kata kunci perumusan visi, misi dan strategi.",
    ),
    "kesenjangan-swot--swot--gov": _p(
        "Kepemimpinan yang kuat dan jaringan antar-OPD menjadi modal, tetapi aplikasi yang "
        "berjalan sendiri-sendiri dan regulasi data yang belum ada menghambat layanan "
        "terpadu.",
    ),
    "kesenjangan-swot--swot--brd": _p(
        "Batik dan Petungkriyono adalah daya tarik utama; kelemahannya merek kabupaten yang "
        "tertutup citra Kota Pekalongan dan promosi yang belum terpadu.",
    ),
    "kesenjangan-swot--swot--eco": _p(
        "Ribuan IKM batik dan konveksi merupakan kekuatan ekonomi rakyat, namun menghadapi "
        "batik printing murah serta rendahnya literasi digital dan transaksi nontunai.",
    ),
    "kesenjangan-swot--swot--liv": _p(
        "Jaringan puskesmas dan akses tol menjadi kekuatan; ancaman terbesar adalah rob dan "
        "penurunan muka tanah di pesisir serta keselamatan jalur pantura.",
    ),
    "kesenjangan-swot--swot--soc": _p(
        "Modal sosial pesantren, PKK dan karang taruna sangat kuat, tetapi anak putus sekolah "
        "dan kesenjangan sinyal di pegunungan masih menjadi pekerjaan rumah.",
    ),
    "kesenjangan-swot--swot--env": _p(
        "Hutan Petungkriyono dan mangrove Wonokerto perlu dijaga dari abrasi, limbah batik "
        "dan sampah; peluang datang dari CSR dan energi surya yang makin murah.",
    ),
    "isu-strategis": _p(
        "Isu strategis dirumuskan dari hasil kesenjangan dan SWOT, lalu diprioritaskan "
        "berdasarkan dampak bagi warga, urgensi dan keselarasan dengan RPJMD.",
    ),
    "isu-strategis--isu-dimensi": _p(
        "Delapan belas isu strategis dikelompokkan per dimensi; setiap isu dijawab oleh "
        "sekurang-kurangnya satu strategi dalam Buku 2.",
    ),
    "isu-strategis--isu-dimensi--gov": _p(
        "Isu tata kelola berpusat pada layanan yang masih terpisah antar-OPD, SPBE yang belum "
        "terintegrasi dan kebijakan yang belum sepenuhnya berbasis data.",
    ),
    "isu-strategis--isu-dimensi--brd": _p(
        "Isu branding menyangkut pengemasan ekowisata dan wisata batik, merek produk UMKM "
        "dan wajah ibu kota Kajen.",
    ),
    "isu-strategis--isu-dimensi--eco": _p(
        "Isu ekonomi meliputi daya saing industri batik, data kemiskinan yang belum mutakhir "
        "dan transaksi pasar yang masih tunai.",
    ),
    "isu-strategis--isu-dimensi--liv": _p(
        "Isu kehidupan meliputi stunting dan layanan gawat darurat, banjir rob di pesisir "
        "utara dan menurunnya angkutan pedesaan.",
    ),
    "isu-strategis--isu-dimensi--soc": _p(
        "Isu masyarakat meliputi anak putus sekolah, literasi digital yang belum merata dan "
        "respons kedaruratan yang belum terpadu.",
    ),
    "isu-strategis--isu-dimensi--env": _p(
        "Isu lingkungan meliputi limbah batik dan sampah, kerusakan ekosistem pesisir dan "
        "hulu, serta rendahnya pemanfaatan energi terbarukan.",
    ),
    "isu-strategis--inventaris-inovasi": _p(
        "Inventarisasi mencatat inovasi dan aplikasi yang sudah berjalan agar program baru "
        "membangun di atasnya dan tidak membuat aplikasi ganda. Beberapa di antaranya masih "
        "uji coba atau tidak aktif dan perlu diputuskan: dikembangkan, digabung atau "
        "dihentikan.",
    ),
    "penutup": _p(
        "Buku 1 menjadi pijakan bersama seluruh pemangku kepentingan. Data dan analisis di "
        "dalamnya akan dimutakhirkan setiap tahun bersamaan dengan evaluasi pelaksanaan "
        "masterplan.",
    ),
}

BOOK_2 = {
    "pendahuluan": _p(
        "Buku 2 <strong>Masterplan Smart City</strong> menerjemahkan hasil analisis Buku 1 "
        "menjadi visi, misi, strategi, program, rencana aksi dan peta jalan 2025–2034.",
    ),
    "pendahuluan--latar-belakang": _p(
        "Draf Buku 2 ditajamkan pada Bimtek Tahap III tanggal 30–31 Juli 2024. Kepala "
        "Diskominfo sekaligus Ketua Tim Pelaksana Smart City, Supriyadi, menekankan bahwa "
        "keterlibatan pemangku kepentingan dan masyarakat tidak berhenti pada perencanaan, "
        "tetapi berlanjut hingga implementasi.",
    ),
    "pendahuluan--maksud-tujuan": _p(
        "Buku 2 menjadi acuan OPD dalam menyusun rencana kerja dan anggaran, acuan Dewan "
        "Smart City dalam mengendalikan pelaksanaan, serta sarana komunikasi dengan mitra "
        "dan warga.",
    ),
    "pendahuluan--ruang-lingkup": _p(
        "Ruang lingkup meliputi enam dimensi dan delapan belas elemen smart city di seluruh "
        "wilayah Kabupaten Pekalongan untuk periode 2025–2034, dengan rincian tahunan untuk "
        "lima tahun pertama.",
    ),
    "visi-misi": _p(
        "Visi dan misi smart city dirumuskan dari kata kunci SWOT dan diselaraskan dengan "
        "visi RPJMD.",
    ),
    "visi-misi--visi-misi-smart-city": _p(
        "Kata kunci yang paling sering muncul dalam diskusi adalah <strong>melayani, "
        "terhubung, batik, santri, tangguh dan kolaborasi</strong>. Visi menggabungkan kata "
        "kunci tersebut; enam misi menurunkannya ke setiap dimensi.",
    ),
    "visi-misi--tujuan-sasaran": _p(
        "Tujuan dan sasaran ditetapkan untuk keseluruhan masterplan dan untuk tiap dimensi, "
        "lengkap dengan target tahun pencapaian.",
    ),
    "strategi": _p(
        "Strategi disusun per elemen: sasaran, strategi dan arah kebijakan, beserta isu "
        "strategis yang dijawabnya.",
    ),
    "strategi--gov": _p(
        "Layanan diintegrasikan berdasarkan peristiwa kehidupan warga, birokrasi bergerak "
        "menuju tanpa kertas, dan kebijakan disusun berbasis satu data.",
    ),
    "strategi--brd": _p(
        "Ekowisata dan wisata batik dikemas secara digital, merek bersama batik kabupaten "
        "dibangun, dan wajah Kajen ditata sebagai etalase budaya.",
    ),
    "strategi--eco": _p(
        "Sentra batik didigitalisasi, data kesejahteraan disatukan dan transaksi pasar serta "
        "pendapatan daerah dialihkan ke nontunai.",
    ),
    "strategi--liv": _p(
        "Layanan kesehatan terhubung dari posyandu sampai RSUD, tata ruang disesuaikan "
        "dengan risiko rob, dan angkutan desa dihidupkan kembali.",
    ),
    "strategi--soc": _p(
        "Anak tidak sekolah dikembalikan ke sekolah, desa digital diperkuat dan kanal "
        "darurat disatukan.",
    ),
    "strategi--env": _p(
        "Pesisir dipantau dan dipulihkan, sampah dan limbah batik diolah dari sumbernya, "
        "dan energi terbarukan dimanfaatkan.",
    ),
    "program": _p(
        "Program disusun per dimensi dan elemen dengan horizon jangka pendek (≤1 tahun), "
        "menengah (≤5 tahun) dan panjang (≤10 tahun). Setiap program memiliki indikator, "
        "penanggung jawab, mitra dan pendanaan per tahun.",
    ),
    "program--gov": _p(
        "Program unggulan ALDINO menjadi quick win dimensi tata kelola, didukung Mal "
        "Pelayanan Publik Digital, perkantoran digital, Satu Data dan command center.",
    ),
    "program--brd": _p(
        "Etalase Batik Kabupaten Pekalongan menjadi quick win, bersama ekowisata "
        "Petungkriyono, desa wisata batik dan penataan wajah Kajen.",
    ),
    "program--eco": _p(
        "Pasar Rakyat Nontunai menjadi quick win, bersama Batik Goes Digital, klinik "
        "kekayaan intelektual, SIDATUK dan Pekalongan Kerja.",
    ),
    "program--liv": _p(
        "Public Safety Center 119 menjadi quick win, bersama rekam medis elektronik, "
        "posyandu digital, permukiman pesisir tangguh rob dan Angkudes Pintar.",
    ),
    "program--soc": _p(
        "KUDU SEKOLAH menjadi program unggulan dimensi masyarakat, bersama Desa Digital, "
        "literasi digital dan layanan darurat 112.",
    ),
    "program--env": _p(
        "Bank Sampah Digital menjadi quick win, bersama peringatan dini rob, rehabilitasi "
        "mangrove, pengolahan limbah batik dan energi terbarukan.",
    ),
    "program-pendukung": _p(
        "Program pendukung memastikan fondasi smart city tersedia: regulasi, kelembagaan, "
        "infrastruktur TIK dan sumber daya manusia.",
    ),
    "program-pendukung--regulasi": _ul(
        "Peraturan bupati tentang penetapan Masterplan Smart City 2025–2034;",
        "Peraturan bupati tentang Satu Data Kabupaten Pekalongan;",
        "Peraturan bupati tentang keamanan informasi dan pelindungan data pribadi;",
        "Peraturan bupati tentang layanan terintegrasi ALDINO dan penanganan anak tidak sekolah.",
    ),
    "program-pendukung--kelembagaan-pendukung": _p(
        "Dewan Smart City, Tim Pelaksana dan Forum Smart City diperkuat dengan sekretariat "
        "di Diskominfo, jadwal rapat tetap dan laporan kemajuan setiap semester.",
    ),
    "program-pendukung--infrastruktur-tik": _p(
        "Jaringan intra pemerintah diperluas ke puskesmas dan desa, pusat data daerah "
        "ditingkatkan dan dihubungkan dengan Pusat Data Nasional, serta Pekalongan Command "
        "Center dibangun bertahap mulai 2026.",
    ),
    "program-pendukung--sdm": _p(
        "Rencana aksi SDM TIK meliputi rekrutmen jabatan fungsional pranata komputer, "
        "sertifikasi kompetensi, beasiswa bersama kampus mitra dan relawan TIK di setiap "
        "kecamatan.",
    ),
    "rencana-aksi": _p(
        "Rencana aksi merinci kegiatan setiap program per tahun dan triwulan, lengkap dengan "
        "keluaran, OPD pelaksana, anggaran dan sumber dana. Anggaran tahun 2025 telah masuk "
        "KUA-PPAS; tahun berikutnya bersifat indikatif.",
    ),
    "peta-jalan": _p(
        "Peta jalan menampilkan program per tahun, dikelompokkan menurut dimensi dan elemen. "
        "Tahun 2025–2026 berfokus pada quick win dan fondasi data; 2027–2029 pada "
        "integrasi dan perluasan; 2030–2034 pada keberlanjutan dan inovasi lanjutan.",
    ),
    "pembiayaan": _p(
        "Pembiayaan memadukan APBD kabupaten, APBD provinsi, APBN termasuk DAK, dana desa, "
        "CSR dan KPBU. Porsi non-APBD kabupaten ditargetkan sekurang-kurangnya 40% agar "
        "program tetap berjalan di tengah keterbatasan fiskal.",
    ),
    "kelembagaan": _p(
        "Dewan Smart City dipimpin Bupati, Tim Pelaksana dipimpin Kepala Diskominfo dan "
        "Forum Smart City dipimpin akademisi. Pembagian peran ini memisahkan pengarahan, "
        "pelaksanaan dan pengawalan oleh warga.",
    ),
    "manajemen-risiko": _p(
        "Risiko dinilai dari kemungkinan dan dampaknya. Risiko tertinggi adalah keterbatasan "
        "fiskal, kekurangan SDM TIK, pergantian prioritas setelah pergantian kepala daerah "
        "dan keamanan siber; setiap risiko memiliki mitigasi dan pemilik risiko.",
    ),
    "monev": _p(
        "Tim Pelaksana memantau capaian indikator setiap triwulan melalui portal ini. Hasil "
        "evaluasi tahunan Kementerian atas baseline, output, outcome, dampak dan quick win "
        "dibahas dalam rapat Dewan Smart City dan menjadi dasar revisi rencana aksi.",
    ),
    "penutup": _p(
        "Masterplan ini adalah dokumen hidup. Keberhasilannya bergantung pada konsistensi "
        "penganggaran, keterlibatan warga dan keberanian untuk menghentikan program yang "
        "tidak memberi manfaat.",
    ),
}

BOOK_3 = {
    "pendahuluan": _p(
        "Buku 3 merinci program unggulan dan quick win Kabupaten Pekalongan: program yang "
        "dapat dirasakan warga dalam 6–12 bulan dan menjadi bukti awal perubahan.",
        "Tenaga ahli pendamping mencatat bahwa program unggulan sudah terlihat di setiap "
        "dimensi, dengan <strong>ALDINO</strong> dan <strong>KUDU SEKOLAH</strong> sebagai "
        "yang paling menonjol.",
    ),
    "kriteria": _p(
        "Quick win dipilih dengan tiga kriteria: dapat dicapai dalam 6–12 bulan, "
        "mempertajam layanan yang sudah ada alih-alih membangun infrastruktur baru, dan "
        "dampaknya dirasakan langsung oleh warga.",
    )
    + _ul(
        "Kelayakan waktu dan anggaran (bobot 30%);",
        "Jumlah dan kerentanan penerima manfaat (bobot 30%);",
        "Kesiapan OPD dan mitra (bobot 20%);",
        "Keberlanjutan dan kemudahan direplikasi (bobot 20%).",
    ),
    "daftar-quick-win": _p(
        "Satu quick win dipilih untuk setiap dimensi: ALDINO (tata kelola), Etalase Batik "
        "(branding), Pasar Rakyat Nontunai (ekonomi), Public Safety Center 119 (kehidupan), "
        "KUDU SEKOLAH (masyarakat) dan Bank Sampah Digital (lingkungan).",
    ),
    "rincian-program": _p(
        "<strong>ALDINO</strong> (Alhamdulillah Dia Nongol) memastikan bayi pulang dari "
        "fasilitas kesehatan dengan akta kelahiran, KK dan KIA. <strong>KUDU SEKOLAH</strong> "
        "mendata anak tidak sekolah hingga tingkat desa dan mendampingi mereka kembali "
        "menuntaskan wajib belajar 12 tahun.",
        "Setiap program unggulan dilengkapi uraian masalah, penerima manfaat, indikator "
        "sebelum dan sesudah, penanggung jawab, mitra, anggaran, jadwal dan risiko.",
    ),
    "jadwal-tata-kelola": _p(
        "Quick win diluncurkan bertahap sepanjang 2025. Tim Pelaksana memantau kemajuan "
        "setiap bulan dan melaporkannya kepada Bupati; program yang tersendat dibahas dalam "
        "rapat koordinasi untuk dicarikan jalan keluar.",
    ),
    "penutup": _p(
        "Quick win bukan akhir, melainkan awal: keberhasilannya membuka jalan bagi program "
        "jangka menengah dan panjang dalam Buku 2.",
    ),
}

BOOK_4 = {
    "kata-pengantar": _p(
        "Assalamu'alaikum warahmatullahi wabarakatuh.",
        "Puji syukur kita panjatkan ke hadirat Allah SWT atas tersusunnya Masterplan Smart "
        "City Kabupaten Pekalongan 2025–2034. Dokumen ini lahir dari kerja bersama perangkat "
        "daerah, perguruan tinggi, dunia usaha, media dan masyarakat melalui empat tahap "
        "bimbingan teknis Gerakan Menuju Kota Cerdas 2024.",
        "Kami berharap masterplan ini menjadi panduan menuju Kabupaten Pekalongan yang "
        "cerdas, mempermudah konektivitas antar lembaga dan antar wilayah, dan yang terpenting "
        "menghadirkan layanan yang lebih dekat bagi warga — dari bayi yang pulang membawa "
        "akta kelahiran hingga anak yang kembali ke bangku sekolah.",
        "Wassalamu'alaikum warahmatullahi wabarakatuh.",
        "<strong>Fadia A. Rafik, S.E., M.M.</strong>",
        "Bupati Pekalongan",
    ),
    "ringkasan-kondisi": _p(
        "Kabupaten Pekalongan memiliki kepemimpinan dan modal sosial yang kuat serta "
        "infrastruktur digital yang cukup. Tantangan utamanya adalah banjir rob di pesisir, "
        "kesenjangan layanan di pegunungan, rendahnya rata-rata lama sekolah, daya saing "
        "industri batik serta regulasi dan anggaran TIK yang terbatas.",
    ),
    "visi-misi": _p(
        "Visi: <strong>Terwujudnya Kabupaten Pekalongan yang cerdas, melayani dan berdaya "
        "saing berbasis kolaborasi, kearifan lokal batik dan nilai-nilai santri.</strong>",
    ),
    "ringkasan-dimensi": _p(
        "Ringkasan ini menyajikan isu, strategi dan program utama setiap dimensi dalam satu "
        "halaman.",
    ),
    "ringkasan-dimensi--gov": _p(
        "Layanan terintegrasi berbasis peristiwa kehidupan (ALDINO, MPP Digital), birokrasi "
        "tanpa kertas dan kebijakan berbasis Satu Data.",
    ),
    "ringkasan-dimensi--brd": _p(
        "Merek bersama batik kabupaten, ekowisata Petungkriyono dan wajah Kajen sebagai "
        "etalase budaya.",
    ),
    "ringkasan-dimensi--eco": _p(
        "Sentra batik digital, data kesejahteraan terpadu dan pasar rakyat nontunai.",
    ),
    "ringkasan-dimensi--liv": _p(
        "Layanan gawat darurat 119, kesehatan terhubung, permukiman pesisir tangguh rob dan "
        "angkutan desa yang hidup kembali.",
    ),
    "ringkasan-dimensi--soc": _p(
        "KUDU SEKOLAH, desa digital, literasi digital dan satu nomor darurat 112.",
    ),
    "ringkasan-dimensi--env": _p(
        "Peringatan dini rob, mangrove Wonokerto, bank sampah digital, pengolahan limbah "
        "batik dan energi terbarukan.",
    ),
    "program-prioritas": _p(
        "Dua program unggulan — ALDINO dan KUDU SEKOLAH — serta empat quick win lainnya "
        "menjadi prioritas tahun pertama.",
    ),
    "peta-jalan-ringkas": _p(
        "2025–2026: quick win dan fondasi data. 2027–2029: integrasi layanan dan command "
        "center. 2030–2034: keberlanjutan, perluasan dan inovasi lanjutan.",
    ),
    "kelembagaan-pembiayaan": _p(
        "Pelaksanaan dikendalikan Dewan Smart City, dijalankan Tim Pelaksana dan dikawal "
        "Forum Smart City. Pembiayaan memadukan APBD, APBN, dana desa, CSR dan KPBU.",
    ),
    "lembar-komitmen": _p(
        "Kami, Bupati Pekalongan beserta kepala perangkat daerah yang bertanda tangan di "
        "bawah ini, berkomitmen untuk melaksanakan Masterplan Smart City Kabupaten Pekalongan "
        "2025–2034, menganggarkan program sesuai peta jalan, serta melaporkan capaian secara "
        "berkala kepada Dewan Smart City dan masyarakat.",
        "Ditandatangani di Kajen pada Bimtek Tahap IV, September 2024.",
    ),
}

SECTIONS = {1: BOOK_1, 2: BOOK_2, 3: BOOK_3, 4: BOOK_4}
