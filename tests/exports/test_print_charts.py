"""The charts only the books print: the Gantt in page-sized parts (Buku 2) and the
condensed Gantt per element (Buku 4)."""

from __future__ import annotations

import xml.etree.ElementTree as ET

import pytest

from dimensions.models import Element
from roadmap.charts import gantt_by_element_svg, gantt_parts_svg
from tests import factories

pytestmark = pytest.mark.django_db

SVG = "{http://www.w3.org/2000/svg}"


def texts(svg: str) -> list[str]:
    root = ET.fromstring(svg)
    assert root.tag == f"{SVG}svg" and root.get("viewBox")
    return ["".join(element.itertext()) for element in root.iter(f"{SVG}text")]


@pytest.fixture
def plan_with_60_programmes():
    plan = factories.make_plan()
    elements = [factories.element(d, e) for d, e in [("GOV", "SRV"), ("ECO", "IND")]]
    codes = [factories.programme(plan, elements[i % 2], name=f"P{i}").code for i in range(60)]
    return plan, codes


def test_the_gantt_in_parts_shows_every_programme_once(plan_with_60_programmes):
    plan, codes = plan_with_60_programmes

    parts = gantt_parts_svg(plan, rows_per_part=25)

    assert len(parts) == 3
    labels = [text.split()[0] for part in parts for text in texts(part)]
    assert all(labels.count(code) == 1 for code in codes)
    assert "(1/3)" in " ".join(texts(parts[0]))


def test_the_condensed_gantt_has_one_row_per_element_with_its_programme_count(
    plan_with_60_programmes,
):
    plan, _codes = plan_with_60_programmes

    text = " ".join(texts(gantt_by_element_svg(plan)))

    assert "GOV-SRV" in text and "ECO-IND" in text
    assert text.count("(30)") == 2
    assert "P1" not in text.split()  # programmes are not listed one by one


def test_the_charts_escape_names():
    plan = factories.make_plan()
    name = '<script>alert("x")</script> & co'
    factories.programme(plan, factories.element("GOV", "SRV"), name=name)
    element_name = '<b>Layanan</b> & "publik"'
    Element.objects.filter(pk=factories.element("GOV", "SRV").pk).update(
        name_id=element_name, name_en=element_name
    )

    (part,) = gantt_parts_svg(plan)
    condensed = gantt_by_element_svg(plan)

    assert "&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; co" in part
    assert "&lt;b&gt;Layanan&lt;/b&gt; &amp; &quot;publik&quot;" in condensed
    assert "<script" not in part and "<b>" not in condensed
    # well-formed XML whose text reads as typed
    assert any(text.endswith(name) for text in texts(part))
    assert any(element_name in text for text in texts(condensed))


def test_long_labels_wrap_and_no_label_ends_in_an_ellipsis():
    plan = factories.make_plan()
    long_name = (
        "Pengembangan sistem informasi terpadu pelayanan kesehatan dan administrasi "
        "kependudukan berbasis desa di seluruh kecamatan kabupaten"
    )
    factories.programme(plan, factories.element("GOV", "SRV"), name=long_name)
    factories.programme(plan, factories.element("ECO", "IND"), name="Pasar digital")
    from roadmap.charts import bars

    charts = [*gantt_parts_svg(plan), gantt_by_element_svg(plan)]
    charts += [getattr(bars, name)(plan) for name in dir(bars) if name.endswith("_svg")]
    for svg in charts:
        for text in texts(svg):
            assert not text.rstrip().endswith("…"), text
    root = ET.fromstring(gantt_parts_svg(plan)[0])
    label = next(t for t in root.iter(f"{SVG}text") if "kependudukan" in "".join(t.itertext()))
    lines = [span.text for span in label.iter(f"{SVG}tspan")]
    assert len(lines) >= 2  # wrapped, every word kept
    assert " ".join(lines).split()[1:] == long_name.split()
    assert float(label.get("font-size")) >= 7


def test_every_part_of_the_gantt_has_its_caption_and_the_list_one_entry(
    plan_with_60_programmes,
):
    from exports.context.official import document_text
    from exports.render import build_html

    plan, _codes = plan_with_60_programmes
    html = build_html(plan.books.get(number=2))
    text = " ".join(document_text(html).split())

    assert "Diagram Gantt peta jalan (bagian 1 dari 2)" in text
    assert "Diagram Gantt peta jalan (bagian 2 dari 2)" in text
    listed = html.split('id="daftar-gambar"', 1)[1].split("</nav>", 1)[0]
    assert listed.count("Diagram Gantt") == 1
