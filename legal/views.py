"""Public pages of the legal Q&A: the archive, one Q&A, asking a question, looking it up.

The archive and a Q&A page read `Publication` only (no contact column exists there) in a
fixed number of queries, pinned in tests/legal/test_queries.py: they are linked from the
home page and every federation's menu, and served uncached on every page-cache miss. The
members' forms are never cached (each carries a CSRF token and a signed start time), and the
look-up answers a POST, so a code and a phone number never sit in a URL or a cache.
"""

from urllib.parse import urlencode

from django.core import signing
from django.db.models import Count, Q
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache

from congdoan.caching import cached, public_page
from congdoan.links import absolute_url
from congdoan.pagination import paginate
from congdoan.security import client_ip
from news.search import MAX_QUERY_LENGTH, query_terms

from . import limits, services
from .forms import AskForm, LookupForm
from .models import Publication, Topic

PAGE_SIZE = 15
RELATED = 5
DONE_SALT = "legal.ask.done"
DONE_MAX_AGE = 3600


def _topics_with_counts() -> list[Topic]:
    """Topics that have published Q&As, with their counts (one query)."""
    published = Q(publications__published_at__isnull=False)  # as PublicationQuerySet.published()
    return list(
        Topic.objects.annotate(published_count=Count("publications", filter=published)).filter(published_count__gt=0)
    )


@public_page(params=("chu-de", "q", "page"))
def question_list(request):
    """/hoi-dap/: published Q&As newest first; ?chu-de=<topic>, ?q=<words> (no diacritics needed)."""
    topics = cached("legal-topics", "", _topics_with_counts)
    topic = None
    topic_slug = request.GET.get("chu-de", "")
    if topic_slug:
        topic = next((item for item in topics if item.slug == topic_slug), None)
        if topic is None:
            raise Http404("Không có chủ đề này.")
    raw_query = request.GET.get("q", "")
    search_query = " ".join(raw_query.split())[:MAX_QUERY_LENGTH]
    terms = query_terms(search_query)
    publications = Publication.objects.published().for_cards().defer("search_text", "answer")
    if topic is not None:
        publications = publications.filter(topic=topic)
    if terms:
        publications = publications.search(terms)
    page = paginate(request, publications, per_page=PAGE_SIZE)
    filters = [("chu-de", topic.slug)] if topic else []
    if search_query:
        filters.append(("q", search_query))
    context = {
        "topics": topics,
        "current_topic": topic,
        "search_query": search_query,
        "searched": bool(raw_query.strip()),
        "terms": terms,
        "page": page,
        "page_query": urlencode(filters),
    }
    return render(request, "legal/question_list.html", context)


@public_page()
def question_detail(request, slug):
    """/hoi-dap/<slug>/: one Q&A, the published documents it cites (its legal basis), and its
    related questions (same topic, newest first)."""
    publication = get_object_or_404(Publication.objects.published().select_related("topic", "adviser"), slug=slug)
    related = list(
        Publication.objects.published()
        .filter(topic_id=publication.topic_id)
        .exclude(pk=publication.pk)
        .only("title", "slug", "published_at")
        .order_by("-published_at", "-pk")[:RELATED]
    )
    context = {
        "publication": publication,
        "legal_basis": publication.legal_basis(timezone.localdate()),
        "related": related,
        "canonical": absolute_url(request, publication.get_absolute_url()),
    }
    return render(request, "legal/question_detail.html", context)


def _limited(request, refusal: limits.Refusal):
    response = render(request, "legal/limited.html", {"message": refusal.message}, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


@never_cache
def ask(request):
    """/hoi-dap/gui-cau-hoi/: the members' form. A challenge appears only once a limit trips
    (see legal.limits); the form keeps everything typed across errors."""
    if request.method != "POST":
        return render(request, "legal/ask.html", {"form": AskForm()})
    address = client_ip(request)
    state = limits.count_question_post(address)
    if isinstance(state, limits.Refusal):
        return _limited(request, state)
    form = AskForm(request.POST, challenge=state or f"{AskForm.challenge_name}_0" in request.POST)
    if form.is_valid():
        contact = form.contact_key()
        contact_state = limits.contact_state(contact)
        if isinstance(contact_state, limits.Refusal):
            return _limited(request, contact_state)
        if not form.challenge and (form.too_fast or contact_state):
            form.add_challenge()
            return render(request, "legal/ask.html", {"form": form, "challenge_now": True})
        cleaned = form.cleaned_data
        try:
            submission = services.submit_question(
                topic=cleaned["topic"],
                question=cleaned["question"],
                salutation=cleaned["salutation"],
                asker_name=cleaned["asker_name"],
                phone=cleaned["phone"],
                email=cleaned["email"],
                workplace=cleaned["workplace"],
                place=cleaned["place"],
                allow_publication=cleaned["publish"] == "co",
                consent=cleaned["consent"],
                now=timezone.now(),
                lookup_url=absolute_url(request, reverse("legal:lookup")),
            )
        except services.LegalError as error:
            form.add_error(None, error.message)
        else:
            if submission.created:
                limits.count_question_received(contact)
            question = submission.question
            token = signing.dumps({"code": question.code, "mailed": bool(question.email)}, salt=DONE_SALT)
            return redirect(f"{reverse('legal:ask_done')}?ma={token}")
    return render(request, "legal/ask.html", {"form": form}, status=200)


@never_cache
def ask_done(request):
    """After a question is sent: its tracking code (from a signed, hour-long token in the URL)."""
    try:
        done = signing.loads(request.GET.get("ma", ""), salt=DONE_SALT, max_age=DONE_MAX_AGE)
    except signing.BadSignature:
        return redirect("legal:ask")
    return render(request, "legal/ask_done.html", {"code": done["code"], "mailed": done["mailed"]})


@never_cache
def lookup(request):
    """/hoi-dap/tra-cuu/: code + the asker's phone or e-mail → the status and the private answer."""
    if request.method != "POST":
        return render(request, "legal/lookup.html", {"form": LookupForm()})
    address = client_ip(request)
    code_typed = request.POST.get("code", "")[:40]
    state = limits.lookup_state(address=address, code=code_typed.strip().upper())
    if isinstance(state, limits.Refusal):
        return _limited(request, state)
    form = LookupForm(request.POST, challenge=state or f"{LookupForm.challenge_name}_0" in request.POST)
    if not form.is_valid():
        return render(request, "legal/lookup.html", {"form": form})
    code = form.cleaned_data["code"]
    question = services.find_own_question(code=code, **form.cleaned_data["contact"])
    if question is None:
        limits.count_lookup_failure(address=address, code=code)
        form.add_error(
            None,
            "Không tìm thấy câu hỏi với mã và số điện thoại (hoặc thư điện tử) này. Hãy kiểm tra lại: "
            "số điện thoại hoặc thư điện tử phải đúng như khi gửi câu hỏi.",
        )
        return render(request, "legal/lookup.html", {"form": form})
    limits.forget_lookup_failures(code=code)
    publication = Publication.objects.published().filter(question=question).only("slug").first()
    return render(request, "legal/lookup_result.html", {"question": question, "publication": publication})
