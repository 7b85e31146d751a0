"""The one adapter around durable-rules. Every known trap of it is fenced off here:

- Host() starts two timer threads that poll rulesets and race with the caller:
  ``_QuietHost._run`` starts none; we dispatch actions synchronously ourselves.
- An action taking two parameters is treated as asynchronous and blocks the session:
  actions are made here, with exactly one parameter.
- An exception in an action is swallowed into the session state: after each book the
  state is read back and an ``exception`` in it becomes an EngineError.
- A fact that matches no rule makes the whole assert raise and defers the other actions:
  every book has a catch-all rule that matches any fact and does nothing.
- Strings compared with numbers compare lexicographically, and null counts as present:
  the condition compiler type-checks every comparison and facts never hold null.
- Integer division truncates, and division by zero kills the process: patterns never divide.
- At most 1,024 live sessions per ruleset, past which the process crashes: each filing gets
  one session (sid) per book, deleted as soon as the book is judged.
- The join code has an open crash report: every pattern is over a single fact, with no
  joins and no $not; what needs two facts is prepared as one in Python.
- More than about 500 rules on one fact kind hang it, and a fact holds at most 252
  properties: both are checked before a book is registered.
- Doubles: some crash it (values printing with a one-digit exponent, 1e-05 or 1e+16), and
  all of them round. Facts hold no number but a small rank (``rules.scale``).
- Many facts in one session abort it ("double free or corruption" at about 56,000 facts):
  each distinct fact content is asserted once (an NPO plan's lines mostly look alike to
  the rules), its matches go to every fact with that content, and at most
  ``FACTS_PER_SESSION`` facts share a session. Patterns are over one fact, so splitting
  sessions changes no match.
"""

from __future__ import annotations

import itertools
from collections.abc import Callable

from durable import engine as durable

from compliance.engine.base import EngineError, Match
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book

MAX_RULES_PER_KIND = 500
MAX_FACT_PROPERTIES = 252
FACTS_PER_SESSION = 1000
CATCH_ALL = "catch_all"
SESSION_FIELD = "sid"


class _QuietHost(durable.Host):
    """A Host without timer threads, whose actions are resolved by name here."""

    def __init__(self, collect: Callable[[str, int], None]) -> None:
        self._collect = collect
        super().__init__()

    def _run(self) -> None:
        """No background dispatch: actions run inside assert_facts, on the caller's thread."""

    def get_action(self, action_name: str) -> Callable[[object], None]:
        if action_name == CATCH_ALL:
            return _ignore
        collect = self._collect

        def record(closure: object) -> None:  # exactly one parameter: a synchronous action
            collect(action_name, closure.m[REF_FIELD])

        return record


def _ignore(closure: object) -> None:
    """The catch-all's action: a fact no rule fires on is fine."""


class DurableEngine:
    name = "durable"

    def __init__(self) -> None:
        self._fired: list[tuple[str, int]] = []  # (rule, index of a distinct fact)
        self._host = _QuietHost(lambda rule, index: self._fired.append((rule, int(index))))
        self._registered: set[str] = set()
        self._sessions = itertools.count(1)

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        matches: list[Match] = []
        for book, facts in work:
            if facts:
                matches.extend(self._judge(book, facts))
        return matches

    def _judge(self, book: Book, facts: list[dict]) -> list[Match]:
        """Assert each distinct content once, in sessions of bounded size; the matches on a
        content are matches on every fact that has it."""
        self._register(book)
        refs_by_content: dict[tuple, list[int]] = {}
        for fact in facts:
            if len(fact) + 1 > MAX_FACT_PROPERTIES:
                raise EngineError(f"a {fact[KIND_FIELD]} fact has more than 251 fields")
            content = tuple(sorted(item for item in fact.items() if item[0] != REF_FIELD))
            refs_by_content.setdefault(content, []).append(fact[REF_FIELD])
        contents = list(refs_by_content)
        self._fired = []
        for start in range(0, len(contents), FACTS_PER_SESSION):
            session = str(next(self._sessions))
            chunk = [
                {**dict(content), REF_FIELD: index, SESSION_FIELD: session}
                for index, content in enumerate(contents[start : start + FACTS_PER_SESSION], start)
            ]
            self._assert(book, chunk, session)
        refs = list(refs_by_content.values())
        return [Match(rule, ref) for rule, index in self._fired for ref in refs[index]]

    def _assert(self, book: Book, facts: list[dict], session: str) -> None:
        try:
            self._host.assert_facts(book.name, facts)
            state = self._host.get_state(book.name, session)
            if "exception" in state:
                raise EngineError(f"a rule action failed: {state['exception']}")
        except durable.MessageNotHandledException as error:  # pragma: no cover - catch-all
            raise EngineError(f"no rule took a fact: {error}") from None
        finally:
            self._host.delete_state(book.name, session)

    def _register(self, book: Book) -> None:
        if book.name in self._registered:
            return
        per_kind: dict[str, int] = {}
        for rule in book.rules:
            per_kind[rule.engine_kind] = per_kind.get(rule.engine_kind, 0) + 1
        crowded = [kind for kind, count in per_kind.items() if count > MAX_RULES_PER_KIND]
        if crowded:
            raise EngineError(
                f"more than {MAX_RULES_PER_KIND} rules on {crowded[0]} facts would hang "
                "durable-rules; use --engine python"
            )
        ruleset = {rule.id: {"all": [{"m": rule.pattern}], "run": rule.id} for rule in book.rules}
        ruleset[CATCH_ALL] = {"all": [{"m": {"$ex": {KIND_FIELD: 1}}}], "run": CATCH_ALL}
        self._host.register_rulesets({book.name: ruleset})
        self._registered.add(book.name)
