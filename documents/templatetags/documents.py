import json

from django import template
from django.utils.safestring import mark_safe

from congdoan.links import absolute_url

register = template.Library()

RELATED_BOX_SIZE = 5


@register.simple_tag(takes_context=True)
def document_url(context, document):
    return absolute_url(context.get("request"), document.get_absolute_url())


@register.simple_tag(takes_context=True)
def document_jsonld(context, document):
    """A JSON-LD Legislation block (a data block, not script: CSP does not run it)."""
    data = {
        "@context": "https://schema.org",
        "@type": "Legislation",
        "name": f"{document.kind_name} {document.number}",
        "alternateName": document.number,
        "legislationIdentifier": document.number,
        "legislationType": document.kind_name,
        "abstract": document.title,
        "legislationDate": document.issued_on.isoformat(),
        "legislationPassedBy": {"@type": "Organization", "name": document.issuer.name},
        "url": document_url(context, document),
        "inLanguage": "vi",
    }
    if document.effective_from:
        data["legislationDateVersion"] = document.effective_from.isoformat()
    payload = json.dumps(data, ensure_ascii=False)
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    return mark_safe(f'<script type="application/ld+json">{payload}</script>')


@register.inclusion_tag("documents/includes/related_box.html")
def related_documents(article):
    """The "Văn bản liên quan" box of an article page: published documents linked to it (one query)."""
    from documents.models import Document

    documents = list(
        Document.objects.published().for_list().filter(related_articles=article).newest_first()[:RELATED_BOX_SIZE]
    )
    return {"documents": documents}
