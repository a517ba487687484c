"""``{% load fragments %}``: a part of a page that reads nobody's rights, kept per plan
content version.

``{% fragment key prepare %}…{% endfragment %}`` writes what the cache holds under ``key``
(``fragment_key``) and otherwise reads ``prepare`` (a callable of the view's, e.g. the
prefetches the block needs: they run only then), renders the block and keeps it.
The key holds the plan's content version (``masterplan/plan_versions.py``: every write to
the plan's records, its region's agencies and the framework's reference rows moves it in
the same transaction), the language and a digest of the template, so a fragment is never
older than what it shows. Nothing that depends on the user (buttons, suggestions, comments,
CSRF tokens) may go inside one.
"""

from __future__ import annotations

import hashlib

from django import template
from django.core.cache import cache
from django.utils.safestring import mark_safe
from django.utils.translation import get_language

from masterplan.plan_cache import plan_cache_key

register = template.Library()

TIMEOUT = 24 * 3600


def fragment_key(name: str, record, version: int) -> str:
    """The cache key of ``record``'s fragment ``name`` at its plan's ``version``, in the
    current language."""
    return plan_cache_key(f"fragment:{name}", record, version, get_language() or "-")


class FragmentNode(template.Node):
    def __init__(self, nodelist, key, prepare, digest: str):
        self.nodelist, self.key, self.prepare, self.digest = nodelist, key, prepare, digest

    def render(self, context) -> str:
        key = self.key.resolve(context, ignore_failures=True)
        key = f"{key}:{self.digest}" if key else None
        html = cache.get(key) if key else None
        if html is not None:
            return mark_safe(html)  # rendered (and escaped) by this block before
        self.prepare.resolve(context, ignore_failures=True)  # a callable: called here
        output = self.nodelist.render(context)
        if key:
            cache.set(key, str(output), TIMEOUT)
        return output


@register.tag
def fragment(parser, token):
    bits = token.split_contents()
    if len(bits) != 3:
        raise template.TemplateSyntaxError("{% fragment key prepare %} takes two arguments")
    nodelist = parser.parse(("endfragment",))
    parser.delete_first_token()
    # the template's own text in the key: a changed template never meets an old fragment
    source = getattr(getattr(parser, "origin", None), "name", "") or ""
    try:
        with open(source, "rb") as handle:
            digest = hashlib.blake2b(handle.read(), digest_size=6).hexdigest()
    except OSError:
        digest = "-"
    return FragmentNode(
        nodelist, parser.compile_filter(bits[1]), parser.compile_filter(bits[2]), digest
    )
