"""Public contest pages: the contest, registration, login, and taking attempts.

Everything works with plain HTML forms; JavaScript only adds the countdown and saves an
answer as soon as it is chosen (posting the same form). No page here is stored by the
full-page cache: the contest page's counts are live (cached for a few seconds on their
own, see results.live_counts) and everything else belongs to one contestant.
"""

from functools import wraps

from django.contrib import messages
from django.contrib.auth import login, logout, update_session_auth_hash
from django.contrib.auth.forms import PasswordChangeForm
from django.db.models import Prefetch
from django.http import Http404, JsonResponse
from django.middleware.csrf import CsrfViewMiddleware
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import timezone
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_POST

from congdoan.caching import cached
from congdoan.security import client_ip
from congdoan.tenancy import current_federation, directory, everywhere

from . import limits, network, results, services, tokens
from .forms import AttemptExtrasForm, FederationChoiceForm, LoginForm, RegistrationForm
from .models import Attempt, Contest, Contestant


def _contest_by_slug(slug) -> Contest | None:
    return Contest.objects.published().select_related("campaign").filter(slug=slug).first()


class OnNationalSite(Exception):
    """The slug is a network-wide contest's, whose pages live on the national host only."""


def _published_contest(slug) -> Contest:
    """The published contest at `slug` with its campaign, kept per cache generation (a contest
    or campaign edit starts a new one): every contest page, start and submit looks it up."""
    contest = cached("contest", slug, lambda: _contest_by_slug(slug))
    if contest is None:
        national_id = directory().national_id
        served = current_federation()
        if served is not None and served.pk != national_id:
            elsewhere = everywhere(Contest).published().network_wide().filter(federation_id=national_id, slug=slug)
            if elsewhere.exists():
                raise OnNationalSite
        raise Http404("Không có cuộc thi này.")
    return contest


def served_on_national_site(view):
    """A network-wide contest's address on a federation's host sends the reader (302: the
    flag may be turned off) to the same address on the national host (see contests.network)."""

    @wraps(view)
    def wrapped(request, *args, **kwargs):
        try:
            return view(request, *args, **kwargs)
        except OnNationalSite:
            target = network.national_url(request, request.get_full_path())
            if target is None:
                raise Http404("Không có cuộc thi này.") from None
            return redirect(target)

    return wrapped


def _current_contestant(request, contest) -> Contestant | None:
    if not request.user.is_authenticated:
        return None
    return services.find_contestant(user_id=request.user.pk, contest=contest)


def _to_login(request, contest):
    messages.info(request, "Hãy đăng nhập bằng số điện thoại đã đăng ký để dự thi.")
    return redirect(f"{reverse('contests:login', args=[contest.slug])}?next={request.path}")


def contestant_required(view):
    """Only a logged-in contestant of this contest; others are sent to the login page.

    The contest from the cache, the contestant in one query (after Django's session and user)."""

    @wraps(view)
    @served_on_national_site
    def wrapped(request, slug, *args, **kwargs):
        contest = _published_contest(slug)
        contestant = _current_contestant(request, contest)
        if contestant is None:
            return _to_login(request, contest)
        return view(request, contest, contestant, *args, **kwargs)

    return wrapped


def own_attempt_required(view):
    """The attempt page and its form: the logged-in contestant's own attempt, with its round.

    Opened by every contestant at a round's start, so the attempt, its round and the
    contestant's check are one query (after Django's session and user; the contest comes
    from the cache). Only when none is found: the login page for someone who is not a
    contestant of this contest, 404 for another contestant's attempt."""

    @wraps(view)
    @served_on_national_site
    def wrapped(request, slug, pk):
        contest = _published_contest(slug)
        attempt = None
        if request.user.is_authenticated:
            attempt = services.own_attempt(user_id=request.user.pk, contest=contest, attempt_id=pk)
        if attempt is None:
            if _current_contestant(request, contest) is None:
                return _to_login(request, contest)
            raise Http404("Không có lượt thi này.")
        return view(request, contest, attempt)

    return wrapped


@never_cache
@served_on_national_site
def contest_detail(request, slug):
    """/cuoc-thi/<slug>/: rules, rounds, live counts, and each closed round's winners and units."""
    contest = _published_contest(slug)
    now = timezone.now()
    rounds = list(contest.rounds.order_by("order", "starts_at", "pk"))
    # Results once no attempt of the round can change any more (its end plus the grace).
    closed_rounds = [round_ for round_ in rounds if round_.answers_public(now)]
    context = {
        "contest": contest,
        "campaign": contest.campaign,
        "rounds": [{"round": round_, "status": results.round_status(round_, now)} for round_ in rounds],
        "counts": results.live_counts(contest),
        "standings": [{"round": round_, **results.closed_round_standings(round_)} for round_ in closed_rounds],
        "contestant": _current_contestant(request, contest),
    }
    return render(request, "contests/contest_detail.html", context)


@never_cache
@served_on_national_site
def register(request, slug):
    """/cuoc-thi/<slug>/dang-ky/. A network-wide contest asks in two steps, both plain forms:
    the federation (`?lien_doan=<code>`, which other federations' sites link with), then the
    contestant with one of that federation's units."""
    contest = _published_contest(slug)
    if _current_contestant(request, contest):
        return redirect("contests:mine", contest.slug)
    if not contest.is_open_for_registration:
        messages.warning(request, "Cuộc thi đã ngừng nhận đăng ký.")
        return redirect(contest.get_absolute_url())
    if request.method == "POST" and (refusal := limits.registration_refusal(address=client_ip(request))):
        return _limited(request, contest, refusal)
    context = {"contest": contest, "campaign": contest.campaign}
    federation = None
    if contest.network_wide:
        asked = request.POST if request.method == "POST" else request.GET
        chooser = FederationChoiceForm(asked if "lien_doan" in asked else None)
        if not chooser.is_valid():
            return render(request, "contests/register.html", {**context, "chooser": chooser})
        federation = context["federation"] = chooser.cleaned_data["lien_doan"]
    form = RegistrationForm(request.POST or None, contest=contest, federation=federation)
    if request.method == "POST" and form.is_valid():
        data = form.cleaned_data
        try:
            contestant = services.register_contestant(
                contest=contest,
                full_name=data["full_name"],
                phone=data["phone"],
                password=data["password1"],
                email=data["email"],
                date_of_birth=data["date_of_birth"],
                unit=data["unit"],
            )
        except services.ContestError as refusal:
            form.add_error(refusal.field, refusal.message)
        else:
            login(request, contestant.user, backend="congdoan.tenancy.FederationRoleBackend")
            messages.success(request, "Đăng ký thành công. Chúc bạn thi tốt!")
            return redirect("contests:mine", contest.slug)
    return render(request, "contests/register.html", {**context, "form": form})


@never_cache
@served_on_national_site
def login_view(request, slug):
    contest = _published_contest(slug)
    form = LoginForm(request.POST or None, contest=contest, request=request)
    if request.method == "POST" and form.is_valid():
        login(request, form.user)
        target = request.POST.get("next", "")
        prefix = f"/cuoc-thi/{contest.slug}/"
        return redirect(target if target.startswith(prefix) else reverse("contests:mine", args=[contest.slug]))
    if form.refusal is not None:
        return _limited(request, contest, form.refusal)
    context = {"contest": contest, "campaign": contest.campaign, "form": form, "next": request.GET.get("next", "")}
    return render(request, "contests/login.html", context)


def _limited(request, contest, refusal: limits.Refusal):
    """429 with the reason in Vietnamese and when to come back."""
    context = {"contest": contest, "campaign": contest.campaign, "refusal": refusal}
    response = render(request, "contests/limited.html", context, status=429)
    response["Retry-After"] = str(refusal.retry_after)
    return response


@require_POST
def logout_view(request, slug):
    logout(request)
    return redirect("contests:detail", slug)


@never_cache
@contestant_required
def my_attempts(request, contest, contestant):
    """/cuoc-thi/<slug>/cua-toi/: each round with the contestant's attempts and what is left."""
    now = timezone.now()
    services.close_expired_attempts(now=now, queryset=Attempt.objects.filter(contestant=contestant))
    rounds = list(
        contest.rounds.order_by("order", "starts_at", "pk").prefetch_related(
            Prefetch("attempts", queryset=Attempt.objects.filter(contestant=contestant).order_by("number"))
        )
    )
    rows = []
    for round_ in rounds:
        attempts = list(round_.attempts.all())
        running = next((attempt for attempt in attempts if attempt.submitted_at is None), None)
        rows.append(
            {
                "round": round_,
                "status": results.round_status(round_, now),
                "attempts": attempts,
                "running": running,
                "left": max(0, round_.attempts_allowed - len(attempts)),
                "can_start": round_.is_open(now) and (running or len(attempts) < round_.attempts_allowed),
            }
        )
    context = {"contest": contest, "campaign": contest.campaign, "contestant": contestant, "rows": rows}
    return render(request, "contests/my_attempts.html", context)


@never_cache
@contestant_required
def change_password(request, contest, contestant):
    """/cuoc-thi/<slug>/doi-mat-khau/: e.g. after the organisers issued a temporary one."""
    form = PasswordChangeForm(request.user, request.POST or None)
    if request.method == "POST" and form.is_valid():
        user = form.save()
        update_session_auth_hash(request, user)
        messages.success(request, "Đã đổi mật khẩu.")
        return redirect("contests:mine", contest.slug)
    context = {"contest": contest, "campaign": contest.campaign, "form": form}
    return render(request, "contests/change_password.html", context)


@require_POST
@contestant_required
def start(request, contest, contestant, round_id):
    round_ = services.contest_round(contest=contest, round_id=round_id)
    if round_ is None:
        raise Http404("Không có đợt thi này.")
    try:
        started = services.start_attempt(contestant=contestant, round=round_)
    except services.ContestError as refusal:
        messages.error(request, refusal.message)
        return redirect("contests:mine", contest.slug)
    if not started.created:
        messages.info(request, f"Bạn đang làm dở lượt {started.attempt.number}: tiếp tục từ câu đã lưu.")
    return redirect("contests:attempt", contest.slug, started.attempt.pk)


# The form carries the attempt token instead of Django's CSRF token (see _forged).
@csrf_exempt
@never_cache
@own_attempt_required
def attempt_view(request, contest, attempt):
    """/cuoc-thi/<slug>/luot/<id>/: the drawn questions as one form.

    POST saves the chosen options (button "Lưu" on one question, "Lưu tất cả", or a fetch
    sent by the page's script when an option is chosen), and "Nộp bài" submits.
    """
    now = timezone.now()
    wants_json = "application/json" in request.headers.get("Accept", "")
    if request.method == "POST":
        if refusal := _forged(request, attempt, now):
            return refusal
        return _post_attempt(request, contest, attempt, now, wants_json)
    if attempt.submitted_at is None and not attempt.accepts_answers(now):
        services.submit_attempt(attempt=attempt, now=now, auto=True)
    return _render_attempt(request, contest, attempt, now)


def _forged(request, attempt, now):
    """None if the form came from the attempt's own page, else Django's CSRF refusal (403).

    The page's form carries the attempt token (contests/tokens.py: signed, naming the attempt
    and its contestant, readable only by the page) in the field `ma-luot`, and that proves what
    Django's CSRF token proves, for this form alone; an expired one still does (the deadline
    is then enforced as on any late answer). The attempt page therefore renders no CSRF
    token, which costs a random mask on every render. A post without a valid attempt token
    gets Django's own CSRF check."""
    try:
        if tokens.contestant_of(request.POST.get(tokens.FIELD, ""), attempt_id=attempt.pk, now=now) == (
            attempt.contestant_id
        ):
            return None
    except tokens.ExpiredToken:
        return None
    except tokens.BadToken:
        pass
    return CsrfViewMiddleware(lambda request: None).process_view(request, None, (), {})


def _post_attempt(request, contest, attempt, now, wants_json):
    chosen = {}
    for name, value in request.POST.items():
        if name.startswith("q-"):
            chosen[name[2:]] = value
    # Every "Lưu" button (and the script's fetch) saves every chosen option in the form:
    # the button only says where to scroll back to.
    target = request.POST.get("luu", "")
    errors = []
    saved = 0
    try:
        saved = services.save_choices(attempt=attempt, chosen=chosen, now=now)
        extras_form = AttemptExtrasForm(request.POST, round=attempt.round)
        if not extras_form.is_valid():
            errors += extras_form.error_messages()
        if extras := extras_form.extras():
            services.save_extras(attempt=attempt, now=now, **extras)
    except services.ContestError as refusal:
        errors.append(refusal.message)
    if wants_json:
        status = 200 if not errors else 400
        return JsonResponse({"saved": saved, "errors": errors}, status=status)
    for error in errors:
        messages.error(request, error)
    if "nop" in request.POST:
        if services.submit_attempt(attempt=attempt, now=now):
            messages.success(request, "Đã nộp bài.")
        else:
            messages.info(request, "Lượt thi này đã được nộp trước đó; kết quả không thay đổi.")
    elif saved and not errors:
        messages.success(request, f"Đã lưu {saved} câu trả lời." if saved > 1 else "Đã lưu câu trả lời.")
    url = reverse("contests:attempt", args=[contest.slug, attempt.pk])
    anchor = f"#cau-{target}" if target and target != "tat-ca" and "nop" not in request.POST else ""
    return redirect(url + anchor)


# The attempt token replaces Django's CSRF check here; contests/tokens.py says why it is equivalent.
@csrf_exempt
@never_cache
@require_POST
def save_answer(request, slug, pk):
    """/cuoc-thi/<slug>/luot/<id>/luu/: the page's script saving one answer, in JSON.

    The hot request of a contest (20-odd per attempt, thousands of contestants at once), so it
    does only what a save needs: the attempt token instead of the session and the user (no
    query), one `q-<question id>` field, services.record_choice (two queries), a short JSON
    answer; no messages, templates, context processors or cache calls. The slug is only part
    of the address: the token names the attempt. Without JavaScript the form posts to
    attempt_view as before.
    """
    now = timezone.now()
    try:
        contestant_id = tokens.contestant_of(request.headers.get(tokens.HEADER, ""), attempt_id=pk, now=now)
    except tokens.BadToken:
        return _json_refusal("Phiên làm bài không hợp lệ: hãy tải lại trang rồi chọn lại.", status=403)
    except tokens.ExpiredToken:
        return _json_refusal("Đã hết giờ làm bài: câu trả lời này không được ghi nhận.")
    chosen = [(name[2:], value) for name, value in request.POST.items() if name.startswith("q-")]
    if len(chosen) != 1:
        return _json_refusal("Mỗi lần chỉ lưu một câu trả lời.")
    ((question_id, value),) = chosen
    try:
        services.record_choice(
            attempt_id=pk, contestant_id=contestant_id, question_id=question_id, value=value, now=now
        )
    except services.ContestError as refusal:
        return _json_refusal(refusal.message, status=404 if refusal.code == "not_found" else 400)
    return JsonResponse({"saved": 1, "errors": []})


def _json_refusal(message: str, status: int = 400) -> JsonResponse:
    return JsonResponse({"saved": 0, "errors": [message]}, status=status)


def _render_attempt(request, contest, attempt, now):
    questions = services.drawn_questions(attempt)
    context = {
        "contest": contest,
        "campaign": contest.campaign,
        "attempt": attempt,
        "round": attempt.round,
        # The drawn rows as they are: {% attempt_questions %} formats them (80 options).
        "questions": questions,
        "question_count": len(questions),
        "answered_count": sum(1 for question in questions if question.chosen_id is not None),
        "open": attempt.accepts_answers(now),
        "seconds_left": attempt.seconds_left(now),
        # As `attempt.deadline|date:"H:i:s d/m/Y"` writes it, for a tenth of its CPU.
        "deadline_text": timezone.localtime(attempt.deadline).strftime("%H:%M:%S %d/%m/%Y"),
        "round_closed": attempt.round.answers_public(now),
        "token": tokens.attempt_token(attempt),
        "token_field": tokens.FIELD,
    }
    return render(request, "contests/attempt.html", context)
