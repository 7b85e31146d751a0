"""The config file: options a reviewer sets once (reference data, waivers, language, fail-on,
rule selection), read from ``--config FILE`` or else ``compliance.toml`` in the working folder.

Why through click's ``default_map``: a value from the file then becomes the option's default,
so a flag on the command line wins without any code per option, and an option another module
adds to a command (``--waivers``) is configurable the moment it exists. Keys are option
names (``reference-dir`` or ``reference_dir``); a key no command of the file's reach knows
is an error, so a typo is never silently ignored. Relative paths are relative to the file,
as in ruff's and sqlfluff's config files, so a project's config works from any folder.

```toml
reference-dir = "duo-reference"
lang = "en"
fail-on = "warning"
ignore = ["NPO-007"]
[batch]            # options for one command only
jobs = 4
```
"""

from __future__ import annotations

import contextlib
import datetime
from pathlib import Path

import click

from compliance.wordings import Phrase
from compliance.words import say

CONFIG_NAME = "compliance.toml"
# The commands that may have a section of their own; a flat key applies to every command
# that has the option.
CONFIGURED_COMMANDS = ("check", "batch", "serve")


class ConfigError(click.UsageError):
    """A config file that cannot be used: exit status 2, one line naming file and key."""


def load_config(path: Path | None, group: click.Group, lang: str) -> dict:
    """The default map for ``group``'s commands from the file at ``path`` (or
    ./compliance.toml when there is one); {} without a file."""
    if path is None:
        path = Path(CONFIG_NAME)
        if not path.is_file():
            return {}
    data = _read(path, lang)
    sections = {key: value for key, value in data.items() if isinstance(value, dict)}
    flat = {key: value for key, value in data.items() if key not in sections}
    for key in sections:
        if key not in CONFIGURED_COMMANDS:
            known = ", ".join(f"[{name}]" for name in CONFIGURED_COMMANDS)
            raise ConfigError(say("cli.config_unknown", lang, path=path, key=key, known=known))
    every = {}
    for command in _commands(group):
        every.update(_options(command))
    _refuse_unknown(path, flat, every, lang)
    return _defaults(group, flat, sections, path, lang)


def _defaults(group: click.Group, flat: dict, sections: dict, path: Path, lang: str) -> dict:
    """Per command (nested for groups such as ``rules``), the values that apply to it."""
    defaults: dict = {}
    for name, command in group.commands.items():
        if isinstance(command, click.Group):
            defaults[name] = _defaults(command, flat, {}, path, lang)
            continue
        options = _options(command)
        section = sections.get(name, {})
        _refuse_unknown(path, section, options, lang)
        given = {key: _as_written(value) for key, value in {**flat, **section}.items()}
        _refuse_shapes(path, given, options, lang)
        defaults[name] = {
            options[_key(key)].name: _value(options[_key(key)], value, path.parent)
            for key, value in given.items()
            if _key(key) in options
        }
    return defaults


def _commands(group: click.Group) -> list[click.Command]:
    found = []
    for command in group.commands.values():
        found += _commands(command) if isinstance(command, click.Group) else [command]
    return found


def _read(path: Path, lang: str) -> dict:
    import tomllib  # only when there is a config file: it costs every start 1.5 ms

    from compliance.named_files import read_named  # and select, for a pipe

    try:
        return tomllib.loads(read_named(path, lang).decode())  # as tomllib.load reads it
    except OSError as error:
        raise ConfigError(say("cli.config_unreadable", lang, path=path, detail=error)) from None
    except UnicodeDecodeError:
        raise ConfigError(say("file.not_utf8", lang, path=path)) from None
    except RecursionError:  # [[[[...]]]]: tomllib recurses per level
        raise ConfigError(say("file.too_deep", lang, path=path)) from None
    except tomllib.TOMLDecodeError as error:
        from compliance.toml_errors import describe

        raise ConfigError(describe(path, error, lang)) from None


def _options(command: click.Command) -> dict[str, click.Parameter]:
    """The options a config file may set, by their long flag as a user types it
    (``format``, not the parameter's name): every option but --config and --help."""
    return {
        _key(_long_flag(param)): param
        for param in command.params
        if isinstance(param, click.Option) and param.name not in ("config", "help")
    }


def _long_flag(option: click.Option) -> str:
    longs = [flag for flag in option.opts if flag.startswith("--")]
    return (longs[0] if longs else option.opts[0]).lstrip("-")


def _key(key: str) -> str:
    return key.replace("-", "_")


def _value(option: click.Parameter, value: object, folder: Path) -> object:
    """Paths relative to the config file's folder; lists for options given many times
    (``select = "NPO-*"`` as well as ``["NPO-*"]``)."""
    if getattr(option, "multiple", False) and isinstance(value, str):
        value = [value]
    if not isinstance(option.type, click.Path):
        return value
    if isinstance(value, list):
        return [_path(item, folder) for item in value]
    return _path(value, folder)


def _path(value: object, folder: Path) -> object:
    if not isinstance(value, str):
        return value
    path = Path(value)
    with contextlib.suppress(RuntimeError):  # ~user of no such user: left as written
        path = path.expanduser()
    return str(path if path.is_absolute() else folder / path)


def _as_written(value: object) -> object:
    """A TOML date or time as the text it was written as (``today = 2024-01-01`` needs no
    quotes); every other value as it is."""
    if isinstance(value, (datetime.date, datetime.time)):
        return value.isoformat()
    return value


def _shape_problem(option: click.Option, value: object) -> Phrase | None:
    """Why a TOML value cannot be the option's, or None; click checks the rest (a choice,
    a range, a date) as it does a flag's. A value of another shape (a number for a flag or
    a path, a list for one value) would otherwise reach the command half-checked."""
    if option.multiple:
        items = [value] if isinstance(value, str) else value
        fits = isinstance(items, list) and all(isinstance(item, str) for item in items)
        return None if fits else Phrase("config.want_texts", {})
    if option.is_flag:
        return None if isinstance(value, bool) else Phrase("config.want_flag", {})
    if isinstance(option.type, click.Path):
        if not isinstance(value, str):
            return Phrase("config.want_path", {})
        return Phrase("file.control_character", {"char": repr("\0")}) if "\0" in value else None
    if isinstance(value, bool) or not isinstance(value, (str, int, float)):
        return Phrase("config.want_one_value", {})
    return None


def _refuse_shapes(path: Path, given: dict, options: dict, lang: str) -> None:
    for key, value in given.items():
        problem = _shape_problem(options[_key(key)], value) if _key(key) in options else None
        if problem is not None:
            words = Phrase("cli.config_bad", {"path": path, "key": key, "detail": problem})
            raise ConfigError(words.say(lang))


def _refuse_unknown(path: Path, values: dict, options: dict, lang: str) -> None:
    for key in values:
        if _key(key) not in options:
            known = _list(options)
            raise ConfigError(say("cli.config_unknown", lang, path=path, key=key, known=known))


def _list(names) -> str:
    return ", ".join(sorted(name.replace("_", "-") for name in names))
