"""The `compliance` command: check filings, inspect and test the rule catalogue."""

from __future__ import annotations

import math
import os
import sys
from collections.abc import Callable
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import click

from compliance import __version__
from compliance.batch.defaults import DEFAULT_TIMEOUT, LONGEST_TIMEOUT
from compliance.check import Checker, FilingResult, failure_reason
from compliance.datafiles import DataFileError
from compliance.engine import ENGINE_NAMES, Engine, EngineError, make_engine
from compliance.exit_codes import EXIT_FINDINGS, EXIT_INTERRUPTED, EXIT_OK, EXIT_UNUSABLE
from compliance.read import ReadLimits
from compliance.read.names import one_line
from compliance.report.text_report import render_footer, render_text
from compliance.rules.catalogue import Catalogue, Selection, load_catalogue
from compliance.usage import ComplianceGroup, config_option
from compliance.words import count, say

if TYPE_CHECKING:
    from compliance.waivers import Waivers

# --fail-on: the severities that make exit status 1 (waived findings never count).
FAIL_ON = {
    "error": ("error",),
    "violation": ("error", "violation"),
    "warning": ("error", "violation", "warning"),
    "never": (),
}


def _fail(message: str) -> None:
    """A usage problem: one line on stderr, exit status 2."""
    click.echo(f"compliance: {message}", err=True)
    sys.exit(EXIT_UNUSABLE)


class Seconds(click.FloatRange):
    """A time limit: more than 0 seconds and at most a day, and a number (``nan`` passes a
    range, and 1e10 overflowed the workers' wait)."""

    def __init__(self) -> None:
        super().__init__(0, LONGEST_TIMEOUT, min_open=True)

    def convert(self, value, param, ctx):
        seconds = super().convert(value, param, ctx)
        if math.isnan(seconds):
            self.fail(f"{value!r} is not a valid float.", param, ctx)
        return seconds


def _catalogue(
    rules_dir: Path | None,
    reference_dir: Path | None,
    lang: str,
    select: tuple[str, ...] = (),
    ignore: tuple[str, ...] = (),
) -> Catalogue:
    """The catalogue with the reference data and rule selection asked for; a problem with
    either is a usage error in the user's language."""
    try:
        catalogue = load_catalogue(rules_dir, reference_dir)
    except DataFileError as error:
        describe = getattr(error, "describe", None)
        _fail(describe(lang) if describe else str(error))
    selection = Selection(tuple(select), tuple(ignore))
    for pattern in selection.unmatched(list(catalogue.rules)):
        option = "select" if pattern in select else "ignore"
        _fail(say("cli.pattern_matches_nothing", lang, option=option, pattern=pattern))
    return catalogue.with_selection(selection)


def _engine(name: str, catalogue: Catalogue, lang: str) -> Engine:
    """The engine called ``name``, which has vetted every rule of ``catalogue``: a rule it
    cannot hold is a usage error before any filing is judged (in a batch, not a failure of
    every filing), and so is an engine that cannot run here."""
    from compliance.rules.books import Library

    try:
        engine = make_engine(name)
        engine.vet(Library(catalogue))
    except EngineError as error:
        _fail(error.describe(lang))
    return engine


def _checker(ctx_options: dict, catalogue: Catalogue, lang: str) -> Checker:
    engine = _engine(ctx_options["engine"], catalogue, lang)
    limits = ReadLimits(max_bytes=ctx_options["max_bytes"], max_depth=ctx_options["max_depth"])
    return Checker(catalogue, engine, limits)


rules_dir_option = click.option(
    "--rules-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Use the rule catalogue in this folder instead of the shipped one.",
)
reference_dir_option = click.option(
    "--reference-dir",
    type=click.Path(exists=True, file_okay=False, path_type=Path),
    help="Reference data: this folder's arbeidsmarkttoelage.csv (required; without "
    "--reference-dir NPO-009 is not judged) and, if there, menukaart.yaml.",
)
engine_option = click.option(
    "--engine",
    type=click.Choice(ENGINE_NAMES),
    default="durable",
    show_default=True,
    help="Rule engine; python judges identically where durable-rules cannot be built.",
)
lang_option = click.option(
    "--lang",
    type=click.Choice(["nl", "en"]),
    default="nl",
    show_default=True,
    help="Language of messages and text output.",
)
fail_on_option = click.option(
    "--fail-on",
    type=click.Choice(list(FAIL_ON)),
    default="violation",
    show_default=True,
    help="The least severe finding that makes exit status 1 (violation also counts error).",
)
quiet_option = click.option(
    "-q",
    "--quiet",
    is_flag=True,
    help="Print only what needs attention (no progress, no "
    "report of compliant filings, no closing lines).",
)


def selection_options(function):
    """--select and --ignore: rule ids or patterns such as NPO-*, repeatable."""
    function = click.option(
        "--ignore",
        multiple=True,
        metavar="RULE",
        help="Do not judge this rule (an id or a pattern such as NPO-*; repeatable).",
    )(function)
    return click.option(
        "--select",
        multiple=True,
        metavar="RULE",
        help="Judge only these rules (ids or patterns such as NPO-*; repeatable).",
    )(function)


def limit_options(function):
    function = click.option(
        "--max-depth",
        type=click.IntRange(4, 200),
        default=ReadLimits.max_depth,
        show_default=True,
        help="Refuse XML nested deeper than this.",
    )(function)
    return click.option(
        "--max-bytes",
        type=click.IntRange(1),
        default=ReadLimits.max_bytes,
        show_default=True,
        help="Refuse filings larger than this many bytes.",
    )(function)


def waiver_options(function):
    function = click.option(
        "--today",
        type=click.DateTime(formats=["%Y-%m-%d"]),
        envvar="COMPLIANCE_TODAY",
        help="The run date waivers expire against (YYYY-MM-DD; also COMPLIANCE_TODAY) "
        "[default: today].",
    )(function)
    return click.option(
        "--waivers",  # the parameter is "waivers": the config file's key is the option's name
        type=click.Path(dir_okay=False, path_type=Path),
        help="A reviewer's waivers file (YAML): the findings it covers are marked and do "
        "not count for the exit status.",
    )(function)


def _waivers(path: Path | None, today, catalogue: Catalogue, lang: str) -> Waivers | None:
    if path is None:
        return None
    from compliance.waivers import WaiverFileError, Waivers  # only with a waivers file

    try:
        return Waivers.load(path, catalogue, today.date() if today else date.today(), lang)
    except WaiverFileError as error:
        _fail(str(error))


@click.group(cls=ComplianceGroup, context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="compliance")
@config_option
def main() -> None:
    """Check Dutch school boards' spending-plan filings (XBRL) against the rules for
    werkdrukmiddelen, NP Onderwijs and related schemes.

    Options set once (reference dir, language, fail-on, select, ignore, waivers) can live
    in compliance.toml in the working folder (or --config FILE); a flag given wins. Shell
    completion: eval "$(_COMPLIANCE_COMPLETE=bash_source compliance)" (zsh_source, fish_source).
    """


@main.command()
# str, not Path: a result names its file by the path as given (report-contract.md), and
# Path would drop a leading ./ or a doubled slash
@click.argument("files", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@click.option(
    "-o",
    "--output",
    "output_file",
    type=click.Path(dir_okay=False, path_type=Path),
    help="Write the report to this file instead of standard output.",
)
@lang_option
@reference_dir_option
@fail_on_option
@selection_options
@quiet_option
@config_option
@rules_dir_option
@engine_option
@limit_options
@waiver_options
def check(
    files,
    output,
    output_file,
    lang,
    reference_dir,
    fail_on,
    select,
    ignore,
    quiet,
    rules_dir,
    engine,
    max_bytes,
    max_depth,
    waivers,
    today,
) -> None:
    """Judge each FILE and report its findings. A file whose name starts with a dash
    goes after --: compliance check -- -dash.xbrl

    Exit status: 0 no finding at or above --fail-on (default: no error or violation;
    warnings allowed), 1 at least one, 2 a usage error or a file that could not be read.
    """
    catalogue = _catalogue(rules_dir, reference_dir, lang, select, ignore)
    checker = _checker(
        {"engine": engine, "max_bytes": max_bytes, "max_depth": max_depth}, catalogue, lang
    )
    waived = _waivers(waivers, today, catalogue, lang)
    results = [_check_one(checker, path, lang) for path in files]
    if waived is not None:
        results = [waived.apply(result) for result in results]
    if output == "json":
        from compliance.report.json_report import dumps, result_object  # JSON only

        for result in results:  # the text report says it in its place; JSON needs a word
            if result.status in ("unreadable", "error"):
                reason = result.error_text(lang)
                click.echo(f"compliance: {one_line(result.file)}: {reason}", err=True)

        objects = [result_object(result, catalogue, lang) for result in results]
        report = dumps(objects[0] if len(objects) == 1 else objects) + "\n"
    else:
        paint = _painter(output_file)
        shown = [r for r in results if not (quiet and r.status == "compliant")]
        report = "\n".join(render_text(result, catalogue, lang, paint) for result in shown)
        if not quiet:
            report += ("\n" if report else "") + render_footer(catalogue, lang)
    _emit(report, output_file, lang)
    sys.exit(exit_status(results, fail_on))


def _check_one(checker: Checker, path: str, lang: str) -> FilingResult:
    """The file's result, whatever happens: should the check itself fail, that is the file's
    result (status error, one line, exit status 1), as in a batch, never a traceback that
    hides the other files' results. The path is opened as typed: Path("") would be the
    working folder."""
    try:
        return checker.check_file(path, path)
    except Exception as error:
        return FilingResult(path, "", "error", error=failure_reason(error, lang))


def _painter(output_file: Path | None) -> Callable[[str, str], str] | None:
    """Colour for a person at a terminal: never into a file or pipe, never with NO_COLOR."""
    if output_file is not None or os.environ.get("NO_COLOR"):
        return None
    if sys.stdout is None or not sys.stdout.isatty():  # a closed stdout (>&-) is no terminal
        return None
    colours = {"error": "red", "violation": "red", "warning": "yellow", "compliant": "green"}
    return lambda text, role: click.style(text, fg=colours.get(role), bold=role != "compliant")


def _emit(report: str, output_file: Path | None, lang: str) -> None:
    """The report on stdout, or whole into ``output_file`` (report/output_file.py)."""
    if output_file is None:
        click.echo(report, nl=False)
        return
    from compliance.report.output_file import write_whole

    try:
        write_whole(output_file, report)
    except OSError as error:
        _fail(say("cli.output_unwritable", lang, path=output_file, detail=error))


def exit_status(results: list[FilingResult], fail_on: str = "violation") -> int:
    """2 when a file could not be read; 1 when a finding not waived is at or above
    ``fail_on`` (or a check failed); else 0."""
    if any(result.status == "unreadable" for result in results):
        return EXIT_UNUSABLE
    failing = FAIL_ON[fail_on]
    if any(
        result.status == "error" or any(f.severity in failing for f in result.counting_findings)
        for result in results
    ):
        return EXIT_FINDINGS
    return EXIT_OK


@main.group()
def rules() -> None:
    """List, explain and test the rule catalogue."""


@rules.command("list")
@lang_option
@rules_dir_option
def rules_list(lang, rules_dir) -> None:
    """Every rule: id, severity, scheme and title."""
    from compliance.report.rules_report import rule_table

    click.echo(rule_table(_catalogue(rules_dir, None, lang), lang))


@rules.command("show")
@click.argument("rule_id")
@click.option(
    "--year",
    "school_year",
    help="Show the parameters in force for this school "
    "year (2022-2023); default: every dated value.",
)
@lang_option
@reference_dir_option
@rules_dir_option
def rules_show(rule_id, school_year, lang, reference_dir, rules_dir) -> None:
    """What rule RULE_ID checks, its parameters and severity by school year, and its source."""
    from compliance.report.rules_report import describe_rule

    catalogue = _catalogue(rules_dir, reference_dir, lang)
    rule_id = rule_id.strip().upper()
    if rule_id not in catalogue.rules:
        _fail(say("cli.no_rule", lang, rule=rule_id))
    year = None
    if school_year is not None:
        year = catalogue.domain.calendar.year_of_label(school_year)
        if year is None:
            _fail(say("cli.not_a_year", lang, value=school_year))
    click.echo(describe_rule(catalogue, catalogue.rules[rule_id], year, lang))


@rules.command("test")
@click.argument("rule_ids", nargs=-1)
@lang_option
@rules_dir_option
@engine_option
def rules_test(rule_ids, lang, rules_dir, engine) -> None:
    """Run the cases documented in the rule files (all rules, or the RULE_IDS given)."""
    from compliance.authoring.cases import run_cases

    catalogue = _catalogue(rules_dir, None, lang)
    wanted = [rule_id.strip().upper() for rule_id in rule_ids]
    unknown = [rule_id for rule_id in wanted if rule_id not in catalogue.rules]
    if unknown:
        _fail(say("cli.no_rule", lang, rule=unknown[0]))
    checker = _checker(
        {"engine": engine, "max_bytes": ReadLimits.max_bytes, "max_depth": ReadLimits.max_depth},
        catalogue,
        lang,
    )
    failed = total = 0
    for outcome in run_cases(catalogue, checker, wanted or None, lang):
        total += 1
        if outcome.passed:
            case = outcome.case.in_language(lang)
            click.echo(say("cli.case_ok", lang, rule=outcome.rule, case=case))
        else:
            failed += 1
            click.echo(
                say(
                    "cli.case_failed",
                    lang,
                    rule=outcome.rule,
                    case=outcome.case.in_language(lang),
                    expected=outcome.expected,
                    got=outcome.got,
                )
            )
    click.echo(say("cli.cases_pass", lang, passed=total - failed, total=total))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
# readable=False: a named file the user may not read is a filing with status unreadable,
# not a usage error (report-contract.md: batch exits 2 for usage errors only); a str, as
# given, for the same reason as check's files
@click.argument("paths", nargs=-1, required=True, type=click.Path(readable=False))
@click.option(
    "--out",
    required=True,
    type=click.Path(file_okay=False, path_type=Path),
    help="Folder for results.jsonl, findings.csv, summary.json and report.html "
    "(created if need be).",
)
@click.option("--jobs", type=click.IntRange(1), help="Worker processes [default: one per CPU].")
@click.option(
    "--format",
    "output",
    type=click.Choice(["jsonl"]),
    help="Also stream one result object per line on stdout, in path order.",
)
@click.option(
    "--timeout",
    type=Seconds(),
    default=DEFAULT_TIMEOUT,
    show_default=True,
    help="Seconds one filing may take; past that it is stopped and reported as an error.",
)
@click.option(
    "--resume",
    is_flag=True,
    help="Keep the results already in --out of filings unchanged since (same sha256, "
    "same rule set); judge only the rest.",
)
@click.option(
    "--baseline",
    type=click.Path(path_type=Path),
    help="The --out of an earlier batch (last year's): summary.json then lists per board the "
    "findings that are new, resolved and unchanged.",
)
@lang_option
@reference_dir_option
@fail_on_option
@selection_options
@quiet_option
@config_option
@rules_dir_option
@engine_option
@limit_options
@waiver_options
def batch(
    paths,
    out,
    jobs,
    output,
    timeout,
    resume,
    baseline,
    lang,
    reference_dir,
    fail_on,
    select,
    ignore,
    quiet,
    rules_dir,
    engine,
    max_bytes,
    max_depth,
    waivers,
    today,
) -> None:
    """Judge every filing in PATHS (files, or folders searched for *.xbrl and *.xml) in
    parallel; write one result per filing and a monitoring summary to --out.

    Exit status: 0 no finding at or above --fail-on and every filing read and checked,
    1 otherwise (a finding at or above --fail-on, an unreadable filing or a check that
    failed), 2 a usage error (a path that does not exist is one), 130 interrupted (the
    outputs hold what had finished).
    """
    outcome = None
    try:
        from compliance.batch import BatchOptions, run_batch
        from compliance.batch.baseline import BaselineError
        from compliance.batch.inputs import FolderNotPermitted
        from compliance.batch.pool import WorkerBroken
        from compliance.batch.runner import NoInputs

        for path in paths:
            if _missing(path):
                _fail(say("batch.no_such_path", lang, path=path))
        catalogue = _catalogue(rules_dir, reference_dir, lang, select, ignore)
        _engine(engine, catalogue, lang)  # the workers make their own
        options = BatchOptions(
            paths=list(paths),
            out=out,
            catalogue=catalogue,
            engine=engine,
            limits=ReadLimits(max_bytes=max_bytes, max_depth=max_depth),
            lang=lang,
            jobs=jobs,
            timeout=timeout,
            resume=resume,
            rules_dir=rules_dir,
            reference_dir=reference_dir,
            stream=sys.stdout if output == "jsonl" else None,
            progress=None if quiet else sys.stderr,
            waivers=_waivers(waivers, today, catalogue, lang),
            baseline=baseline,
        )
        try:
            outcome = run_batch(options)
        except NoInputs as error:
            _fail(say("batch.no_inputs", lang, paths=str(error)))
        except FolderNotPermitted as error:
            _fail(say("batch.folder_not_permitted", lang, folder=error.folder))
        except (WorkerBroken, DataFileError, BaselineError) as error:
            _fail(str(error))
        except OSError as error:
            _fail(f"{error.filename or out}: {error.strerror or error}")
        for name, reason in outcome.failed:
            click.echo(f"compliance: {one_line(name)}: {reason}", err=True)
        if not quiet:
            lines = _closing_lines(outcome, out, catalogue, lang)
            click.echo("\n".join(lines), err=output == "jsonl")
        _exit_after_batch(_batch_status(outcome, fail_on))
    except KeyboardInterrupt:  # Ctrl-C outside the judging: exit as interrupted all the same
        if outcome is None:  # before judging began: --out is as it was
            click.echo(f"compliance: {say('batch.interrupted_early', lang, out=out)}", err=True)
        _exit_after_batch(EXIT_INTERRUPTED)


def _missing(path: str) -> bool:
    """True when nothing is at ``path`` (a usage error for batch); a path in a folder the
    user may not enter is there, and its filing a result that says why it cannot be read."""
    try:
        os.lstat(path)
    except (FileNotFoundError, NotADirectoryError):
        return True
    except OSError:  # there, but out of reach
        pass
    return False


def _exit_after_batch(code: int) -> None:
    """Exit with ``code``, deaf to Ctrl-C from here on: the outputs are in place and nothing
    is left to stop, while a Ctrl-C during the interpreter's shutdown (joining the pool's
    threads) would print a traceback from threading instead of just exiting."""
    import signal  # only here: with its enums it cost every start 1.3 ms

    signal.signal(signal.SIGINT, signal.SIG_IGN)
    sys.exit(code)


def _closing_lines(outcome, out: Path, catalogue: Catalogue, lang: str) -> list[str]:
    """What the run did, in counts, and where the outputs are; then what judged them."""
    counts = dict(outcome.counts)
    filings = count(counts.pop("inputs"), "filing", lang)
    lines = [say("batch.counts", lang, filings=filings, **counts)]
    if outcome.reused:
        lines.append(say("batch.reused", lang, reused=outcome.reused))
    if outcome.interrupted:
        missing = count(outcome.counts["not_checked"], "filing", lang)
        lines.append(say("batch.interrupted", lang, missing=missing))
    lines.extend(_review_lines(outcome.review, lang))
    lines += [
        say("text.not_judged", lang, rule=rule, reason=say(f"not_judged.{reason}", lang))
        for rule, reason in catalogue.not_judged
    ]
    lines.append(say("batch.written", lang, out=out))
    lines.append(render_footer(catalogue, lang).rstrip("\n"))
    return lines


def _batch_status(outcome, fail_on: str) -> int:
    if outcome.interrupted:
        return EXIT_INTERRUPTED
    if outcome.counts["unreadable"] or outcome.counts["error"]:
        return EXIT_FINDINGS
    return EXIT_FINDINGS if outcome.severities & set(FAIL_ON[fail_on]) else EXIT_OK


@main.command()
@click.argument("previous", type=click.Path(path_type=Path))
@click.argument("current", type=click.Path(path_type=Path))
@click.option(
    "--format", "output", type=click.Choice(["text", "json"]), default="text", show_default=True
)
@lang_option
def diff(previous, current, output, lang) -> None:
    """Compare two batch runs (their --out folders, or results.jsonl files): per board the
    findings that are new in CURRENT, resolved since PREVIOUS and unchanged, matched by
    fingerprint. Exit status 0, or 2 when a run cannot be read."""
    from compliance.batch.baseline import BaselineError, compare_runs, load_run
    from compliance.report.diff_report import render_diff

    try:
        comparison = compare_runs(load_run(previous, lang), load_run(current, lang))
    except BaselineError as error:
        _fail(str(error))
    if output == "json":
        from compliance.report.json_report import dumps

        click.echo(dumps(comparison))
    else:
        click.echo(render_diff(comparison, lang), nl=False)


def _review_lines(review: dict, lang: str) -> list[str]:
    """The batch's closing lines about waivers and the earlier run, when given."""
    lines = []
    waivers, baseline = review.get("waivers"), review.get("baseline")
    if waivers is not None:
        lines.append(
            say(
                "batch.waived",
                lang,
                waived=waivers["waived_findings"],
                expired=len(waivers["expired"]),
                unused=len(waivers["unused"]),
            )
        )
    if baseline is not None:
        lines.append(say("batch.baseline", lang, **baseline["totals"]))
    return lines


@main.command()
@click.option("--host", default="127.0.0.1", show_default=True, help="Address to listen on.")
@click.option("--port", type=click.IntRange(1, 65535), default=8000, show_default=True)
@click.option(
    "--jobs", type=click.IntRange(1), default=2, show_default=True, help="Check worker processes."
)
@click.option(
    "--timeout",
    type=Seconds(),
    default=30.0,
    show_default=True,
    help="Seconds one check may take; past that it answers 504.",
)
@lang_option
@reference_dir_option
@selection_options
@config_option
@rules_dir_option
@engine_option
@waiver_options
@click.option(
    "--max-bytes",
    type=click.IntRange(1),
    default=20 * 1024 * 1024,
    show_default=True,
    help="Refuse uploads larger than this many bytes (413).",
)
@click.option(
    "--max-depth",
    type=click.IntRange(4, 200),
    default=ReadLimits.max_depth,
    show_default=True,
    help="Refuse XML nested deeper than this.",
)
def serve(
    host,
    port,
    jobs,
    timeout,
    lang,
    reference_dir,
    select,
    ignore,
    rules_dir,
    engine,
    waivers,
    today,
    max_bytes,
    max_depth,
) -> None:
    """Run the self-check web page and the HTTP API (POST /api/v1/check), judging as
    `check` does with the same options."""
    import socket

    from compliance.web.app import listen, run
    from compliance.web.options import ServeOptions

    # a bad folder or a pattern naming no rule is a usage error
    catalogue = _catalogue(rules_dir, reference_dir, lang, select, ignore)
    _waivers(waivers, today, catalogue, lang)  # and so is a malformed waivers file
    _engine(engine, catalogue, lang)  # and a rule the engine cannot hold
    try:  # and so is an address the page cannot be served on
        sock = listen(host, port)
    except socket.gaierror:
        _fail(say("cli.host_unknown", lang, host=host))
    except OSError as error:
        _fail(say("cli.cannot_listen", lang, host=host, port=str(port), detail=error))
    # uvicorn says where it runs only on a socket it bound itself
    address = f"[{host}]" if ":" in host else host
    url = f"http://{address}:{sock.getsockname()[1]}"
    click.echo(say("cli.serving", lang, url=url), err=True)
    run(
        ServeOptions(
            host,
            port,
            lang,
            reference_dir,
            rules_dir,
            engine,
            ReadLimits(max_bytes=max_bytes, max_depth=max_depth),
            jobs,
            timeout,
            waivers_file=waivers,
            today=today.date() if today else None,
            selection=Selection(tuple(select), tuple(ignore)),
        ),
        sock,
    )
