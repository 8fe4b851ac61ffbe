"""Pieces of the legal Q&A pages (the home page's box is declared in LegalConfig, see legal/portal.py)."""

import json

from django import template
from django.utils.html import strip_tags
from django.utils.safestring import mark_safe

from congdoan.links import absolute_url

register = template.Library()


@register.simple_tag(takes_context=True)
def qa_jsonld(context, publication):
    """A schema.org QAPage: one question asked by a member and the office's accepted answer
    (QAPage rather than FAQPage: the question comes from a user, not from the site)."""
    request = context["request"]
    url = absolute_url(request, publication.get_absolute_url())
    federation = context.get("federation")
    answer = {
        "@type": "Answer",
        "text": " ".join(strip_tags(publication.answer).split()),
        "dateCreated": publication.published_at.isoformat(),
        "url": f"{url}#tra-loi",
        "upvoteCount": 0,
        "author": {"@type": "Person", "name": publication.adviser.name},
    }
    if publication.adviser.title:
        answer["author"]["jobTitle"] = publication.adviser.title
    data = {
        "@context": "https://schema.org",
        "@type": "QAPage",
        "inLanguage": "vi",
        "mainEntity": {
            "@type": "Question",
            "name": publication.title,
            "text": publication.question_text,
            "answerCount": 1,
            "dateCreated": publication.published_at.isoformat(),
            "author": {"@type": "Person", "name": publication.asker_label},
            "acceptedAnswer": answer,
        },
    }
    if federation is not None:
        data["publisher"] = {"@type": "Organization", "name": federation.full_name}
    payload = json.dumps(data, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')
