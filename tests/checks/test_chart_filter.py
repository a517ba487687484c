"""The one filter that inlines chart SVG refuses anything that is not a clean chart."""

from __future__ import annotations

import pytest

from checks.templatetags.checks_tags import chart_svg


def test_it_inlines_a_chart_as_is():
    svg = '<svg xmlns="http://www.w3.org/2000/svg"><text>GOV-SRV-01 on time</text></svg>'
    assert chart_svg(svg) == svg


@pytest.mark.parametrize(
    "value",
    [
        "<p>not a chart</p>",
        "<svg><script>alert(1)</script></svg>",
        '<svg><g onclick="alert(1)"></g></svg>',
        '<svg><a href="javascript:alert(1)"><text>x</text></a></svg>',
        "<svg><foreignObject><div></div></foreignObject></svg>",
    ],
)
def test_it_escapes_anything_else(value):
    assert chart_svg(value).startswith("&lt;")
