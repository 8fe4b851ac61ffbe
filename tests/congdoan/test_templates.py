"""Templates link by URL name, so a moved URL cannot leave a stale link behind."""

import re
from pathlib import Path

from django.conf import settings

HAND_TYPED_PATH = re.compile(r'\b(?:href|action|src)="/')


def test_no_template_types_a_path_by_hand():
    found = []
    for directory in settings.TEMPLATES[0]["DIRS"]:
        for template in sorted(Path(directory).rglob("*.html")):
            for number, line in enumerate(template.read_text(encoding="utf-8").splitlines(), start=1):
                if HAND_TYPED_PATH.search(line):
                    found.append(f"{template.relative_to(directory)}:{number}")
    assert found == []


def test_header_and_footer_are_includes():
    base = (Path(settings.TEMPLATES[0]["DIRS"][0]) / "base.html").read_text(encoding="utf-8")
    # The header is kept per cache generation too, with a copy per menu item marked current
    # (news.templatetags.news.site_header).
    assert "{% block header %}{% site_header %}{% endblock %}" in base
    # The footer shows nothing of the reader or the address, only the federation and the
    # sections: kept per their versions.
    footer = '{% cached_include "footer" "includes/footer.html" apps="congdoan news.section" %}'
    assert "{% block footer %}" + footer + "{% endblock %}" in base
