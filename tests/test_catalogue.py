"""The rule catalogue as data: bad files stop loading with file and field named, a new rule
is a new file and no Python, and parameters and reference data hold by date."""

from __future__ import annotations

import re
import shutil
import textwrap
from pathlib import Path

import pytest
from conftest import RULES_DIR, SAMPLES

from compliance.check import Checker
from compliance.datafiles import DataFileError
from compliance.engine import make_engine
from compliance.resources import rules_dir
from compliance.rules import load_catalogue


@pytest.fixture
def rules_copy(tmp_path: Path) -> Path:
    """A private copy of the shipped rules/ a test may change."""
    target = tmp_path / "rules"
    shutil.copytree(RULES_DIR or rules_dir(), target)
    return target


def _edit(path: Path, old: str, new: str) -> None:
    text = path.read_text(encoding="utf-8")
    assert old in text
    path.write_text(text.replace(old, new, 1), encoding="utf-8")


@pytest.mark.parametrize(
    ("old", "new", "field"),
    [
        ("severity: violation", "severity: fatal", "severity"),
        (
            "when: staff_council_consent is not true",
            "when: staff_council_consnet is not true",
            "when",
        ),
        ("when: staff_council_consent is not true", "when: staff_council_consent > 1", "when"),
        ("(gemeld: {staff_council_consent})", "(gemeld: {consent})", "message"),
        ("id: WDM-002", "id: WDM-003", "id"),
        ("  nl: P-MR heeft ingestemd", "  du: P-MR heeft ingestemd", "title"),
        ('{nl: "instemming gemeld", en: "consent reported"}', '{nl: "instemming gemeld"}', "name"),
    ],
)
def test_a_broken_rule_file_is_named_with_its_field(rules_copy, old, new, field):
    broken = rules_copy / "wdm" / "WDM-002.yaml"
    _edit(broken, old, new)
    with pytest.raises(DataFileError) as raised:
        load_catalogue(rules_copy)
    assert raised.value.path == broken
    assert field in str(raised.value)
    assert "\n" not in str(raised.value)


def test_the_cli_says_in_one_line_which_rule_file_is_broken(rules_copy, cli):
    _edit(rules_copy / "npo" / "NPO-004.yaml", "about: line", "about: school")
    result = cli("rules", "list", "--rules-dir", rules_copy)
    assert result.exit_code == 2
    message = result.stderr.strip()
    assert len(message.splitlines()) == 1
    assert "NPO-004.yaml" in message and "about" in message


def test_a_duplicate_rule_id_is_an_error(rules_copy):
    (rules_copy / "extra").mkdir()
    shutil.copy(rules_copy / "wdm" / "WDM-001.yaml", rules_copy / "extra" / "WDM-001.yaml")
    with pytest.raises(DataFileError, match="duplicate id WDM-001"):
        load_catalogue(rules_copy)


def test_invalid_yaml_names_the_line(rules_copy):
    (rules_copy / "wdm" / "WDM-001.yaml").write_text("id: WDM-001\ntitle: [unclosed\n")
    with pytest.raises(DataFileError, match="line"):
        load_catalogue(rules_copy)


NEW_RULE = """\
    id: WDM-900
    scheme: wdm
    about: plan
    title:
      nl: Alle vier bestedingscategorieën ingevuld
      en: All four spending categories filled in
    severity: warning
    when: spending_categories_reported < 4
    message:
      nl: "Slechts {spending_categories_reported} van de vier categorieën zijn ingevuld."
      en: "Only {spending_categories_reported} of the four categories are filled in."
    source: {file: reviewer-note.txt, passage: "vul alle categorieën in"}
    case_defaults:
      facts: {WorkloadFundsReceived: 1000, WorkloadSpendingPersonnel: 1000}
    cases:
      - name: one category
        fires: true
      - name: all four
        facts:
          WorkloadSpendingMaterials: 0
          WorkloadSpendingProfessionalisation: 0
          WorkloadSpendingOther: 0
        fires: false
"""


def test_a_new_rule_is_a_new_file_and_fires_without_python_changes(
    rules_copy, cli, filing, board_spec, tmp_path
):
    (rules_copy / "wdm" / "WDM-900.yaml").write_text(textwrap.dedent(NEW_RULE))
    catalogue = load_catalogue(rules_copy)
    assert "WDM-900" in catalogue.rules

    result = Checker(catalogue, make_engine("python")).check_bytes(filing(board_spec), "x")
    fired = [f for f in result.findings if f.rule == "WDM-900"]
    assert [(f.school, f.school_year, f.severity) for f in fired] == [
        ("12AB", "2022-2023", "warning")
    ]

    assert "WDM-900" in cli("rules", "list", "--rules-dir", rules_copy).stdout
    tested = cli("rules", "test", "WDM-900", "--rules-dir", rules_copy)
    assert tested.exit_code == 0, tested.stdout
    assert "2 van 2 gevallen slagen" in tested.stdout
    # its cases are named in one language: that name is shown in both
    assert "ok    WDM-900  one category" in tested.stdout.splitlines()
    english = cli("rules", "test", "WDM-900", "--rules-dir", rules_copy, "--lang", "en")
    assert "ok    WDM-900  one category" in english.stdout.splitlines()


def test_a_failing_case_says_what_it_expected_and_got_in_the_language_asked(rules_copy, cli):
    """A rule author reads the whole line of `rules test` in one language: the case's name,
    what it expects and what the check gave."""
    _edit(
        rules_copy / "wdm" / "WDM-002.yaml",
        '{nl: "instemming gemeld", en: "consent reported"}\n    fires: false',
        '{nl: "instemming gemeld", en: "consent reported"}\n    fires: true',
    )
    dutch = cli("rules", "test", "WDM-002", "--rules-dir", rules_copy)
    assert dutch.exit_code == 1
    assert (
        "FOUT  WDM-002  instemming gemeld: verwacht 1 bevinding, gekregen geen bevinding"
        in dutch.stdout.splitlines()
    )
    english = cli("rules", "test", "WDM-002", "--rules-dir", rules_copy, "--lang", "en")
    assert (
        "FAIL  WDM-002  consent reported: expected 1 finding, got no finding"
        in english.stdout.splitlines()
    )


def test_a_parameter_change_holds_from_its_date_on(rules_copy, filing, board_spec):
    """Lower the NPO external-share signal to 20% from 2023/24: 22% external is then a
    signal in 2023/24 but not in 2022/23."""
    _edit(
        rules_copy / "parameters.yaml",
        "    2021-08-01: 0.25\n",
        "    2021-08-01: 0.25\n    2023-08-01: 0.20\n",
    )
    year = board_spec["schools"][0]["years"].pop("2022-2023")
    year["lines"] = [
        {
            "NpoInterventionCode": "B3",
            "NpoInterventionSpending": "100",
            "NpoInterventionExternalSpending": "22",
        }
    ]
    board_spec["schools"][0]["years"] = {"2022-2023": year, "2023-2024": year}
    checker = Checker(load_catalogue(rules_copy), make_engine("python"))
    result = checker.check_bytes(filing(board_spec), "x")
    signalled = [f.school_year for f in result.findings if f.rule == "NPO-007"]
    assert signalled == ["2023-2024"]


def test_without_a_year_a_condition_shows_a_parameter_that_never_changed_by_its_value(
    rules_copy, cli
):
    def finding_when() -> str:
        shown = cli("rules", "show", "NPO-007", "--rules-dir", rules_copy).stdout
        return next(line for line in shown.splitlines() if "Bevinding als:" in line)

    assert "is meer dan 25% (npo.external_share.signal)" in finding_when()
    _edit(
        rules_copy / "parameters.yaml",
        "    2021-08-01: 0.25\n",
        "    2021-08-01: 0.25\n    2023-08-01: 0.20\n",
    )
    changed = finding_when()  # which value holds depends on the year: named, not guessed
    assert "is meer dan npo.external_share.signal " in changed and "25%" not in changed
    assert "is ten hoogste 50% (npo.external_share.limit)" in changed


def test_a_parameter_source_is_written_once_or_per_language(rules_copy):
    """An author may write where a value comes from once, for both languages, or per
    language; the rule page shows the reader's."""
    _edit(
        rules_copy / "parameters.yaml",
        '    en: "reviewer convention of DUO; the sources give no number"\n',
        '    en: "reviewer convention of DUO"\n',
    )
    path = rules_copy / "parameters.yaml"
    text = path.read_text(encoding="utf-8")
    hours = text.index("adw.max_hours_per_month:")
    block = re.compile(r"  source:\n    nl: .*\n    en: .*\n")
    path.write_text(
        text[:hours] + block.sub('  source: "one text"\n', text[hours:], count=1),
        encoding="utf-8",
    )
    parameters = load_catalogue(rules_copy).parameters
    tolerance = parameters["wdm.spending_tolerance"].source
    assert tolerance.en == "reviewer convention of DUO"
    assert tolerance.nl.startswith("werkafspraak van de beoordelaars")
    assert parameters["adw.max_hours_per_month"].source == ("one text", "one text")


def test_a_reference_dir_replaces_the_allowance_list(tmp_path, filing, board_spec):
    year = board_spec["schools"][0]["years"]["2022-2023"]
    year["facts"]["LabourMarketAllowancePaid"] = "5000"
    shipped = Checker(load_catalogue(), make_engine("python")).check_bytes(filing(board_spec), "x")
    assert "NPO-009" not in {f.rule for f in shipped.findings}  # 12AB is on the sample list

    (tmp_path / "arbeidsmarkttoelage.csv").write_text("school_year,brin\n2022-2023,99ZZ\n")
    replaced = load_catalogue(reference_dir=tmp_path)
    result = Checker(replaced, make_engine("python")).check_bytes(filing(board_spec), "x")
    assert [f.rule for f in result.findings] == ["NPO-009"]
    assert replaced.version != load_catalogue().version


@pytest.mark.parametrize(
    ("content", "problem"),
    [
        ("school,brin\n2022-2023,12AB\n", "line 1"),
        ("school_year,brin\n2022/2023,12AB\n", "line 2"),
        ("school_year,brin\n2022-2023,12AB\n2022-2023,12ab\n", "line 3"),
    ],
)
def test_a_bad_allowance_list_is_named_with_its_line(tmp_path, cli, content, problem):
    (tmp_path / "arbeidsmarkttoelage.csv").write_text(content)
    with pytest.raises(DataFileError, match=problem):
        load_catalogue(reference_dir=tmp_path)


def test_the_menukaart_version_follows_the_school_year(catalogue):
    """2021/22 uses the 2021 menukaart, from 2022/23 the 2022 one: B10 is on it only then."""
    calendar = catalogue.domain.calendar
    in_force = {
        label: catalogue.menukaart.version_on(calendar.year_of_label(label).first_day)
        for label in ("2021-2022", "2022-2023", "2024-2025")
    }
    assert {label: version.name for label, version in in_force.items()} == {
        "2021-2022": "2021",
        "2022-2023": "2022",
        "2024-2025": "2022",
    }
    assert "B10" not in in_force["2021-2022"].doelgebied_of
    assert in_force["2022-2023"].doelgebied_of["B10"] == "B"


def test_every_concept_is_declared_once_with_its_meaning_in_both_languages(taxonomy, catalogue):
    """The taxonomy schema is the one place a reported concept is declared: the model's plan
    fields and the rules' plain fields come from it, with its Dutch and English meaning."""
    plans = {
        "workload": "wdm_plan",
        "professionalisation": "prb_plan",
        "npo": "npo_plan",
        "line": "npo_line",
        "other_professionals": "adw_plan",
    }
    for concept in taxonomy.concepts.values():
        assert concept.label("nl") != concept.name and concept.label("en") != concept.name
        if concept.plan is None:
            continue
        spec = catalogue.kinds[plans[concept.plan]].fields[concept.field]
        assert spec.cites == (concept.name,)
        assert (spec.describe.nl, spec.describe.en) == (concept.label("nl"), concept.label("en"))


def test_every_field_a_rule_can_name_says_what_it_means(catalogue):
    for kind in catalogue.kinds.values():
        for spec in kind.fields.values():
            assert spec.describe.nl and spec.describe.en, (kind.name, spec.name)


def test_the_rule_set_is_the_same_wherever_the_rules_and_reference_data_are(tmp_path):
    """Every result names its rule set, so that it can be traced to the rules and reference
    data that made it and --resume knows what to redo: the same files in other folders
    (another installation, a reference folder moved) are the same rule set."""
    reference = tmp_path / "m-reference"
    reference.mkdir()
    shutil.copy(SAMPLES / "reference" / "arbeidsmarkttoelage.csv", reference)
    versions = set()
    for place in ("a", "zz"):  # one before the reference folder's path, one after
        copy = tmp_path / place / "rules"
        shutil.copytree(RULES_DIR or rules_dir(), copy)
        versions.add(load_catalogue(copy, reference).version)
    assert len(versions) == 1


def test_an_identifier_pattern_with_alternatives_matches_a_whole_identifier(rules_copy):
    # "A|B" followed by \Z anchored only B: 12345X passed as a board number by A
    _edit(rules_copy / "domain.yaml", 'pattern: "[0-9]{5}"', 'pattern: "[0-9]{5}|[A-Z]{5}"')
    domain = load_catalogue(rules_copy).domain
    assert domain.board_pattern.match("12345") and domain.board_pattern.match("ABCDE")
    assert not domain.board_pattern.match("12345X")
