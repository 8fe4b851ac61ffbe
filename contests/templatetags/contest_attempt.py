"""{% attempt_questions questions open round_closed %}: the drawn questions of the attempt page.

Formatted here rather than looped over in the template: the page shows 20 questions with 80
options, every contestant opens it at a round's start, and the template engine spent about 4 ms
of CPU on them (two thirds of the page's cost, ~5 µs a node); this takes about 0.2 ms. The
markup is what the template wrote, and every value is escaped as the template would escape it
(`html.escape`, what django.utils.html.escape calls, without its per-call wrappers; an option's
value is hexadecimal digits, services.option_value, and needs none).
"""

from html import escape

from django import template
from django.utils.safestring import mark_safe

register = template.Library()


def _lines(text: str) -> str:
    """What `|linebreaksbr` makes of plain text (its newlines normalised, escaped, each line
    break a <br>), without its per-call wrappers."""
    return escape(text.replace("\r\n", "\n").replace("\r", "\n")).replace("\n", "<br>")


def _options(question: dict, open: bool) -> str:
    name = escape(f"q-{question['id']}")
    disabled = "" if open else " disabled"
    labels = []
    for choice in question["options"]:
        modifier = " contest-option--dung" if choice["correct"] else " contest-option--sai" if choice["wrong"] else ""
        labels.append(
            f'        <label class="contest-option{modifier}">'
            f'<input type="radio" name="{name}" value="{choice["value"]}"'
            f"{' checked' if choice['chosen'] else ''}{disabled}> {escape(choice['text'])}"
            f"{' <strong>(đáp án)</strong>' if choice['correct'] else ''}</label>\n"
        )
    return "".join(labels)


def _question(question: dict, open: bool, round_closed: bool) -> str:
    number, key = question["position"], escape(question["id"])
    html = (
        f'  <li class="contest-question" id="cau-{key}">\n    <fieldset>\n'
        f'      <legend><span class="contest-qnum">Câu {number}.</span> {_lines(question["text"])}</legend>\n'
        f"{_options(question, open)}"
    )
    if open:
        saved = "Đã lưu" if question["answered"] else ""
        html += (
            f'      <button type="submit" name="luu" value="{key}" class="contest-save">Lưu câu {number}</button>'
            f' <span class="contest-saved" aria-live="polite">{saved}</span>\n'
        )
    if round_closed and question["explanation"]:
        html += f'      <p class="contest-explanation">Giải thích: {escape(question["explanation"])}</p>\n'
    return html + "    </fieldset>\n  </li>\n"


@register.simple_tag
def attempt_questions(questions: list[dict], open: bool, round_closed: bool):
    """`questions` as views._render_attempt builds them; `open`: the attempt still takes
    answers; `round_closed`: correct answers and explanations may be shown."""
    return mark_safe("".join(_question(question, open, round_closed) for question in questions))  # all escaped
