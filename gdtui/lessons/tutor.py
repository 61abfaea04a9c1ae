"""A lesson being taken, without Textual: the page shown, its scenario's Controller, the
question and whether the page is done.

The screen asks the tutor what a key may do (``allows``), hands it the learner's answer
(``answer``) and page turns (``turn``), and calls ``check`` after every change: a page is
done once its question is answered and its ``until`` holds, and only a done page turns
forward. A question locks the learning keys until it is answered, so that the learner
predicts before seeing.
"""

from __future__ import annotations

from dataclasses import dataclass

from gdtui.controller import DEFAULT_SPEED, Controller
from gdtui.engine import Trainer
from gdtui.lessons.model import Lesson, Page, Solution
from gdtui.scenario import Scenario

# Always there in a lesson: help, quitting, saving and the lesson's own keys. Opening another
# scenario is not: the lesson decides what is shown.
ALWAYS = frozenset({"help", "quit", "save", "next_page", "previous_page", "answer", "scroll_page"})
NEVER = frozenset({"open"})
LEARNING = frozenset({"step", "stage", "epoch", "play"})  # locked until the question is answered


@dataclass(frozen=True)
class Verdict:
    choice: int  # the learner's, from 0
    right: bool
    solution: Solution


class Tutor:
    def __init__(self, lesson: Lesson, speed: int = DEFAULT_SPEED) -> None:
        self.lesson = lesson
        self.index = 0
        self.done: set[int] = set()
        self.verdict: Verdict | None = None
        self.speed = speed
        self.keeps_progress = True  # saved as the learner goes (not in a browser of --web)
        self.controller = self._controller(0)

    # -- where we are -------------------------------------------------------------------------
    @property
    def page(self) -> Page:
        return self.lesson.pages[self.index]

    @property
    def count(self) -> int:
        return len(self.lesson.pages)

    @property
    def counter(self) -> str:
        return f"{self.index + 1}/{self.count}"

    @property
    def pending(self) -> bool:
        """Whether the page's question waits for an answer."""
        return self.page.question is not None and self.verdict is None

    @property
    def complete(self) -> bool:
        """The question answered and every condition of ``until`` holding now."""
        return not self.pending and all(c.test(self.controller) for c in self.page.until)

    def waiting_for(self) -> str:
        """What the page still needs, in words ("" once it is complete)."""
        if self.pending:
            return "answer the question"
        unmet = [c.text for c in self.page.until if not c.test(self.controller)]
        return " and ".join(unmet)

    def allows(self, action: str, parameters: tuple[object, ...] = ()) -> bool:
        """Whether a key's action may run on this page."""
        if action in ALWAYS:
            return True
        if action in NEVER or (self.pending and action in LEARNING):
            return False
        allowed = self.page.actions
        if allowed is None:
            return True
        if action == "view":
            return any(f"view({p!r})" in allowed for p in parameters)
        return any(a.partition("(")[0] == action for a in allowed)

    # -- the learner's moves ------------------------------------------------------------------
    def check(self) -> bool:
        """Mark the page done if it is complete now; True only the first time."""
        if self.index in self.done or not self.complete:
            return False
        self.done.add(self.index)
        return True

    def answer(self, choice: int) -> Verdict | None:
        """The learner's choice (from 0): right or not and why, then the question's steps.
        None when there is no question waiting or no such choice."""
        question = self.page.question
        if question is None or self.verdict is not None or not 0 <= choice < len(question.choices):
            return None
        solution = question.solve(self.controller)
        self.verdict = Verdict(choice, choice == solution.choice, solution)
        for _ in range(question.steps):
            if not self.controller.step():
                break
        return self.verdict

    def can_turn(self, by: int) -> bool:
        target = self.index + by
        if not 0 <= target < self.count:
            return False
        return by < 0 or self.index in self.done or self.complete

    def turn(self, by: int) -> bool:
        """To the next (``by`` 1) or previous (-1) page; False when it cannot."""
        if not self.can_turn(by):
            return False
        self.go(self.index + by)
        return True

    def go(self, index: int, trainer: Trainer | None = None) -> None:
        """Open page ``index``. A page that names no scenario of its own goes on with the one
        shown when that is the same; otherwise its scenario opens afresh, or with ``trainer``
        (a resumed one) where that trainer is."""
        self.check()
        before = self.page
        self.index = min(max(index, 0), self.count - 1)
        self.verdict = None
        page = self.page
        if trainer is not None:
            self.controller = Controller(self.scenario_for(self.index), trainer, speed=self.speed)
        elif page.opens or page.loaded is not before.loaded:
            self.controller.stop()
            self.controller = self._controller(self.index)

    def scenario_for(self, index: int) -> Scenario:
        return self.lesson.pages[index].loaded

    def _controller(self, index: int) -> Controller:
        return Controller(self.scenario_for(index), speed=self.speed)
