"""The catalogue kept between runs (rules/cache.py): a second run on the same files takes it
without validating again, and no entry can make a run judge with rules other than the files
say: an edited file, a corrupt entry, an entry someone else could have written, a cache
folder that cannot be written all fall back to loading the files."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from pathlib import Path

import pytest

from compliance.findings import Localized
from compliance.resources import rules_dir
from compliance.rules import cache as kept
from compliance.rules import catalogue as catalogue_module
from compliance.rules import load_catalogue


@pytest.fixture
def cache_dir(tmp_path: Path, monkeypatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(folder))
    monkeypatch.delenv("COMPLIANCE_NO_CACHE", raising=False)
    return folder


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    target = tmp_path / "rules"
    shutil.copytree(rules_dir(), target)
    return target


def _entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("catalogue-*.pickle"))


def _title(catalogue, rule_id: str = "WDM-002") -> str:
    return catalogue.rules[rule_id].title.en


def test_a_second_run_on_the_same_files_takes_the_kept_catalogue_without_validating(
    cache_dir, rules_copy
):
    first = load_catalogue(rules_copy)
    assert len(_entries(cache_dir)) == 1
    code = (
        "import sys; from pathlib import Path; from compliance.rules import load_catalogue; "
        f"c = load_catalogue(Path({str(rules_copy)!r})); "
        "print(len(c.rules), len(c.kinds), "
        "'jsonschema' in sys.modules, c.version)"
    )
    env = {**os.environ, "COMPLIANCE_CACHE_DIR": str(cache_dir)}
    done = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    rules, kinds, validated, version = done.stdout.split()
    assert (int(rules), int(kinds)) == (len(first.rules), len(first.kinds))
    assert validated == "False"
    assert version == first.version
    again = load_catalogue(rules_copy)
    assert again.rules == first.rules and again.domain == first.domain
    assert sorted(again.kinds) == sorted(first.kinds)


def test_an_edited_rule_file_is_loaded_again(cache_dir, rules_copy):
    load_catalogue(rules_copy)
    path = rules_copy / "wdm" / "WDM-002.yaml"
    text = path.read_text(encoding="utf-8")
    en_title = _title(load_catalogue(rules_copy))
    path.write_text(text.replace(en_title, "Consent given (edited)", 1), encoding="utf-8")
    assert _title(load_catalogue(rules_copy)) == "Consent given (edited)"


def test_an_edited_reference_file_is_loaded_again(cache_dir, rules_copy, tmp_path):
    reference = tmp_path / "reference"
    reference.mkdir()
    allowance = reference / "arbeidsmarkttoelage.csv"
    allowance.write_text("school_year,brin\n2022-2023,12AB\n", encoding="utf-8")
    assert load_catalogue(rules_copy, reference).allowance_list == {("2022-2023", "12AB")}
    allowance.write_text("school_year,brin\n", encoding="utf-8")
    assert load_catalogue(rules_copy, reference).allowance_list == frozenset()
    assert load_catalogue(rules_copy).allowance_list is None  # no list: NPO-009 not judged


@pytest.mark.parametrize(
    "damage",
    [
        lambda data: data[: len(data) // 2],  # truncated
        lambda data: data[:-10] + bytes(10),  # payload changed under its digest
        lambda data: b"not a cache entry at all",
        lambda data: b"",
    ],
)
def test_a_corrupt_entry_is_ignored_and_rebuilt(cache_dir, rules_copy, damage):
    first = load_catalogue(rules_copy)
    (entry,) = _entries(cache_dir)
    entry.write_bytes(damage(entry.read_bytes()))
    assert load_catalogue(rules_copy).rules == first.rules
    assert kept.read_entry(entry.name.removeprefix("catalogue-").removesuffix(".pickle"))


def test_an_entry_others_could_have_written_is_not_trusted(cache_dir, rules_copy):
    first = load_catalogue(rules_copy)
    (entry,) = _entries(cache_dir)
    key = entry.name.removeprefix("catalogue-").removesuffix(".pickle")
    rule = first.rules["WDM-002"].replace(title=Localized(nl="vervalst", en="forged"))
    forged = first.replace(kinds={}, rules={**first.rules, "WDM-002": rule})
    kept.write_entry(key, forged)
    assert _title(load_catalogue(rules_copy)) == "forged"  # the user's own entry is used
    entry.chmod(0o666)
    assert _title(load_catalogue(rules_copy)) == _title(first)


def test_an_entry_of_another_kind_is_ignored(cache_dir, rules_copy):
    first = load_catalogue(rules_copy)
    (entry,) = _entries(cache_dir)
    key = entry.name.removeprefix("catalogue-").removesuffix(".pickle")
    kept.write_entry(key, {"not": "a catalogue"})
    assert load_catalogue(rules_copy).rules == first.rules


def test_a_cache_folder_that_cannot_be_written_only_means_no_entry(
    tmp_path, monkeypatch, rules_copy
):
    blocker = tmp_path / "a-file"
    blocker.write_text("in the way")
    monkeypatch.setenv("COMPLIANCE_CACHE_DIR", str(blocker / "cache"))
    assert load_catalogue(rules_copy).rules
    assert load_catalogue(rules_copy).rules
    assert blocker.read_text() == "in the way"


def test_entries_go_to_the_users_cache_folder_never_into_the_package(
    tmp_path, monkeypatch, rules_copy
):
    monkeypatch.delenv("COMPLIANCE_CACHE_DIR")
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "xdg"))
    package = Path(kept.__file__).resolve().parent.parent
    before = sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts)
    load_catalogue(rules_copy)
    assert len(_entries(tmp_path / "xdg" / "compliance")) == 1
    assert sorted(p for p in package.rglob("*") if "__pycache__" not in p.parts) == before


def test_no_cache_turns_it_off(cache_dir, monkeypatch, rules_copy):
    monkeypatch.setenv("COMPLIANCE_NO_CACHE", "1")
    load_catalogue(rules_copy)
    assert not cache_dir.exists()


def test_a_broken_file_is_reported_on_every_run(cache_dir, rules_copy):
    path = rules_copy / "wdm" / "WDM-002.yaml"
    path.write_text(path.read_text(encoding="utf-8").replace("severity:", "severty:", 1))
    for _ in range(2):
        with pytest.raises(Exception, match="WDM-002"):
            load_catalogue(rules_copy)
    assert not _entries(cache_dir)


# -- the stat key: a start that reads no rule file, and the edits it must still see ----------


@pytest.fixture
def settled_soon(monkeypatch):
    """Files count as settled 20 ms after their last change (3 s otherwise), so a test can
    have its stat key trusted; each test then waits out that time before loading."""
    monkeypatch.setattr(kept, "_SETTLED_NS", 20_000_000)
    return lambda: time.sleep(0.03)


def _stat_entries(folder: Path) -> list[Path]:
    return sorted(folder.glob("stat-*.pickle"))


def _no_reading(monkeypatch) -> None:
    """From here on, reading a rule file's bytes or loading the folder fails the test."""

    def refuse(*args, **kwargs):
        raise AssertionError("the files were read")

    monkeypatch.setattr(kept, "content_key", refuse)
    monkeypatch.setattr(catalogue_module, "_Loader", refuse)


def test_settled_files_are_found_by_their_stat_without_reading_them(
    cache_dir, rules_copy, settled_soon, monkeypatch
):
    settled_soon()
    first = load_catalogue(rules_copy)
    assert len(_stat_entries(cache_dir)) == 1
    _no_reading(monkeypatch)
    again = load_catalogue(rules_copy)
    assert again.rules == first.rules and again.version == first.version


def test_files_changed_just_now_are_never_found_by_their_stat(cache_dir, rules_copy):
    # a same-size rewrite within the file system's clock tick would leave the stat as it was
    load_catalogue(rules_copy)
    assert _entries(cache_dir) and not _stat_entries(cache_dir)


def _same_size_edit(path: Path, old: str, new: str) -> None:
    """Write ``path`` with ``old`` replaced by ``new`` (as long), and put its times back."""
    assert len(old.encode()) == len(new.encode())
    before = path.stat()
    path.write_text(path.read_text(encoding="utf-8").replace(old, new, 1), encoding="utf-8")
    os.utime(path, ns=(before.st_atime_ns, before.st_mtime_ns))  # as touch -r or cp -p do
    after = path.stat()
    assert (after.st_size, after.st_mtime_ns) == (before.st_size, before.st_mtime_ns)


def test_a_same_size_edit_with_its_mtime_put_back_is_loaded_again(
    cache_dir, rules_copy, settled_soon
):
    settled_soon()
    title = _title(load_catalogue(rules_copy))
    edited = title[::-1]
    _same_size_edit(rules_copy / "wdm" / "WDM-002.yaml", title, edited)
    assert _title(load_catalogue(rules_copy)) == edited


def test_a_file_replaced_by_a_copy_with_preserved_times_is_loaded_again(
    cache_dir, rules_copy, settled_soon, tmp_path
):
    path = rules_copy / "wdm" / "WDM-002.yaml"
    title = _title(load_catalogue(rules_copy))
    other = tmp_path / "WDM-002.yaml"
    other.write_text(path.read_text(encoding="utf-8").replace(title, title.upper(), 1))
    os.utime(other, ns=(path.stat().st_atime_ns, path.stat().st_mtime_ns))
    settled_soon()
    load_catalogue(rules_copy)  # trusted by its stat from here on
    shutil.copy2(other, path)  # cp -p: same size, same mtime, other bytes
    assert _title(load_catalogue(rules_copy)) == title.upper()


def test_a_touched_file_is_found_by_its_bytes_without_loading_again(
    cache_dir, rules_copy, settled_soon, monkeypatch
):
    settled_soon()
    first = load_catalogue(rules_copy)
    (rules_copy / "wdm" / "WDM-002.yaml").touch()  # a new checkout of the same files
    monkeypatch.setattr(catalogue_module, "_Loader", None)  # loading would fail
    assert load_catalogue(rules_copy).rules == first.rules


def test_a_new_rule_file_is_loaded_even_when_every_old_stat_is_unchanged(
    cache_dir, rules_copy, settled_soon
):
    settled_soon()
    before = set(load_catalogue(rules_copy).rules)
    source = rules_copy / "wdm" / "WDM-002.yaml"
    added = source.with_name("WDM-902.yaml")
    added.write_text(source.read_text(encoding="utf-8").replace("WDM-002", "WDM-902"))
    assert set(load_catalogue(rules_copy).rules) == before | {"WDM-902"}


def test_the_code_stamp_covers_every_module_a_catalogue_is_made_of():
    # the stamp stats the layers below the engine only: the catalogue must import nothing else
    probe = (
        "import sys, compliance.rules.catalogue\n"
        "print('\\n'.join(m.__file__ for n, m in sys.modules.items()"
        " if n.split('.')[0] == 'compliance'))"
    )
    done = subprocess.run([sys.executable, "-c", probe], capture_output=True, text=True)
    assert done.returncode == 0, done.stderr
    package = Path(kept.__file__).resolve().parent.parent
    stamped = {package / folder for folder in kept._CODE_FOLDERS}
    files = [Path(line).resolve() for line in done.stdout.split()]
    assert files and all(path.parent in stamped for path in files)
