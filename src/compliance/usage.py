"""The command line's own errors (a missing argument, an unknown option, a bad value) in the
user's language, and the config file applied before any option is read.

Why here and not in cli.py: click words its errors in English; a Dutch-default tool that
reports a filing's problems in Dutch and then "Error: Missing argument" reads as two tools.
The language of such an error cannot come from the parsed options (parsing is what failed),
so it is read from the arguments as given (``--lang en``), else the config file, else Dutch.
"""

from __future__ import annotations

import errno
import re
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import NoReturn

import click

from compliance.config import load_config
from compliance.exit_codes import EXIT_INTERRUPTED, EXIT_PIPE_CLOSED, EXIT_USAGE
from compliance.streams import send_to_nowhere
from compliance.wordings import Phrase, Wordings
from compliance.words import DEFAULT_LANGUAGE, LANGUAGES, say

_CONFIG_DEFAULTS = "compliance.config"  # the defaults the file gave, once read
_LANG = "compliance.lang"

# click's English details of a bad value, and the words.py key that says them.
_PATH = r"(?:File|Directory|Path) (?P<path>'.*'|\".*\")"
_DETAILS = Wordings(
    (
        # a value from the config file may be a TOML number: click quotes only text
        (r"'?(?P<value>.*?)'? is not one of (?P<choices>.*)\.", "cli.bad_choice"),
        (r"'(?P<value>.*)' is not (?P<choices>'[^']*')\.", "cli.bad_choice"),  # one choice
        (_PATH + r" does not exist\.", "cli.path_missing"),
        (_PATH + r" is a file\.", "cli.path_is_file"),
        (_PATH + r" is a directory\.", "cli.path_is_folder"),
        (_PATH + r" is not readable\.", "cli.path_not_readable"),
        (_PATH + r" is not writable\.", "cli.path_not_writable"),
        (r"(?P<value>.*) is not in the range (?P<range>.*)\.", "cli.out_of_range"),
        (r"'(?P<value>.*)' is not a valid integer( range)?\.", "cli.not_whole_number"),
        (r"'(?P<value>.*)' is not a valid float( range)?\.", "cli.not_number"),
        (r"'(?P<value>.*)' does not match the formats? .*\.", "cli.not_date"),  # --today
        (r"(?P<value>.*)", "cli.bad_value"),
    )
)
# Failures of writing stdout itself (an OSError without a file name): everything else is
# the command's to handle.
_STDOUT_ERRORS = frozenset({errno.EPIPE, errno.ENOSPC, errno.EIO, errno.EFBIG, errno.EDQUOT})
_EXTRA = re.compile(r"Got unexpected extra arguments? \((?P<name>.*)\)\Z")
_COMMAND = re.compile(r"No such command (?P<name>'.*')\.\Z")


def language_of(args: Sequence[str], fallback: str = DEFAULT_LANGUAGE) -> str:
    """``--lang`` as given on the command line, without parsing it."""
    for index, arg in enumerate(args):
        if arg == "--":
            break
        value = arg[len("--lang=") :] if arg.startswith("--lang=") else None
        if arg == "--lang" and index + 1 < len(args):
            value = args[index + 1]
        if value in LANGUAGES:
            return value
    return fallback


class ComplianceGroup(click.Group):
    """A group whose usage errors are worded in the user's language (exit status 2)."""

    def main(self, args=None, prog_name=None, complete_var=None, standalone_mode=True, **extra):
        argv = list(sys.argv[1:] if args is None else args)
        self.argv = argv  # for the language of errors met before --lang is parsed
        if not standalone_mode:
            return super().main(argv, prog_name, complete_var, False, **extra)
        try:
            try:
                code = super().main(argv, prog_name, complete_var, False, **extra)
            finally:  # here, not at exit, where a full disk is an "Exception ignored"
                if sys.stdout is not None:
                    sys.stdout.flush()
        except click.UsageError as error:
            lang = language_of(argv, _config_language(error.ctx))
            show_usage_error(error, lang)
            sys.exit(EXIT_USAGE)
        except click.Abort as error:
            click.echo(say("cli.aborted", language_of(argv)), err=True)
            # Ctrl-C exits as the shell reports an interrupt, never 1, which says "findings"
            interrupted = isinstance(error.__cause__, KeyboardInterrupt)
            sys.exit(EXIT_INTERRUPTED if interrupted else 1)
        except click.ClickException as error:
            error.show()
            sys.exit(error.exit_code)
        except OSError as error:
            if error.filename is not None or error.errno not in _STDOUT_ERRORS:
                raise
            _give_up_stdout(error, language_of(argv))
        sys.exit(code if isinstance(code, int) else 0)

    def _main_shell_completion(self, ctx_args, prog_name, complete_var=None) -> None:
        """Tab completion as click does it; a request it cannot read (COMP_CWORD not a
        number, COMP_WORDS missing: only a broken shell set-up sends one) completes nothing
        and exits 1, as click answers a shell it does not know, rather than a traceback."""
        try:
            super()._main_shell_completion(ctx_args, prog_name, complete_var)
        except (ValueError, KeyError, IndexError):
            sys.exit(1)


def _give_up_stdout(error: OSError, lang: str) -> NoReturn:
    """Standard output cannot be written (a full disk, a reader that went away): one line
    on stderr, or none when the reader of a pipe stopped reading (``| head``, which the
    user asked for), and nothing more to stdout, not even Python's last flush at exit."""
    send_to_nowhere(sys.stdout)
    if error.errno == errno.EPIPE:
        sys.exit(EXIT_PIPE_CLOSED)
    click.echo(f"compliance: {say('cli.stdout_unwritable', lang, detail=error)}", err=True)
    sys.exit(EXIT_USAGE)


def show_usage_error(error: click.UsageError, lang: str) -> None:
    """click's usage, hint and error lines, worded in ``lang``."""
    ctx = error.ctx
    lines = []
    if ctx is not None:
        usage = ctx.get_usage().replace("Usage:", say("cli.usage", lang) + ":", 1)
        lines.append(usage.replace("[OPTIONS]", say("cli.options", lang)))
        command = ctx.command_path
        help_name = ctx.help_option_names[0] if ctx.help_option_names else "--help"
        lines += [say("cli.try_help", lang, command=f"{command} {help_name}"), ""]
    lines.append(f"{say('cli.error', lang)}: {_reason(error, lang)}")
    click.echo("\n".join(lines), err=True)


def _reason(error: click.UsageError, lang: str) -> str:
    ctx = error.ctx
    if isinstance(error, click.MissingParameter) and error.param is not None:
        name = error.param.get_error_hint(ctx) if ctx else error.param.name
        kind = error.param_type or error.param.param_type_name
        key = "cli.missing_argument" if kind == "argument" else "cli.missing_option"
        return say(key, lang, name=name)
    if isinstance(error, click.NoSuchOption):
        return say("cli.no_such_option", lang, name=error.option_name)
    if isinstance(error, click.BadOptionUsage) and "requires an argument" in error.message:
        return say("cli.needs_value", lang, name=error.option_name)
    if isinstance(error, click.BadParameter):
        name = error.param.get_error_hint(ctx) if error.param is not None and ctx else "?"
        detail = _DETAILS.explain(error.message)
        if isinstance(detail, Phrase):  # always: the last wording takes any message
            return say(detail.key, lang, name=name, **detail.values)
    if error.message == "Missing command." and ctx is not None:  # e.g. only --config given
        commands = ", ".join(ctx.command.list_commands(ctx))
        return say("cli.missing_command", lang, commands=commands)
    for pattern, key in ((_EXTRA, "cli.extra_argument"), (_COMMAND, "cli.no_such_command")):
        match = pattern.match(error.message)
        if match:
            return say(key, lang, **match.groupdict())
    return error.message


def config_option(function):
    """``--config FILE`` (else ./compliance.toml): the file's values become the options'
    defaults before any other option is read (it is eager), so a flag given wins."""
    return click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        is_eager=True,
        expose_value=False,
        callback=_apply_config,
        help="Options from this TOML file [default: compliance.toml in the working folder].",
    )(function)


def _apply_config(ctx: click.Context, _param: click.Parameter, value: Path | None) -> None:
    path = _path_from_root(ctx)
    if value is None and _CONFIG_DEFAULTS in ctx.meta:
        # the group read it already and this command inherits its defaults: its errors are
        # in its own language from the file
        ctx.meta[_LANG] = _language_in(ctx.meta[_CONFIG_DEFAULTS], path)
        return
    root = ctx.find_root()
    lang = language_of(getattr(root.command, "argv", sys.argv[1:]))
    defaults = load_config(value, root.command, lang)
    ctx.meta[_CONFIG_DEFAULTS] = defaults
    ctx.meta[_LANG] = _language_in(defaults, path)
    own = _of_command(defaults, path)
    if own or value is not None:
        ctx.default_map = {**(ctx.default_map or {}), **own}


def _of_command(defaults: dict, path: list[str]) -> dict:
    """The file's defaults for the command at ``path`` (its table, nested by command)."""
    for name in path:
        defaults = defaults.get(name, {})
    return defaults


def _language_in(defaults: dict, path: list[str]) -> str | None:
    """The config file's ``lang`` for the command at ``path`` (a group: the one every
    command under it has, if they agree), or None."""
    found = set(_languages(_of_command(defaults, path)))
    return found.pop() if len(found) == 1 else None


def _languages(defaults: dict) -> list[object]:
    """The ``lang`` of every command in the nested defaults (None where it has none)."""
    if not any(isinstance(value, dict) for value in defaults.values()):
        return [defaults.get("lang")]  # a command's own defaults
    return [
        lang for value in defaults.values() if isinstance(value, dict) for lang in _languages(value)
    ]


def _path_from_root(ctx: click.Context) -> list[str]:
    names = []
    while ctx.parent is not None:
        names.append(ctx.info_name)
        ctx = ctx.parent
    return names[::-1]


def _config_language(ctx: click.Context | None) -> str:
    lang = ctx.meta.get(_LANG) if ctx is not None else None
    return lang if lang in LANGUAGES else DEFAULT_LANGUAGE
