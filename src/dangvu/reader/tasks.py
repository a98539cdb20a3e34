"""Tasks and deadlines: "yêu cầu Văn phòng Tỉnh ủy tiếp thu …", "giao Ban Cán sự Đảng UBND tỉnh báo cáo …",
"… để hoàn thành công tác này trước 15/9/2018".

Owns who receives a task (an organisation or a level of units, never a generic "các địa phương, đơn vị"),
where its text ends, which following sentences carry on the same task list, and the deadline of a task.
"""

from __future__ import annotations

import re
from datetime import date, timedelta
from typing import Any

from dangvu.reader.dates import DateMention, find_dates, find_month_years
from dangvu.reader.lexicon import NAMES_WITH_VERBS, ORG_HEADS, TASK_VERBS, TEAM_NOUNS, UNIT_LEVELS


def _alternatives(words: tuple[str, ...]) -> str:
    return "|".join(sorted(map(re.escape, words), key=len, reverse=True))


_TRIGGER_RE = re.compile(
    r"(?<!\w)(?<!bàn )(?<!được )(?<!chuyển )"
    r"(?:[Yy]êu cầu|[Đđ]ề nghị|[Gg]iao nhiệm vụ cho|[Gg]iao cho|[Gg]iao|[Cc]hỉ đạo|[Pp]hân công)(?!\w)"
    r"\s*:?\s*(?:cho\s+)?"  # "yêu cầu: Ban Tuyên giáo …"
)
_ASSIGNEE_START_RE = re.compile(
    rf"(?:(?:{_alternatives(ORG_HEADS)})(?!\w)|[Cc]ác\s+(?:{_alternatives(UNIT_LEVELS)})(?!\w)"
    r"|[Nn]gành\s+(?=[A-ZĐ])"  # "ngành Tổ chức xây dựng Đảng", "ngành Kiểm tra"
    # "phân công 6 đoàn kiểm tra để kiểm tra …", "giao các tổ công tác …": teams sent out by a body.
    rf"|(?:\d+\s+|[Cc]ác\s+)?(?:{_alternatives(TEAM_NOUNS)})(?!\w))"
)
# "6 đoàn kiểm tra để kiểm tra …": the purpose word between a team and its task is neither.
_PURPOSE_END_RE = re.compile(r"\s+(?:để|nhằm)$")
_VERB_RE = re.compile(rf"(?<!\w)(?:{_alternatives(TASK_VERBS)})(?!\w)")
_CAPITAL_VERB_RE = re.compile(rf"(?:{_alternatives(tuple(v[0].upper() + v[1:] for v in TASK_VERBS))})(?!\w)")
_DEADLINE_WORDS_RE = re.compile(
    r"(?:trước|chậm nhất(?: là)?|hạn chót|hạn cuối|không muộn hơn|xong trước)\s*(?:ngày\s*)?$", re.IGNORECASE
)


_MONTH_DEADLINE_RE = re.compile(r"(?:trong|trước|hết|cuối|chậm nhất(?: là)?|xong trong)\s+$", re.IGNORECASE)


def _assignee_at(text: str, at: int, end: int, *, generic: bool = False) -> tuple[str, int] | None:
    """The assignee opening at `at` and where its task's verb starts; `generic` accepts any addressee."""
    opening = _ASSIGNEE_START_RE.match(text, at, end)
    if not generic and not opening:
        return None
    if re.match(r"(?:hội nghị|cuộc họp|buổi)(?!\w)", text[at:end], re.IGNORECASE):
        return None  # "dự và chỉ đạo Hội nghị có …" directs the meeting: no task
    stop = re.compile(r"[.;:\n]").search(text, at, end)
    limit = stop.start() if stop else end
    verb = _VERB_RE.search(text, opening.end() if opening else at, limit)
    while verb and _inside_name(text, verb.start(), verb.end()):
        verb = _VERB_RE.search(text, verb.end(), limit)
    if not verb or len(text[at : verb.start()].split()) > 14:
        return None
    assignee = _PURPOSE_END_RE.sub("", text[at : verb.start()].strip(" ,"))
    return (assignee, verb.start()) if assignee else None


_NAMES_WITH_VERBS_RE = re.compile(rf"(?<!\w)(?:{_alternatives(NAMES_WITH_VERBS)})(?!\w)")


def _inside_name(text: str, start: int, end: int) -> bool:
    """A verb inside a body's name ("ngành Tổ chức xây dựng Đảng", "các Ban xây dựng Đảng")."""
    return any(
        m.start() <= start and end <= m.end()
        for m in _NAMES_WITH_VERBS_RE.finditer(text, max(0, start - 40), min(len(text), end + 40))
    )


def _task_end(text: str, at: int, end: int) -> tuple[int, int | None, int | None]:
    """End of a task's text; where the next assignee starts when a ";" hands over to one; and where the
    same assignee's next task starts ("… tăng cường …; đổi mới …; chú trọng …": one task a clause).
    After a colon, ";" separates the parts of one task ("tập trung …: tạo bước đột phá …; nâng cao …")."""
    position = at
    while True:
        stop = re.compile(r";|(?:\./\.|[.!?…])(?=\s|$)").search(text, position, end)
        if not stop:
            return end, None, None
        if stop.group() != ";":
            return stop.start(), None, None
        nxt = at_next = stop.end()
        while at_next < end and text[at_next] == " ":
            at_next += 1
        if _assignee_at(text, at_next, end):
            return stop.start(), at_next, None
        trigger = _TRIGGER_RE.match(text, at_next, end)
        if trigger and _assignee_at(text, trigger.end(), end):
            return stop.start(), None, None  # "…; giao X …" opens a task of its own
        clause = re.match(r"[^;.!?…\n]*", text[at_next:end])
        if ":" not in text[at : stop.start()] and clause and len(clause.group().split()) >= 4:
            return stop.start(), None, at_next
        position = nxt


def deadline_in(text: str, start: int, end: int) -> DateMention | None:
    for mention in find_dates(text, start, end):
        if _DEADLINE_WORDS_RE.search(text, max(start, mention.start - 25), mention.start):
            return mention
    return None


def _month_deadline(text: str, start: int, end: int) -> str | None:
    """ "hoàn thành trong tháng 9/2023" → the month's last day; "trước tháng 9/2023" → the day before it."""
    for m_start, _, month, year in find_month_years(text, start, end):
        before = _MONTH_DEADLINE_RE.search(text, max(start, m_start - 20), m_start)
        if not before:
            continue
        first = date(year, month, 1)
        if before.group().strip().lower().startswith("trước"):
            return (first - timedelta(days=1)).isoformat()
        following = date(year + (month == 12), month % 12 + 1, 1)
        return (following - timedelta(days=1)).isoformat()
    return None


def _iso(mention: DateMention | None, event_date: date | None) -> str | None:
    if mention is None:
        return None
    year = mention.year or (event_date.year if event_date else None)
    when = mention.as_date(year)
    if when and event_date and not mention.year and when < event_date:
        when = mention.as_date(event_date.year + 1)
    return when.isoformat() if when else None


def _task(assignee: str | None, text: str, start: int, end: int, event_date: date | None) -> dict[str, Any]:
    body = text[start:end].strip(" ,./")
    return {
        "assignee": assignee,
        "text": body,
        "deadline": _iso(deadline_in(text, start, end), event_date) or _month_deadline(text, start, end),
        "start": start,
        "end": end,
    }


# "… đề ra nhiệm vụ, giải pháp cho 6 tháng còn lại. Trong đó tiếp tục …; xây dựng …": the meeting's own
# tasks, listed without an assignee after a sentence that sets them.
_AGENDA_RE = re.compile(
    r"(?<!\w)(?:đề ra|nêu ra|xác định|đề xuất)\s+(?:các\s+|những\s+|một số\s+)?(?:nhiệm vụ|giải pháp)(?!\w)",
    re.IGNORECASE,
)
_WITHIN_RE = re.compile(r"[Tt]rong đó,?\s+")


def _agenda_list(text: str, start: int, end: int) -> int | None:
    """Where the verb of an unassigned task list opening with "Trong đó" starts."""
    within = _WITHIN_RE.match(text, start, end)
    if within and _VERB_RE.match(text.lower(), within.end(), end):
        return within.end()
    return None


def find_tasks(
    text: str,
    paragraph_spans: list[tuple[int, int]],
    sentence_spans: list[tuple[int, int]],
    event_date: date | None,
) -> list[dict[str, Any]]:
    tasks: list[dict[str, Any]] = []
    listing = False  # the sentence before gave tasks: this one may go on with the list
    for p_start, p_end in paragraph_spans:
        in_paragraph = [s for s in sentence_spans if p_start <= s[0] < p_end]
        carry: str | None = None
        agenda = False  # the sentence before set the meeting's tasks
        for s_start, s_end in in_paragraph:
            found: list[dict[str, Any]] = []
            listed_at = _agenda_list(text, s_start, s_end) if agenda else None
            agenda = _AGENDA_RE.search(text, s_start, s_end) is not None
            if listed_at is not None:
                tasks += _task_list(text, (None, listed_at), s_end, event_date)
                continue
            for trigger in _TRIGGER_RE.finditer(text, s_start, s_end):
                head = _assignee_at(text, trigger.end(), s_end)
                if head is None:
                    # "yêu cầu các cấp ủy …; Ban Tổ chức Tỉnh ủy …": skip the generic addressee only.
                    vague = _assignee_at(text, trigger.end(), s_end, generic=True)
                    next_at = _task_end(text, vague[1], s_end)[1] if vague else None
                    head = _assignee_at(text, next_at, s_end) if next_at is not None else None
                found += _task_list(text, head, s_end, event_date)
            if found:
                tasks += found
                single = len({t["assignee"] for t in found}) == 1 and ":" not in found[-1]["text"]
                carry = found[0]["assignee"] if single else None
                listing = True
                continue
            if carry and _CAPITAL_VERB_RE.match(text, s_start, s_end):
                tasks += _task_list(text, (carry, s_start), s_end, event_date)
                continue
            carry = None
            # "…; Ban Tuyên giáo xây dựng …. Văn phòng Tỉnh ủy bố trí …": the list goes on unit by unit.
            listed = (
                _task_list(text, _assignee_at(text, s_start, s_end), s_end, event_date) if listing else []
            )
            tasks += listed
            listing = bool(listed)
    return tasks


def _task_list(
    text: str, head: tuple[str | None, int] | None, end: int, event_date: date | None
) -> list[dict[str, Any]]:
    """The tasks from an assignee on: "Ban A xây dựng …; Ban B rà soát …" → two tasks."""
    found: list[dict[str, Any]] = []
    while head:
        assignee, verb_at = head
        task_end, next_at, same_at = _task_end(text, verb_at, end)
        found.append(_task(assignee, text, verb_at, task_end, event_date))
        if next_at is not None:
            head = _assignee_at(text, next_at, end)
        else:
            head = (assignee, same_at) if same_at is not None else None
    return found


def find_deadlines(
    text: str, paragraph_spans: list[tuple[int, int]], event_date: date | None
) -> list[dict[str, Any]]:
    """Dated deadlines: the task in the clause and the deadline phrase ("hoàn thành … trước 15/9/2018")."""
    deadlines: list[dict[str, Any]] = []
    for p_start, p_end in paragraph_spans:
        for mention in find_dates(text, p_start, p_end):
            if not _DEADLINE_WORDS_RE.search(text, max(p_start, mention.start - 25), mention.start):
                continue
            clause_start = p_start
            for match in re.finditer(r"[;:.]\s", text[p_start : mention.start]):
                clause_start = p_start + match.end()
            clause = text[clause_start : mention.start]
            purpose = re.search(r"\s(?:để|nhằm)\s", clause)
            commas = [m.end() for m in re.finditer(r",\s*", clause) if len(clause[m.end() :].split()) >= 3]
            if purpose:
                phrase_start, task = clause_start + purpose.end(), clause[: purpose.start()]
            elif commas:
                phrase_start, task = clause_start + commas[-1], clause[: commas[-1]]
            else:
                phrase_start, task = clause_start, re.sub(r"\s*(?:trước|chậm nhất.*)\s*$", "", clause)
            deadlines.append(
                {
                    "text": text[phrase_start : mention.end].strip(),
                    "date": _iso(mention, event_date),
                    "task": task.strip(" ,") or None,
                    "start": phrase_start,
                    "end": mention.end,
                }
            )
    return deadlines
