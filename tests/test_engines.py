"""The engine boundary: durable-rules' known traps are fenced off (one test per trap), and
the pure-Python evaluator judges exactly as durable-rules does."""

from __future__ import annotations

import json
import subprocess
import sys
import threading
import time
from concurrent.futures import ThreadPoolExecutor
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import DURABLE_AVAILABLE, ENGINES, SAMPLES
from hypothesis import given, settings
from hypothesis import strategies as st

from compliance.check import Checker
from compliance.engine import EngineError, make_engine
from compliance.engine.python_engine import PythonEngine
from compliance.rules.books import Book, CompiledRule, Library
from compliance.rules.conditions import ConditionError, check_condition, parse_condition

needs_durable = pytest.mark.skipif(not DURABLE_AVAILABLE, reason="durable-rules not installed")
SAMPLE_FILES = sorted(SAMPLES.glob("*.xbrl"))


def _all_books(catalogue) -> list[Book]:
    library = Library(catalogue)
    types = catalogue.domain.school_types
    return [
        library.book_for(school_type, epoch) for school_type in types for epoch in library.epochs
    ]


def _book(rules: list[CompiledRule], name: str = "test_book") -> Book:
    return Book(name, "BAO", rules[0].rule.period.first, tuple(rules))


def _rule(catalogue, rule_id: str, pattern: dict) -> CompiledRule:
    rule = catalogue.rules[rule_id]
    kind = catalogue.kinds[rule.fact_kind]
    return CompiledRule(rule_id, kind.name, kind.engine_kind, "violation", pattern, None, rule)


# -- the engines agree ----------------------------------------------------------------------


@pytest.mark.skipif(len(ENGINES) < 2, reason="durable-rules not installed")
@pytest.mark.parametrize("path", SAMPLE_FILES, ids=lambda p: p.name)
def test_both_engines_find_the_same_on_every_sample(path: Path, checkers):
    durable = checkers["durable"].check_file(path)
    python = checkers["python"].check_file(path)
    assert durable.findings == python.findings
    assert durable.status == python.status


def _fact_strategy(kinds) -> st.SearchStrategy[dict]:
    """Engine facts made of these kinds' fields, with values around every constant the rules
    compare with."""
    numbers = st.sampled_from([-1.0, 0.0, 0.1, 0.25, 0.2500001, 0.5, 0.5000001, 1.0, 22.0, 22.5])
    fields = {}
    for kind in kinds:
        for spec in kind.engine_fields:
            values = st.booleans() if spec.type == "bool" else numbers
            fields[kind.engine_name(spec.name)] = st.one_of(st.none(), values)
    return st.fixed_dictionaries(fields).map(
        lambda values: {name: value for name, value in values.items() if value is not None}
    )


@needs_durable
@settings(max_examples=150, deadline=None)
@given(data=st.data())
def test_python_evaluator_matches_durable_rules_on_random_facts(data, catalogue):
    books = [book for book in _all_books(catalogue) if book.rules]
    book = data.draw(st.sampled_from(books))
    by_engine_kind: dict[str, list] = {}
    for kind_name in book.kinds:
        kind = catalogue.kinds[kind_name]
        by_engine_kind.setdefault(kind.engine_kind, []).append(kind)
    facts = []
    for ref, (engine_kind, kinds) in enumerate(sorted(by_engine_kind.items())):
        fact = data.draw(_fact_strategy(kinds))
        fact.update(kind=engine_kind, ref=ref)
        facts.append(fact)
    durable = _DURABLE.run([(book, [dict(f) for f in facts])])
    python = PythonEngine().run([(book, facts)])
    assert sorted(durable) == sorted(python)


_DURABLE = make_engine("durable") if DURABLE_AVAILABLE else None


# -- durable-rules' traps, each fenced -------------------------------------------------------


@needs_durable
def test_no_timer_threads_are_started(catalogue):
    before = threading.active_count()
    checker = Checker(catalogue, make_engine("durable"))
    checker.check_file(SAMPLES / "multi-school-problems.xbrl")
    assert threading.active_count() == before


@needs_durable
def test_the_adapter_drives_the_c_core_without_durables_python_layer():
    """durable's Host starts timer threads, treats two-parameter actions as asynchronous and
    swallows exceptions in actions: the adapter uses none of it (no durable.engine at all)."""
    code = (
        "import sys; from pathlib import Path; from compliance.check import Checker; "
        "from compliance.engine import make_engine; from compliance.rules import load_catalogue; "
        "r = Checker(load_catalogue(), make_engine('durable')).check_file(Path(sys.argv[1])); "
        "print(r.status, 'durable.engine' in sys.modules)"
    )
    path = SAMPLES / "multi-school-problems.xbrl"
    done = subprocess.run([sys.executable, "-c", code, path], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    assert done.stdout.split() == ["findings", "False"]


class _Recorder:
    """The C core, with a log of the calls that open and close a session's actions."""

    def __init__(self, real, assert_code: int | None = None) -> None:
        self._real = real
        self._assert_code = assert_code
        self.calls: list[tuple[str, bool]] = []

    def assert_facts(self, handle, facts):
        code, state = self._real.assert_facts(handle, facts)
        return (self._assert_code if self._assert_code is not None else code), state

    def start_action_for_state(self, handle, state):
        got = self._real.start_action_for_state(handle, state)
        self.calls.append(("start", bool(got)))
        return got

    def complete_and_start_action(self, handle, state):
        got = self._real.complete_and_start_action(handle, state)
        self.calls.append(("complete", bool(got)))
        return got

    def delete_state(self, handle, sid):
        self.calls.append(("delete", True))
        return self._real.delete_state(handle, sid)

    def __getattr__(self, name):
        return getattr(self._real, name)


def _recording(monkeypatch, assert_code: int | None = None) -> _Recorder:
    from compliance.engine import durable_engine

    recorder = _Recorder(durable_engine.core, assert_code)
    monkeypatch.setattr(durable_engine, "core", recorder)
    return recorder


def _opened_and_completed(calls: list[tuple[str, bool]]) -> tuple[int, int]:
    """How many actions were started (a call that returned one) and how many completed."""
    opened = sum(got for name, got in calls if name != "delete")
    completed = sum(1 for name, _ in calls if name == "complete")
    return opened, completed


@needs_durable
def test_every_action_the_catch_all_s_too_is_completed_before_the_session_is_deleted(
    catalogue, monkeypatch
):
    """An action started and never completed can abort the process at delete_state. A full
    session is deleted when the next facts need room."""
    from compliance.engine import durable_engine

    monkeypatch.setattr(durable_engine, "FACTS_PER_SESSION", 10)
    recorder = _recording(monkeypatch)
    engine = make_engine("durable")
    book = _book(
        [_rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"$gt": {"x": 5.0}}]})],
        "book_completed",
    )
    facts = [{"kind": "wdm_plan", "ref": ref, "x": float(ref)} for ref in range(10)]
    matches = engine.run([(book, facts)])
    assert sorted(m.ref for m in matches) == [6, 7, 8, 9]
    assert ("delete", True) not in recorder.calls  # the session is full, and still live
    first = len(recorder.calls)
    assert sorted(m.ref for m in engine.run([(book, facts)])) == [6, 7, 8, 9]
    assert recorder.calls[first] == ("delete", True)
    opened, completed = _opened_and_completed(recorder.calls[:first])
    assert opened == completed == 10 + 4  # ten catch-all actions and four of WDM-001


@needs_durable
def test_the_same_facts_judged_again_in_a_shared_session_are_judged_each_time(
    catalogue, monkeypatch
):
    """Filings share a session; durable-rules keeps one fact per id and refuses another with
    the same id, which a fact without one gets from its content. Each fact's id is its
    number in the session, so the same content again, filing after filing, is judged."""
    recorder = _recording(monkeypatch)
    engine = make_engine("durable")
    book = _book(
        [_rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"x": 1.0}]})], "book_again"
    )
    for _ in range(30):
        assert engine.run([(book, [{"kind": "wdm_plan", "ref": 0, "x": 1.0}])]) == [("WDM-001", 0)]
    assert ("delete", True) not in recorder.calls


@needs_durable
def test_runs_from_several_threads_each_get_their_own_matches(catalogue, monkeypatch):
    """Runs share a session and a run takes every action waiting in it: one thread's facts
    must never be judged into another's run (the core is slowed after each assert, so the
    threads would interleave there)."""
    from compliance.engine import durable_engine

    class Slowed:
        def assert_facts(self, handle, facts):
            answer = real.assert_facts(handle, facts)
            time.sleep(0.002)  # lets another thread run between assert and actions
            return answer

        def __getattr__(self, name):
            return getattr(real, name)

    real = durable_engine.core
    monkeypatch.setattr(durable_engine, "core", Slowed())
    engine = make_engine("durable")
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"$gt": {"x": 5.0}}]})
    book = _book([rule], "book_threads")

    def judge(thread: int) -> list[list[int]]:
        facts = [{"kind": "wdm_plan", "ref": ref, "x": float(thread + ref)} for ref in range(4)]
        return [sorted(m.ref for m in engine.run([(book, facts)])) for _ in range(5)]

    with ThreadPoolExecutor(max_workers=6) as pool:
        answers = list(pool.map(judge, range(6)))
    for thread, runs in enumerate(answers):
        assert runs == [[ref for ref in range(4) if thread + ref > 5]] * 5, thread


@needs_durable
def test_two_fact_ids_of_one_hash_cannot_share_a_session():
    """Why every id of a session is checked to hash apart (``_SESSION_IDS``): durable-rules
    keeps a session's facts by a 32-bit hash of their ids, and "40189" and "797186" hash
    alike, so the second of them is refused as seen already."""
    from compliance.engine import durable_engine

    assert durable_engine._fnv1_32("40189") == durable_engine._fnv1_32("797186")
    numbers = durable_engine._number_hashes(durable_engine.FACTS_PER_SESSION)
    assert numbers == [durable_engine._fnv1_32(str(n)) for n in range(len(numbers))]
    core = durable_engine.core
    ruleset = {durable_engine.CATCH_ALL: {"all": [{"m": {"$ex": {"kind": 1}}}]}}
    handle = core.create_ruleset("book_same_hash", json.dumps(ruleset))
    same_hash = [{"kind": "k", "sid": "1", "id": n, "x": n} for n in (40189, 797186)]
    code, _ = core.assert_facts(handle, json.dumps(same_hash))
    assert code != 0  # the session is left undeleted: deleting it could abort the process
    apart = [{**fact, "sid": "2", "id": n} for n, fact in enumerate(same_hash)]
    code, state = core.assert_facts(handle, json.dumps(apart))
    assert code == 0 and len(durable_engine._take_actions(handle, state)) == 0
    core.delete_state(handle, "2")


@needs_durable
def test_an_exception_inside_an_action_is_not_swallowed(catalogue, monkeypatch):
    from compliance.engine import durable_engine

    def explode(message: str) -> tuple[str, int]:
        raise RuntimeError("boom")

    recorder = _recording(monkeypatch)
    monkeypatch.setattr(durable_engine, "_read_action", explode)
    engine = make_engine("durable")
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"x": 1.0}]})
    book = _book([rule], "book_exploding")
    facts = [{"kind": "wdm_plan", "ref": ref, "x": 1.0 + ref} for ref in range(3)]
    with pytest.raises(EngineError, match="boom"):
        engine.run([(book, facts)])
    opened, completed = _opened_and_completed(recorder.calls[:-1])
    assert recorder.calls[-1] == ("delete", True) and opened == completed == 4
    monkeypatch.undo()
    assert engine.run([(book, facts)]) == [("WDM-001", 0)]  # the engine is still usable


@needs_durable
def test_facts_that_were_not_taken_leave_their_session_undeleted(catalogue, monkeypatch):
    """A session whose facts all went unhandled can abort the process at delete_state: the
    catch-all takes every fact with a kind, and if the core ever says otherwise the filing is
    an engine error, not an abort."""
    recorder = _recording(monkeypatch, assert_code=1)
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"x": 1.0}]})
    with pytest.raises(EngineError, match="did not take"):
        make_engine("durable").run(
            [(_book([rule], "book_untaken"), [{"kind": "wdm_plan", "ref": 0, "x": 2.0}])]
        )
    assert ("delete", True) not in recorder.calls


@needs_durable
def test_a_fact_without_a_kind_is_refused_before_it_is_asserted(catalogue):
    """The catch-all takes any fact with a kind; one without would go unhandled."""
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}]})
    with pytest.raises(EngineError, match="without a 'kind'"):
        make_engine("durable").run([(_book([rule], "book_kindless"), [{"ref": 0, "x": 1.0}])])


@needs_durable
def test_thousands_of_sessions_only_the_catch_all_takes_are_deleted_safely():
    """Facts no rule fires on, session after session, in a process of their own (an abort
    would take pytest with it)."""
    code = (
        "from compliance.engine import make_engine\n"
        "from compliance.rules import load_catalogue\n"
        "from compliance.rules.books import Library\n"
        "from datetime import date\n"
        "book = Library(load_catalogue()).book_for('BAO', date(2022, 8, 1))\n"
        "engine = make_engine('durable')\n"
        "for n in range(2000):\n"
        "    assert engine.run([(book, [{'kind': 'no_rule_reads_this', 'ref': n}])]) == []\n"
        "print('judged')\n"
    )
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert (done.returncode, done.stdout.strip()) == (0, "judged"), done.stderr[-500:]


@needs_durable
def test_a_fact_no_rule_fires_on_does_not_stop_the_others(catalogue):
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}, {"$gt": {"x": 5.0}}]})
    facts = [
        {"kind": "wdm_plan", "ref": 0, "x": 1.0},  # matches nothing but the catch-all
        {"kind": "wdm_plan", "ref": 1, "x": 9.0},
    ]
    matches = make_engine("durable").run([(_book([rule], "book_catch_all"), facts)])
    assert [(m.rule, m.ref) for m in matches] == [("WDM-001", 1)]


@needs_durable
def test_a_rule_whose_alternatives_both_hold_fires_once_on_both_engines(catalogue):
    """durable-rules fires once per branch of an $or that holds; a finding is once a fact."""
    either = {"$or": [{"$gt": {"x": 5.0}}, {"$gt": {"x": 7.0}}]}
    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "plan"}, either]})
    facts = [{"kind": "plan", "ref": 0, "x": 9.0}, {"kind": "plan", "ref": 1, "x": 6.0}]
    work = [(_book([rule], "book_overlapping_or"), facts)]
    for engine in ("durable", "python"):
        matches = make_engine(engine).run(work)
        assert sorted((m.rule, m.ref) for m in matches) == [("WDM-001", 0), ("WDM-001", 1)], engine


def _nested(pattern: dict, depth: int) -> dict:
    for _ in range(depth):
        pattern = {"$and": [pattern]}
    return pattern


@pytest.mark.skipif(not DURABLE_AVAILABLE, reason="durable-rules not installed")
def test_a_pattern_too_deep_for_durables_core_is_refused_naming_its_rule(catalogue):
    """The core's table of a branch's expressions holds 15 nested groups around a
    comparison, not 16 (error 113): the book is refused when it is first judged, naming the
    rule it cannot hold, not the other one."""
    from compliance.engine.durable_engine import RuleRefused

    plain = _rule(catalogue, "WDM-002", {"$and": [{"kind": "plan"}, {"x": 1.0}]})
    facts = [{"kind": "plan", "ref": 0, "x": 1.0}]
    leaf = {"$and": [{"kind": "plan"}, {"x": 1.0}]}
    held = _rule(catalogue, "WDM-001", _nested(leaf, 14))
    assert make_engine("durable").run([(_book([plain, held], "book_deep_14"), facts)]) == [
        ("WDM-002", 0),
        ("WDM-001", 0),
    ]
    deep = _rule(catalogue, "WDM-001", _nested(leaf, 15))
    with pytest.raises(RuleRefused) as refused:
        make_engine("durable").run([(_book([plain, deep], "book_deep_15"), facts)])
    assert (refused.value.rule.id, refused.value.code) == ("WDM-001", 113)
    assert "WDM-001" in refused.value.describe("en")


@pytest.mark.parametrize(
    ("condition", "field_types"),
    [
        ("external_share > true", {"external_share": "number"}),
        ("council_consent > 1", {"council_consent": "bool"}),
        ("council_consent == 1", {"council_consent": "bool"}),
        ("external_share > 'abc'", {"external_share": "number"}),
        ("no_such_field > 1", {"external_share": "number"}),
        ("external_share > param(no.such.parameter)", {"external_share": "number"}),
    ],
)
def test_comparisons_of_different_types_are_refused_before_the_engine_sees_them(
    condition, field_types
):
    with pytest.raises(ConditionError):
        check_condition(parse_condition(condition), field_types, {"npo.external_share.signal"})


def test_facts_never_hold_null_or_text(checkers, catalogue):
    checker = next(iter(checkers.values()))
    for path in SAMPLE_FILES:
        result = checker.check_file(path)
        if result.model is None:
            continue
        work = _prepared_facts(checker, result.model)
        for fact in work:
            for name, value in fact.items():
                if name != "kind":
                    assert isinstance(value, (bool, int)), (name, value)


def test_numbers_reach_the_engine_only_as_small_ranks(checkers, catalogue):
    """No double ever reaches durable-rules (some crash it, all round): a number is its rank
    among the constants its field is compared with, so the engine sees 0, 1, 2, ..."""
    checker = next(iter(checkers.values()))
    for path in SAMPLE_FILES:
        result = checker.check_file(path)
        if result.model is None:
            continue
        for fact in _prepared_facts(checker, result.model):
            for name, value in fact.items():
                if name not in ("kind", "ref") and not isinstance(value, bool):
                    assert isinstance(value, int) and 0 <= value <= 2 * 20, (name, value)


@needs_durable
def test_tens_of_thousands_of_facts_in_one_filing_are_judged(catalogue):
    """About 56,000 facts in one session aborted durable-rules ("double free or corruption");
    distinct contents are asserted once, in sessions of bounded size, and every fact still
    gets its own matches."""
    library = Library(catalogue)
    book = library.book_for("BAO", date(2022, 8, 1))
    funds = book.scales["funds_received"].rank(Decimal(80000))
    facts = [
        {
            "kind": "npo_line",
            "ref": ref,
            "funds_received": funds,
            "code_on_menukaart": ref % 3 != 0,
            "code_ineffective": False,
        }
        for ref in range(60_000)
    ]
    matches = make_engine("durable").run([(book, facts)])
    assert sorted(m.ref for m in matches if m.rule == "NPO-004") == list(range(0, 60_000, 3))
    assert {m.rule for m in matches} == {"NPO-004"}


def _prepared_facts(checker: Checker, board) -> list[dict]:
    captured: list[dict] = []
    original = checker.engine.run

    def capture(work):
        for _, facts in work:
            captured.extend(dict(fact) for fact in facts)
        return original(work)

    checker.engine.run = capture
    try:
        checker.judge(board)
    finally:
        del checker.engine.run
    return captured


def _walk(node):
    if isinstance(node, dict):
        for key, value in node.items():
            yield key
            yield from _walk(value)
    elif isinstance(node, list):
        for item in node:
            yield from _walk(item)


def test_patterns_never_divide_or_do_arithmetic(catalogue):
    for book in _all_books(catalogue):
        for rule in book.rules:
            keys = set(_walk(rule.pattern))
            assert not keys & {"$div", "$mul", "$add", "$sub"}, rule.id


def test_every_pattern_is_over_a_single_fact_without_absence(catalogue):
    """No joins (the crash report) and no $not: one pattern per rule, on one fact."""
    for book in _all_books(catalogue):
        for rule in book.rules:
            keys = set(_walk(rule.pattern))
            assert not any(key.endswith("$not") or key in ("$all", "$any") for key in keys)
            assert rule.pattern["$and"][0] == {"kind": rule.engine_kind}


@needs_durable
def test_more_filings_than_the_session_limit_run_in_one_process(checkers, filing, board_spec):
    """Past 1,024 live sessions durable-rules crashes; each filing's session is deleted."""
    checker = checkers["durable"]
    data = filing(board_spec)
    for _ in range(1100):
        result = checker.check_bytes(data, "same.xbrl")
    assert result.status == "compliant"


@needs_durable
def test_a_book_with_too_many_rules_on_one_kind_is_refused(catalogue):
    from compliance.engine.durable_engine import MAX_RULES_PER_KIND

    template = catalogue.rules["WDM-001"]
    rules = [
        CompiledRule(
            f"R{i}", "wdm_plan", "plan", "warning", {"$and": [{"kind": "plan"}]}, None, template
        )
        for i in range(MAX_RULES_PER_KIND + 1)
    ]
    with pytest.raises(EngineError, match="hang"):
        make_engine("durable").run([(_book(rules, "book_crowded"), [{"kind": "plan", "ref": 0}])])


@needs_durable
def test_a_fact_with_too_many_fields_is_refused(catalogue):
    from compliance.engine.durable_engine import MAX_FACT_PROPERTIES

    rule = _rule(catalogue, "WDM-001", {"$and": [{"kind": "wdm_plan"}]})
    fact = {"kind": "wdm_plan", "ref": 0, **{f"f{i}": 1.0 for i in range(MAX_FACT_PROPERTIES)}}
    with pytest.raises(EngineError, match="fields"):
        make_engine("durable").run([(_book([rule], "book_wide"), [fact])])


def test_an_unknown_engine_is_a_clear_error():
    with pytest.raises(EngineError, match="unknown engine"):
        make_engine("drools")
