"""No installed dependency has a known vulnerability (pip-audit, PyPI's advisory data).

Needs the network (pypi.org's JSON API). ``--strict`` matters: without it pip-audit
reports "No known vulnerabilities found" and exits 0 when it could not look a package
up at all, which would pass offline while auditing nothing.
"""

from __future__ import annotations

import json
import subprocess
import sys

import pytest

pytestmark = pytest.mark.slow

PIP_AUDIT = [sys.executable, "-m", "pip_audit", "--progress-spinner", "off"]


def test_installed_dependencies_have_no_known_vulnerabilities():
    result = subprocess.run(
        [*PIP_AUDIT, "--strict", "--skip-editable", "--local", "--format", "json"],
        capture_output=True,
        text=True,
        timeout=900,
    )
    try:
        report = json.loads(result.stdout)
    except json.JSONDecodeError:
        report = None
    if report is None:
        pytest.fail(
            "pip-audit could not audit every installed package (is the advisory data "
            f"reachable?):\n{result.stderr[-3000:]}",
            pytrace=False,
        )
    found = [
        f"{dependency['name']} {dependency['version']}: {vuln['id']} "
        f"(fixed in {', '.join(vuln.get('fix_versions') or ['no release yet'])})"
        for dependency in report["dependencies"]
        for vuln in dependency.get("vulns", [])
    ]
    assert found == [], "known vulnerabilities:\n" + "\n".join(found)
    assert report["dependencies"], "pip-audit audited nothing"
