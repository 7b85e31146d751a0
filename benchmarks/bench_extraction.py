"""Reading facts out of the parsed tree: a Python walk over the root's children against an
XSLT stylesheet that flattens them into one string in C (issue 13, item 5).

    .venv/bin/python benchmarks/bench_extraction.py [--boards 2000] [--files 600]

Both contenders start from the same parsed trees (the checker's safe parser) and give, per
fact of the taxonomy, its concept, contextRef, unitRef, decimals, xsi:nil, whether it has
child elements, and its text. The walk also gets each fact's source line, which findings
cite and which XSLT cannot see (it would need a second walk). Prints CPU milliseconds per
filing for each, interleaved over three rounds, and whether both extracted the same facts.
The reader keeps whichever is faster and as exact: the walk. (A stylesheet writing tabs and
newlines between the fields ran at about the walk's speed, but it is not exact: any
character XML allows, those two included, can be in a value.)
"""

from __future__ import annotations

import time

from common import bench_options, median, prepared_corpus
from lxml import etree

from compliance.read.safety import ReadLimits, load_xml
from compliance.read.taxonomy import load_taxonomy

XSI_NIL = "{http://www.w3.org/2001/XMLSchema-instance}nil"
ATTRIBUTES = ("@contextRef", "@unitRef", "@decimals", "@xsi:nil")


def stylesheet(namespace: str) -> etree.XSLT:
    """Any character XML 1.0 allows can be in a value, so no separator is safe: each fact
    is written as a head of names and numbers (its concept; per attribute whether it is
    there and its length; its child elements; its text's length) on one line, then the
    values themselves, which the lengths cut apart exactly."""
    numbers = [f"count({a})" for a in ATTRIBUTES] + [f"string-length({a})" for a in ATTRIBUTES]
    numbers += ["count(*)", "string-length(.)"]
    head = "<xsl:text> </xsl:text>".join(
        f'<xsl:value-of select="{select}"/>' for select in ("local-name()", *numbers)
    )
    values = "".join(f'<xsl:value-of select="{select}"/>' for select in (*ATTRIBUTES, "."))
    source = f"""<xsl:stylesheet version="1.0"
        xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
        xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
      <xsl:output method="text" encoding="utf-8"/>
      <xsl:template match="/*">
        <xsl:for-each select="*[namespace-uri() = '{namespace}']">
          {head}<xsl:text>&#xA;</xsl:text>{values}
        </xsl:for-each>
      </xsl:template>
    </xsl:stylesheet>"""
    return etree.XSLT(etree.XML(source.encode()))


def by_xslt(transform: etree.XSLT, root: etree._Element) -> list[tuple]:
    text = str(transform(root))
    facts = []
    position = 0
    while position < len(text):
        newline = text.index("\n", position)
        concept, *numbers = text[position:newline].split(" ")
        present, lengths = numbers[:4], [int(n) for n in numbers[4:8]]
        children, text_length = numbers[8], int(numbers[9])
        position = newline + 1
        values = []
        for there, length in zip(present, lengths, strict=True):
            values.append(text[position : position + length] if there == "1" else None)
            position += length
        value = text[position : position + text_length]
        position += text_length
        facts.append((concept, *values, children != "0", value))
    return facts


def by_walk(prefix: str, root: etree._Element) -> list[tuple]:
    facts = []
    cut = len(prefix)
    for element in root:
        tag = element.tag
        if isinstance(tag, str) and tag.startswith(prefix):
            get = element.get
            has_children = len(element) > 0
            text = "".join(element.itertext()) if has_children else element.text or ""
            facts.append((tag[cut:], get("contextRef"), get("unitRef"), get("decimals"),
                          get(XSI_NIL), has_children, text, element.sourceline))
    return facts


def cpu_ms(function, roots: list) -> tuple[float, list]:
    start = time.process_time()
    found = [function(root) for root in roots]
    return 1000 * (time.process_time() - start) / len(roots), found


def main() -> None:
    args = bench_options(__doc__, 2000, files={"type": int, "default": 600}).parse_args()
    _folder, paths = prepared_corpus(args.boards, "Facts out of the tree: Python walk or XSLT")
    namespace = load_taxonomy().namespace
    limits = ReadLimits()
    roots = [load_xml(path.read_bytes(), limits) for path in paths[: args.files]]
    transform = stylesheet(namespace)
    walk = lambda root: by_walk(f"{{{namespace}}}", root)  # noqa: E731
    xslt = lambda root: by_xslt(transform, root)  # noqa: E731
    rounds: dict[str, list[float]] = {"walk": [], "xslt": []}
    for _ in range(3):
        walk_ms, walked = cpu_ms(walk, roots)
        xslt_ms, flattened = cpu_ms(xslt, roots)
        rounds["walk"].append(walk_ms)
        rounds["xslt"].append(xslt_ms)
    same = all(
        [fact[:7] for fact in one] == other for one, other in zip(walked, flattened, strict=True)
    )
    facts = sum(len(found) for found in walked)
    print(f"{len(roots)} filings, {facts} facts; CPU ms per filing, medians of 3 rounds")
    print(f"  Python walk (with source lines): {median(rounds['walk']):6.3f}")
    print(f"  XSLT to one string, split:       {median(rounds['xslt']):6.3f} (no source lines)")
    print(f"  same facts and values: {'yes' if same else 'NO'}")


if __name__ == "__main__":
    main()
