"""The fixed parts of ``report.html``: its style sheet, its script and the words the script
shows. Kept apart from the page's structure (``report_html``) so each reads on its own.

The script is plain ES2017 with no library: it reads the boards from the page's JSON blob,
keeps what the filters select, and renders one page of rows at a time (``PAGE`` boards),
so the cost of a filter is a pass over the data, never thousands of DOM nodes. It writes
text only through ``textContent``: a value from a filing never becomes markup. Its words
come with the data, from the one word table (``page.*`` keys of ``compliance.words``).
"""

from __future__ import annotations

STYLE = """
:root { --ink: #1b1b1b; --muted: #555; --line: #c8c8c8; --soft: #f3f3f3; --accent: #005a9c; }
* { box-sizing: border-box; }
body { font-family: system-ui, sans-serif; margin: 0 auto; padding: 1em 1.2em 3em;
  max-width: 72em; color: var(--ink); line-height: 1.4; overflow-wrap: break-word; }
h1 { font-size: 1.6em; margin: 0.2em 0; }
h2 { margin-top: 2em; border-bottom: 2px solid var(--line); padding-bottom: 0.2em; }
h3 { margin-top: 1.5em; }
a { color: var(--accent); }
.run { color: var(--muted); margin: 0.2em 0 0.8em; }
.notice { background: #fff1c2; border: 2px solid #8a5a00; border-left-width: 8px;
  padding: 0.7em 0.9em; font-size: 1.05em; }
.tiles { display: flex; flex-wrap: wrap; gap: 0.6em; margin: 0.8em 0; padding: 0; }
.tile { border: 1px solid var(--line); border-radius: 6px; padding: 0.4em 0.8em;
  min-width: 9em; flex: 1 1 9em; }
.tile dt { color: var(--muted); font-size: 0.9em; }
.tile dd { margin: 0; font-size: 1.5em; font-weight: 600; font-variant-numeric: tabular-nums; }
.t-findings { border-left: 6px solid #b35900; } .t-compliant { border-left: 6px solid #00734d; }
.t-unreadable, .t-error { border-left: 6px solid #b00020; }
nav ul { list-style: none; padding: 0; display: flex; flex-wrap: wrap; gap: 0.3em 1.2em; }
.table { max-width: 100%; overflow-x: auto; }
table { border-collapse: collapse; margin: 0.6em 0; max-width: 100%; }
th, td { border: 1px solid var(--line); padding: 0.25em 0.5em; text-align: left;
  vertical-align: top; }
th { background: var(--soft); }
td.n, th.n { text-align: right; font-variant-numeric: tabular-nums; white-space: nowrap; }
figure.chart { margin: 0.5em 0 1em; }
svg { display: block; max-width: 100%; height: auto; }
.legend { list-style: none; padding: 0; margin: 0.3em 0; display: flex; flex-wrap: wrap;
  gap: 0.2em 1.2em; }
.key { display: inline-block; width: 1.6em; height: 0.7em; margin-right: 0.4em;
  vertical-align: middle; border-radius: 2px; }
.key.pub { background: transparent !important; border: 2px dashed; height: 0.8em; }
.c0 { background: #0072b2; border-color: #0072b2; }
.c1 { background: #e69f00; border-color: #e69f00; }
.c2 { background: #009e73; border-color: #009e73; }
.c3 { background: #cc79a7; border-color: #cc79a7; }
.c4 { background: #56b4e9; border-color: #56b4e9; }
.c5 { background: #d55e00; border-color: #d55e00; }
.c6 { background: #999999; border-color: #999999; }
.axis-note, .empty, .shown { color: var(--muted); }
ol.notes { color: var(--muted); font-size: 0.92em; margin-top: 0.2em; }
.filters { display: flex; flex-wrap: wrap; gap: 0.6em 1em; align-items: flex-end;
  background: var(--soft); padding: 0.7em; border-radius: 6px; }
.field { display: flex; flex-direction: column; min-width: 9em; flex: 1 1 9em; }
.field.wide { flex: 2 1 14em; }
.field label { font-size: 0.9em; font-weight: 600; }
select, input, button { font: inherit; max-width: 100%; }
select, input { padding: 0.25em; border: 1px solid #767676; border-radius: 3px; background: #fff; }
button { padding: 0.25em 0.7em; border: 1px solid #555; border-radius: 3px; background: #fff;
  cursor: pointer; color: var(--ink); }
button:focus-visible, a:focus-visible, select:focus-visible, input:focus-visible {
  outline: 3px solid #1a73e8; outline-offset: 1px; }
.table td:first-child, td.nw { white-space: nowrap; }
td.any { overflow-wrap: anywhere; }
.boards { width: 100%; }
.boards th.n, .boards tr:not(.detail) > td:first-child { white-space: nowrap; }
.boards th button.sort { border: 0; background: transparent; padding: 0; font-weight: 700;
  text-align: inherit; width: 100%; white-space: normal; }
.boards th[aria-sort="ascending"] button::after { content: " ▲"; }
.boards th[aria-sort="descending"] button::after { content: " ▼"; }
.boards td.name { overflow-wrap: anywhere; }
button.open { border: 0; background: none; color: var(--accent); text-decoration: underline;
  padding: 0; font-variant-numeric: tabular-nums; text-align: left; }
button.open::before { content: "▸ "; text-decoration: none; display: inline-block; }
button.open[aria-expanded="true"]::before { content: "▾ "; }
tr.detail td { background: #fafafa; }
.detail ul { margin: 0.3em 0; padding-left: 1.1em; }
.detail li { margin: 0.4em 0; }
.detail .where { font-weight: 600; }
.detail .facts { color: var(--muted); font-size: 0.92em; }
.detail .waiver { font-style: italic; }
.detail .file { color: var(--muted); font-size: 0.92em; margin: 0.2em 0; }
.sev-error, .sev-violation { color: #a0001c; } .sev-warning { color: #8a4b00; }
.pager { display: flex; gap: 1em; align-items: center; margin: 0.5em 0; }
.sr { position: absolute; width: 1px; height: 1px; overflow: hidden; clip: rect(0 0 0 0);
  white-space: nowrap; }
@media (max-width: 60em) {
  body { padding: 0.6em; }
  .table table { font-size: 0.9em; }
  th, td { padding: 0.2em 0.3em; }
  .table td.n, .table th.n { white-space: normal; }
}
@media print {
  nav, .filters, .pager, noscript, .boards th button.sort::after { display: none; }
  body { max-width: none; padding: 0; font-size: 10pt; }
  h2 { break-after: avoid; } tr, figure { break-inside: avoid; }
  .table { overflow: visible; }
  a, button.open { color: inherit; text-decoration: none; }
}
"""

SCRIPT = r"""
(function () {
  "use strict";
  var D = JSON.parse(document.getElementById("report-data").textContent);
  var W = D.words, RULES = D.rules, BOARDS = D.boards, PAGE = 50;
  var SEV = ["error", "violation", "warning"];
  var fmt = new Intl.NumberFormat(W.locale);
  var ruleIndex = {};
  RULES.forEach(function (r, i) { ruleIndex[r[0]] = i; });
  var el = function (id) { return document.getElementById(id); };
  var NEW = D.baseline, COLUMNS = document.querySelectorAll("#boards thead th").length;
  var state = {
    rule: -1, sev: -1, year: "", type: "", change: "", q: "", key: "total", dir: -1, page: 0
  };
  var open = {};
  var rows = [];
  var names = BOARDS.map(function (b) {
    return ((b[0] || "") + " " + (b[1] || "") + " " + b[2]).toLowerCase();
  });

  function say(text, values) {
    return text.replace(/\{(\w+)\}/g, function (_, k) { return values[k]; });
  }
  function findingsText(n) {
    return n === 1 ? W.finding_one : say(W.finding_many, { n: fmt.format(n) });
  }
  function isNew(b, f) {
    var fresh = NEW && NEW[b[0]];
    return !!fresh && fresh.indexOf(f[9]) >= 0;
  }
  function matches(b, f) {
    return (state.rule < 0 || f[0] === state.rule) && (state.sev < 0 || f[1] === state.sev) &&
      (!state.year || f[4] === state.year) && (!state.type || f[3] === state.type) &&
      (!state.change || (state.change === "new") === isNew(b, f));
  }
  function filtered() {
    var narrowed = state.rule >= 0 || state.sev >= 0 || state.year || state.type || state.change;
    var q = state.q.trim().toLowerCase();
    var out = [];
    for (var i = 0; i < BOARDS.length; i++) {
      if (q && names[i].indexOf(q) < 0) continue;
      var b = BOARDS[i], fs = b[4], c = [0, 0, 0], n = 0, waived = 0, fresh = 0;
      for (var j = 0; j < fs.length; j++) {
        var f = fs[j];
        if (!matches(b, f)) continue;
        if (f[8]) waived++; else { c[f[1]]++; n++; }
        if (isNew(b, f)) fresh++;
      }
      if (narrowed && !n && !waived) continue;
      out.push({ i: i, e: c[0], v: c[1], w: c[2], total: n, waived: waived, "new": fresh });
    }
    var key = state.key, dir = state.dir;
    out.sort(function (a, b) {
      var x, y;
      if (key === "number" || key === "name") {
        var at = key === "number" ? 0 : 1;
        x = BOARDS[a.i][at] || "";
        y = BOARDS[b.i][at] || "";
        var c = x.localeCompare(y, W.locale);
        return c ? c * dir : a.i - b.i;
      }
      return (a[key] - b[key]) * dir || a.i - b.i;
    });
    return out;
  }
  function cell(tr, text, css) {
    var td = document.createElement("td");
    if (css) td.className = css;
    td.textContent = text;
    tr.appendChild(td);
    return td;
  }
  function factText(fact) {
    var value = fact[1] !== null ? fact[1] : fact[2] === null ? W.not_reported : W.nil;
    var where = fact[2] === null ? "" : " (" + W.source_line + " " + fact[2] + ")";
    return fact[0] + " = " + value + where;
  }
  function detail(r) {
    var b = BOARDS[r.i], tr = document.createElement("tr"), td = document.createElement("td");
    tr.className = "detail";
    tr.id = "d-" + r.i;
    td.colSpan = COLUMNS;
    var file = document.createElement("p");
    file.className = "file";
    file.textContent = W.file + ": " + b[2] + " · " + (W.statuses[b[3]] || b[3]);
    td.appendChild(file);
    var list = document.createElement("ul"), shown = 0;
    b[4].forEach(function (f) {
      if (!matches(b, f)) return;
      shown++;
      var li = document.createElement("li"), head = document.createElement("div");
      head.className = "where";
      var sev = document.createElement("span");
      sev.className = "sev-" + SEV[f[1]];
      sev.textContent = W.severities[f[1]];
      var rule = f[0] >= 0 ? RULES[f[0]] : ["?", ""];
      head.appendChild(document.createTextNode(rule[0] + " " + rule[1] + " · "));
      head.appendChild(sev);
      var where = [];
      if (f[2]) where.push(W.school + " " + f[2] + (f[3] ? " (" + f[3] + ")" : ""));
      if (f[4]) where.push(f[4]);
      if (f[5] !== null) where.push(W.line + " " + f[5]);
      if (isNew(b, f)) where.push(W.new_tag);
      if (where.length) head.appendChild(document.createTextNode(" · " + where.join(" · ")));
      li.appendChild(head);
      var msg = document.createElement("div");
      msg.textContent = f[6];
      li.appendChild(msg);
      if (f[8]) {
        var waiver = document.createElement("div");
        waiver.className = "waiver";
        waiver.textContent = W.waived_by + ": " + f[8];
        li.appendChild(waiver);
      }
      if (f[7].length) {
        var facts = document.createElement("div");
        facts.className = "facts";
        facts.textContent = W.facts + ": " + f[7].map(factText).join("; ");
        li.appendChild(facts);
      }
      list.appendChild(li);
    });
    if (shown) td.appendChild(list);
    else { var p = document.createElement("p"); p.textContent = W.no_findings; td.appendChild(p); }
    tr.appendChild(td);
    return tr;
  }
  function render() {
    var pages = Math.max(1, Math.ceil(rows.length / PAGE));
    if (state.page >= pages) state.page = pages - 1;
    var body = document.createDocumentFragment(), start = state.page * PAGE, total = 0;
    rows.forEach(function (r) { total += r.total; });
    rows.slice(start, start + PAGE).forEach(function (r) {
      var b = BOARDS[r.i], tr = document.createElement("tr");
      var first = cell(tr, "", "");
      var button = document.createElement("button");
      button.type = "button";
      button.className = "open";
      button.textContent = b[0] || "–";
      button.setAttribute("aria-expanded", open[r.i] ? "true" : "false");
      button.setAttribute("aria-controls", "d-" + r.i);
      button.setAttribute("aria-label", say(W.open, { board: b[0] || b[2] }));
      button.dataset.index = r.i;
      first.appendChild(button);
      cell(tr, b[1] || b[2], "name");
      cell(tr, fmt.format(r.e), "n");
      cell(tr, fmt.format(r.v), "n");
      cell(tr, fmt.format(r.w), "n");
      cell(tr, fmt.format(r.total), "n");
      cell(tr, fmt.format(r.waived), "n");
      if (NEW) cell(tr, fmt.format(r["new"]), "n");
      body.appendChild(tr);
      if (open[r.i]) body.appendChild(detail(r));
    });
    var tbody = el("boards").tBodies[0];
    tbody.textContent = "";
    if (!rows.length) {
      var tr = document.createElement("tr"), td = cell(tr, W.none_found, "");
      td.colSpan = COLUMNS;
      body.appendChild(tr);
    }
    tbody.appendChild(body);
    el("shown").textContent = say(W.shown, {
      boards: fmt.format(rows.length), all: fmt.format(BOARDS.length), findings: findingsText(total)
    });
    el("page").textContent = say(W.page, { page: state.page + 1, pages: pages });
    el("prev").disabled = state.page === 0;
    el("next").disabled = state.page >= pages - 1;
    document.querySelectorAll("#boards th[data-key]").forEach(function (th) {
      th.setAttribute("aria-sort", th.dataset.key !== state.key ? "none" :
        state.dir > 0 ? "ascending" : "descending");
    });
  }
  function update() { rows = filtered(); render(); }
  function read() {
    var rule = el("f-rule").value, sev = el("f-severity").value;
    state.rule = rule ? (rule in ruleIndex ? ruleIndex[rule] : -2) : -1;
    state.sev = sev ? SEV.indexOf(sev) : -1;
    state.year = el("f-year").value;
    state.type = el("f-type").value;
    state.change = el("f-change") ? el("f-change").value : "";
    state.q = el("f-q").value;
    state.page = 0;
    update();
  }
  ["f-rule", "f-severity", "f-year", "f-type", "f-change"].forEach(function (id) {
    if (el(id)) el(id).addEventListener("change", read);
  });
  el("f-q").addEventListener("input", read);
  el("f-reset").addEventListener("click", function () { setTimeout(read, 0); });
  document.querySelector(".filters").addEventListener("submit", function (e) {
    e.preventDefault();
  });
  el("prev").addEventListener("click", function () { state.page--; render(); });
  el("next").addEventListener("click", function () { state.page++; render(); });
  document.querySelectorAll("#boards th[data-key] button").forEach(function (button) {
    button.addEventListener("click", function () {
      var key = button.parentNode.dataset.key;
      if (state.key === key) state.dir = -state.dir;
      else { state.key = key; state.dir = key === "number" || key === "name" ? 1 : -1; }
      state.page = 0;
      update();
    });
  });
  el("boards").addEventListener("click", function (e) {
    var button = e.target.closest("button.open");
    if (!button) return;
    var i = +button.dataset.index;
    if (open[i]) delete open[i]; else open[i] = true;
    render();
    var again = document.querySelector('button.open[data-index="' + i + '"]');
    if (again) again.focus();
  });
  function fromHash() {
    var m = /^#rule=([A-Z]{3}-\d{3})$/.exec(location.hash);
    if (!m) return;
    el("f-rule").value = m[1];
    read();
    el("explorer").scrollIntoView();
    el("f-rule").focus();
  }
  window.addEventListener("hashchange", fromHash);
  update();
  fromHash();
})();
"""
