"""{% attempt_questions attempt.pk questions open round_closed %}: the drawn questions of the attempt page.

Formatted here rather than looped over in the template: the page shows 20 questions with 80
options, every contestant opens it at a round's start, and the template engine spent about 4 ms
of CPU on them (two thirds of the page's cost, ~5 µs a node); this takes about 0.2 ms. The
markup is what the template wrote, and every value is escaped as the template would escape it
(`html.escape`, what django.utils.html.escape calls, without its per-call wrappers; ids are
integers and an option's value is hexadecimal digits, services.option_value: they need none).
It formats the drawn rows themselves, their option values worked out in one batch.
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

from .. import services
from ..services import DrawnQuestion

register = template.Library()


def _lines(text: str) -> str:
    """What `|linebreaksbr` makes of plain text (its newlines normalised, escaped, each line
    break a <br>), without its per-call wrappers."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _options(question: DrawnQuestion, values: list[str], open: bool, round_closed: bool) -> str:
    name = f"q-{question.question_id}"
    disabled = "" if open else " disabled"
    labels = []
    for (pk, text, is_correct), value in zip(question.options, values, strict=True):
        chosen = pk == question.chosen_id
        # Only once the round is closed does any correct answer reach the page.
        correct = round_closed and is_correct
        modifier = " contest-option--dung" if correct else " contest-option--sai" if round_closed and chosen else ""
        labels.append(
            f'        <label class="contest-option{modifier}">'
            f'<input type="radio" name="{name}" value="{value}"'
            f"{' checked' if chosen else ''}{disabled}> {escape(text)}"
            f"{' <strong>(đáp án)</strong>' if correct else ''}</label>\n"
        )
    return "".join(labels)


def _question(question: DrawnQuestion, values: list[str], open: bool, round_closed: bool) -> str:
    number, key = question.position, question.question_id
    html = (
        f'  <li class="contest-question" id="cau-{key}">\n    <fieldset>\n'
        f'      <legend><span class="contest-qnum">Câu {number}.</span> {_lines(question.text)}</legend>\n'
        f"{_options(question, values, open, round_closed)}"
    )
    if open:
        saved = "Đã lưu" if question.chosen_id is not None else ""
        html += (
            f'      <button type="submit" name="luu" value="{key}" class="contest-save">Lưu câu {number}</button>'
            f' <span class="contest-saved" aria-live="polite">{saved}</span>\n'
        )
    if round_closed and question.explanation:
        html += f'      <p class="contest-explanation">Giải thích: {escape(question.explanation)}</p>\n'
    return html + "    </fieldset>\n  </li>\n"


@register.simple_tag
def attempt_questions(attempt_id: int, questions: list[DrawnQuestion], open: bool, round_closed: bool):
    """`questions`: services.drawn_questions(attempt); `open`: the attempt still takes
    answers; `round_closed`: correct answers and explanations may be shown."""
    values = services.option_values(attempt_id, [pk for question in questions for pk, _, _ in question.options])
    html, start = [], 0
    for question in questions:
        end = start + len(question.options)
        html.append(_question(question, values[start:end], open, round_closed))
        start = end
    return mark_safe("".join(html))  # all escaped
