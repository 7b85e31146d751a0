"""The one adapter around durable-rules. It drives durable's C core (the
``durable_rules_engine`` extension module) itself: durable's Python layer (Host, Ruleset,
Closure, Promise) cost more than the matching, serialising each fact and the session state
again for every action. Every known trap of durable-rules is fenced off here:

- Host() starts two timer threads that poll rulesets and race with the caller: there is no
  Host; actions are taken from the C core synchronously, inside ``run``.
- An action taking two parameters is treated as asynchronous and blocks the session, and an
  exception in an action is swallowed into the session state: no action is Python code the
  engine calls; each action is a message read here, and a failure while reading one is
  raised as an EngineError once every action of the session is completed.
- A fact that matches no rule makes the whole assert fail and defers the other actions:
  every book has a catch-all rule that matches any fact with a ``kind`` (a fact without one
  is refused before it is asserted), and an assert that is not handled is an EngineError.
- A session whose facts all went unhandled, and one with an action started but never
  completed, can abort the process at ``delete_state``: every started action is completed
  (the catch-all's too, unread), and a session that was not handled is never deleted (it
  cannot happen with the catch-all; one leaked session is better than an abort).
- Strings compared with numbers compare lexicographically, and null counts as present:
  the condition compiler type-checks every comparison and facts never hold null.
- Integer division truncates, and division by zero kills the process: patterns never divide.
- At most 1,024 live sessions per ruleset, past which the process crashes, and making one
  costs more than judging a filing's facts in it (it clears some 130 KB of tables per
  session): a ruleset has one live session, which the filings judged in a process share
  until it holds ``FACTS_PER_SESSION`` facts; then it is deleted and the next one made.
  Facts already in it cannot match again, as every pattern is over one fact. A session's
  facts are held in memory until it is deleted, some 2 KB each, in every book's session at
  once: at 1,000 a session, a worker grew to 98 MB over 3,000 filings (the python
  engine's 49); at 32, 61 MB, as fast, since with remembered verdicts (``engine.remembered``)
  few facts reach the engine and a session lasts some ten filings.
- A session keeps one fact per 32-bit hash of its id (computed from the content when
  absent): a second fact whose id hashes alike is refused as already seen. Every fact gets
  an id of its own, its number in the session, and ``_SESSION_IDS`` checks that the
  numbers a session gives, and the id of the session's own state fact, hash apart.
- The join code has an open crash report: every pattern is over a single fact, with no
  joins and no $not; what needs two facts is prepared as one in Python.
- More than about 500 rules on one fact kind hang it, and a fact holds at most 252
  properties: both are checked before a book is registered.
- Its rete network has fixed tables: a condition with too many all/any groups, nested or
  side by side, or too many tests after one node, is refused when its ruleset is made
  (error codes 106-108, 113). ``vet`` makes every rule's pattern into a ruleset before any
  filing is judged, so a rule file it cannot hold is a usage error naming the rule, never
  a filing that fails halfway through a batch.
- Doubles: some crash it (values printing with a one-digit exponent, 1e-05 or 1e+16), and
  all of them round. Facts hold no number but a small rank (``rules.scale``).
- Many facts in one session abort it ("double free or corruption" at about 56,000 facts):
  each distinct fact content is asserted once (an NPO plan's lines mostly look alike to
  the rules), its matches go to every fact with that content, and at most
  ``FACTS_PER_SESSION`` facts share a session. Patterns are over one fact, so splitting
  and sharing sessions changes no match.
"""

from __future__ import annotations

import itertools
import json
import threading
from collections import Counter

import durable_rules_engine as core  # durable-rules' C core, without its Python layer

from compliance.engine.base import EngineError, Match
from compliance.rules.books import KIND_FIELD, REF_FIELD, Book, CompiledRule, Library
from compliance.rules.catalogue import Rule
from compliance.wordings import Phrase

MAX_RULES_PER_KIND = 500
MAX_FACT_PROPERTIES = 252
FACTS_PER_SESSION = 32
CATCH_ALL = "catch_all"
SESSION_FIELD = "sid"
ID_FIELD = "id"


def _fnv1_32(text: str) -> int:
    """durable-rules' hash of a fact's id (``fnv1Hash32``), by which a session keeps it."""
    value = 0x811C9DC5
    for byte in text.encode("ascii"):
        value = ((value ^ byte) * 16777619) & 0xFFFFFFFF
    return value


def _number_hashes(count: int) -> list[int]:
    """``_fnv1_32(str(n))`` for n below ``count``, each from the hash of ``str(n // 10)``
    and one more digit: a tenth of the cost of hashing them one by one (1.3 ms a start)."""
    hashes = [((0x811C9DC5 ^ (48 + n)) * 16777619) & 0xFFFFFFFF for n in range(min(count, 10))]
    for n in range(10, count):
        hashes.append(((hashes[n // 10] ^ (48 + n % 10)) * 16777619) & 0xFFFFFFFF)
    return hashes


_SESSION_IDS = frozenset(_number_hashes(FACTS_PER_SESSION))
if len(_SESSION_IDS) != FACTS_PER_SESSION:
    raise ImportError("two fact numbers of a session would share durable-rules' hash")


class RuleRefused(EngineError):
    """durable-rules' core cannot hold ``rule``'s condition (``None``: the rules of a book
    together), with the core's error code."""

    def __init__(self, rule: Rule | None, code: int) -> None:
        if rule is None:
            phrase = Phrase("engine.rules_refused", {"code": code})
        else:
            phrase = Phrase(
                "engine.rule_refused", {"path": rule.path, "rule": rule.id, "code": code}
            )
        super().__init__(phrase.say("en"), phrase)
        self.rule = rule
        self.code = code


class _Session:
    """A ruleset's live session: its sid and how many facts it holds."""

    def __init__(self, sid: str) -> None:
        self.sid = sid
        self.facts = 0


class DurableEngine:
    name = "durable"
    remembered = True  # an assert costs more than looking a fact content up

    def __init__(self) -> None:
        self._handles: dict[str, int] = {}  # book name -> the C core's ruleset handle
        self._sessions = itertools.count(1)
        self._live: dict[int, _Session] = {}  # handle -> its live session
        self._running = threading.Lock()

    def vet(self, library: Library) -> None:
        """Refuse a book with more rules on one fact kind than the core takes, and the
        first rule whose pattern it cannot hold: each rule once (its pattern has one shape
        in every book), all in one ruleset, 0.5 ms."""
        for rules in library.rules_in_force():
            _refuse_crowding(
                [library.catalogue.kinds[rule.fact_kind].engine_kind for rule in rules]
            )
        _refuse_what_the_core_cannot_hold(library.each_rule_once())

    def run(self, work: list[tuple[Book, list[dict]]]) -> list[Match]:
        """The matches on ``work``. One run at a time: runs share a session, and a run takes
        every action waiting in it, so a second thread's facts must not be there too."""
        matches: list[Match] = []
        with self._running:
            for book, facts in work:
                if facts:
                    matches.extend(self._judge(book, facts))
        return matches

    def _judge(self, book: Book, facts: list[dict]) -> list[Match]:
        """Assert each distinct content once, in sessions of bounded size; the matches on a
        content are matches on every fact that has it."""
        handle = self._register(book)
        # each distinct content → a fact with it (its ref blanked out), and the refs of all
        groups: dict[tuple, tuple[dict, list[int]]] = {}
        for fact in facts:
            if KIND_FIELD not in fact:  # the catch-all would not take it
                raise EngineError(f"a fact without a {KIND_FIELD!r} field: {sorted(fact)}")
            if len(fact) + 1 > MAX_FACT_PROPERTIES:
                raise EngineError(f"a {fact[KIND_FIELD]} fact has more than 251 fields")
            # Its field names and values in the order given, the ref blanked out: the facts
            # of a kind are built in one field order, so equal facts give equal keys without
            # a sort (two equal facts in another order would only be asserted twice, never
            # misjudged). Names and values as two tuples, not a pair per field: the worker's
            # garbage collector runs by the number of objects made. Both cut the adapter
            # from 0.364 to 0.288 ms a filing, more with the collector on.
            blanked = {**fact, REF_FIELD: None}
            content = (tuple(blanked), tuple(blanked.values()))
            group = groups.get(content)
            if group is None:
                groups[content] = (blanked, [fact[REF_FIELD]])
            else:
                group[1].append(fact[REF_FIELD])
        contents = [fact for fact, _ in groups.values()]
        fired: list[tuple[str, int]] = []  # (rule, index of a distinct content)
        for start in range(0, len(contents), FACTS_PER_SESSION):
            part = contents[start : start + FACTS_PER_SESSION]
            session = self._session_with_room(handle, len(part))
            first, session.facts = session.facts, session.facts + len(part)
            chunk = [
                {**fact, REF_FIELD: start + i, SESSION_FIELD: session.sid, ID_FIELD: first + i}
                for i, fact in enumerate(part)
            ]
            fired += self._assert(handle, session, chunk)
        refs = [refs for _, refs in groups.values()]
        # durable-rules fires a rule once per branch of an $or that holds; a rule holds on a
        # fact or it does not, as the python engine says
        once = dict.fromkeys(fired)
        return [Match(rule, ref) for rule, index in once for ref in refs[index]]

    def _session_with_room(self, handle: int, facts: int) -> _Session:
        """The ruleset's live session if it has room for ``facts`` more, else a new one (the
        full one deleted: all its actions were completed)."""
        session = self._live.get(handle)
        if session is not None and session.facts + facts <= FACTS_PER_SESSION:
            return session
        if session is not None:
            core.delete_state(handle, session.sid)
        sid = str(next(self._sessions))
        while _fnv1_32(f"sid-{sid}") in _SESSION_IDS:  # the id of the session's state fact
            sid = str(next(self._sessions))
        self._live[handle] = session = _Session(sid)
        return session

    def _assert(self, handle: int, session: _Session, facts: list[dict]) -> list[tuple[str, int]]:
        """Assert ``facts`` in ``session`` and take its actions. The session is live again
        only when both went well: one the core failed in is left as it is, never used again
        (deleting a session whose facts were not taken could abort the process), and one
        whose actions could not be read is deleted, all of them completed."""
        payload = json.dumps(facts)
        del self._live[handle]
        code, state = core.assert_facts(handle, payload)
        if code != 0:
            raise EngineError(f"durable-rules did not take the facts (code {code})")
        try:
            fired = _take_actions(handle, state)
        except EngineError:
            core.delete_state(handle, session.sid)
            raise
        self._live[handle] = session
        return fired

    def _register(self, book: Book) -> int:
        """The C core's handle of ``book``'s ruleset, created on first use."""
        if book.name in self._handles:
            return self._handles[book.name]
        _refuse_crowding([rule.engine_kind for rule in book.rules])
        try:
            handle = core.create_ruleset(book.name, _ruleset(book.rules))
        except core.error:
            _refuse_what_the_core_cannot_hold(book.rules)
            raise
        self._handles[book.name] = handle
        return handle


def _refuse_crowding(kinds: list[str]) -> None:
    """EngineError when more of a book's rules (given by the fact kind each is on) are on one
    kind than the core takes without hanging."""
    for kind, count in Counter(kinds).items():
        if count > MAX_RULES_PER_KIND:
            values = {"count": count, "kind": kind, "limit": MAX_RULES_PER_KIND}
            phrase = Phrase("engine.too_many_rules", values)
            raise EngineError(phrase.say("en"), phrase)


def _ruleset(rules: tuple[CompiledRule, ...] | list[CompiledRule]) -> str:
    """The core's JSON of a ruleset of ``rules`` and the catch-all."""
    ruleset = {rule.id: {"all": [{"m": rule.pattern}]} for rule in rules}
    ruleset[CATCH_ALL] = {"all": [{"m": {"$ex": {KIND_FIELD: 1}}}]}
    return json.dumps(ruleset, ensure_ascii=False)


def _refusal(rules: tuple[CompiledRule, ...] | list[CompiledRule]) -> int | None:
    """The core's error code for a ruleset of ``rules``, or None when it holds them (the
    trial ruleset is deleted again)."""
    try:
        handle = core.create_ruleset("vet", _ruleset(rules))
    except core.error as error:  # "Could not create ruleset, error code: 113"
        code = str(error).rpartition(" ")[2]
        return int(code) if code.isdigit() else -1
    core.delete_ruleset(handle)
    return None


def _refuse_what_the_core_cannot_hold(rules: tuple[CompiledRule, ...] | list[CompiledRule]) -> None:
    """RuleRefused naming the first rule the core cannot hold by itself, or the rules
    together when each alone is held; nothing when the core holds them all."""
    together = _refusal(rules)
    if together is None:
        return
    for rule in rules:
        alone = _refusal([rule])
        if alone is not None:
            raise RuleRefused(rule.rule, alone)
    raise RuleRefused(None, together)


_CATCH_ALL_MESSAGE = f'{{"{CATCH_ALL}":'  # how the core's message of a catch-all action starts


def _take_actions(handle: int, state: int) -> list[tuple[str, int]]:
    """Every action of the session, in the core's order, each completed before the next is
    started: one left open aborts the process when the session is deleted. The catch-all's
    actions are completed without being read. A message that cannot be read is raised only
    after the session's last action is completed."""
    fired: list[tuple[str, int]] = []
    problem: Exception | None = None
    started = core.start_action_for_state(handle, state)
    message = started[1] if started else None
    while message:
        if not message.startswith(_CATCH_ALL_MESSAGE):
            try:
                fired.append(_read_action(message))
            except Exception as error:  # anything: the actions must still be completed
                problem = problem or error
        message = core.complete_and_start_action(handle, state)
    if problem is not None:
        raise EngineError(f"a rule action failed: {problem}")
    return fired


def _read_action(message: str) -> tuple[str, int]:
    """(rule, index) from the core's action message ``{"<rule>": {"m": <fact>}}``."""
    ((rule, matched),) = json.loads(message).items()
    return rule, int(matched["m"][REF_FIELD])
