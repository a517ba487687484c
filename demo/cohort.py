"""The 2024 cohort of the programme and the demo users."""

from __future__ import annotations

from datetime import date

PASSWORD = "kotacerdas2024"

COHORT = {
    "year": 2024,
    "name": "Menuju Kota Cerdas 2024",
    "framework": "kominfo-2017",
    "description": (
        "Gerakan Menuju Kota Cerdas angkatan 2024: sepuluh kabupaten/kota terpilih "
        "mengikuti bimbingan teknis empat tahap dari Direktorat Layanan Aplikasi "
        "Informatika Pemerintahan (Ditjen Aptika) antara Mei dan September 2024 dan "
        "menghasilkan empat buku masterplan smart city."
    ),
    "stages": [
        (date(2024, 5, 21), date(2024, 5, 23)),
        (date(2024, 6, 25), date(2024, 6, 27)),
        (date(2024, 7, 30), date(2024, 7, 31)),
        (date(2024, 9, 10), date(2024, 9, 12)),
    ],
}

# role: "admin", "coordinator", "editor", "viewer" or "mentor"; region by slug.
USERS = [
    {
        "username": "admin",
        "full_name": "Rahmat Hidayat, S.T., M.T.",
        "position": "Administrator Portal, Direktorat Layanan Aplikasi Informatika Pemerintahan",
        "email": "admin@example.id",
        "is_staff": True,
        "is_superuser": True,
        "role": "admin",
    },
    {
        "username": "koordinator",
        "full_name": "Agus Prasetyo, S.Kom., M.M.",
        "position": "Kepala Bidang Aplikasi Informatika, Diskominfo Kabupaten Pekalongan",
        "email": "koordinator@example.id",
        "role": "coordinator",
        "region": "pekalongan",
        "agency": "Diskominfo",
    },
    {
        "username": "editor",
        "full_name": "Siti Nur Aisyah, S.Kom.",
        "position": "Pranata Komputer Ahli Muda, Diskominfo Kabupaten Pekalongan",
        "email": "editor@example.id",
        "role": "editor",
        "region": "pekalongan",
        "agency": "Diskominfo",
    },
    {
        "username": "editor-ekonomi",
        "full_name": "Muhammad Fauzan, S.E.",
        "position": "Analis Perekonomian, Dinperindagkop UKM Kabupaten Pekalongan",
        "email": "editor-ekonomi@example.id",
        "role": "editor",
        "region": "pekalongan",
        "agency": "Dinperindagkop UKM",
        "dimensions": ["ECO"],
    },
    {
        "username": "viewer",
        "full_name": "Dra. Endang Sulistyowati, M.Si.",
        "position": "Kepala Bidang Perencanaan dan Evaluasi, Bappeda Kabupaten Pekalongan",
        "email": "viewer@example.id",
        "role": "viewer",
        "region": "pekalongan",
        "agency": "Bappeda",
    },
    {
        "username": "mentor",
        "full_name": "Dr. Rina Kusumawardani, S.T., M.Kom.",
        "position": "Tenaga Ahli Pendamping Smart City",
        "email": "mentor@example.id",
        "role": "mentor",
        "region": "pekalongan",
    },
    {
        "username": "editor-batang",
        "full_name": "Dwi Hartono, S.T.",
        "position": "Pranata Komputer Ahli Pertama, Diskominfo Kabupaten Batang",
        "email": "editor-batang@example.id",
        "role": "editor",
        "region": "batang",
        "agency": "Diskominfo",
    },
]
