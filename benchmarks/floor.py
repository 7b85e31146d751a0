"""The floor: what judging a batch costs at the very least. Parse every filing with lxml
(with the checker's safe parser settings) and walk every fact, touching its concept,
context, unit and value, in ``--jobs`` processes. Nothing is judged.

    python benchmarks/floor.py --jobs 2 DIR_OR_FILES...

Prints one JSON object: files, facts, and the seconds spent in the walk itself.
"""

from __future__ import annotations

import argparse
import json
import multiprocessing
import os
import time

from lxml import etree

TAXONOMY = "{urn:bestedingsplannen:taxonomie:2024}"


def _parser() -> etree.XMLParser:
    return etree.XMLParser(
        resolve_entities=False,
        no_network=True,
        load_dtd=False,
        huge_tree=False,
        collect_ids=False,
        remove_pis=True,
    )


def walk(path: str) -> int:
    """Parse one filing and visit every fact; returns how many facts it has."""
    with open(path, "rb") as handle:
        root = etree.fromstring(handle.read(), _parser())
    facts = 0
    for element in root:
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(TAXONOMY):
            element.get("contextRef")
            element.get("unitRef")
            (element.text or "").strip()
            facts += 1
    return facts


def walk_all(paths: list[str]) -> int:
    return sum(map(walk, paths))


def inputs(paths: list[str]) -> list[str]:
    found = []
    for given in paths:
        if os.path.isdir(given):
            for root, _dirs, files in os.walk(given):
                found += [os.path.join(root, f) for f in files if f.endswith((".xbrl", ".xml"))]
        else:
            found.append(given)
    return sorted(found)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("paths", nargs="+")
    parser.add_argument("--jobs", type=int, default=1)
    args = parser.parse_args()
    files = inputs(args.paths)
    start = time.perf_counter()
    if args.jobs == 1:
        facts = walk_all(files)
    else:  # one interleaved share per process: no traffic while they work
        shares = [files[start :: args.jobs] for start in range(args.jobs)]
        with multiprocessing.get_context("fork").Pool(args.jobs) as pool:
            facts = sum(pool.map(walk_all, shares))
    seconds = time.perf_counter() - start
    print(json.dumps({"files": len(files), "facts": facts, "seconds": seconds}))


if __name__ == "__main__":
    main()
