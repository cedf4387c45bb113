// The conformance cases of tests/redline_cases/, run through redline.js alone: no Python.
// Each case's old.json and new.json are two versions' bodies as body.py's body_data writes them;
// the compare view must parse old.html and new.html into the same blocks, render expected.html
// from them and list expected.json's changes (anchors and sections).
// Run with `node --test tests/js/` (tests/test_redline_js.py does, so pytest runs it too).
import assert from "node:assert/strict";
import { readdirSync, readFileSync, existsSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { test } from "node:test";
import { fileURLToPath } from "node:url";

const require = createRequire(import.meta.url);
const redline = require("../../src/policypress/theme/assets/javascripts/redline.js");

const CASES = fileURLToPath(new URL("../redline_cases/", import.meta.url));
// The redline's labels, as a page hands them over: the English catalog's (src/policypress/words/en.yml).
const catalog = readFileSync(new URL("../../src/policypress/words/en.yml", import.meta.url), "utf8");
const message = (key) => JSON.parse(catalog.match(new RegExp(`^${key}: (".*")$`, "m"))[1]);
const LABELS = { deleted: message("redline_deleted"), inserted: message("redline_inserted"),
  linkChanged: message("redline_link_changed") };
const read = (name, file) => readFileSync(join(CASES, name, file), "utf8");
const names = readdirSync(CASES).filter((name) => existsSync(join(CASES, name, "expected.json"))).sort();

// A version's redline.json as published_data writes it, and its archived page: the text in two
// marked pieces around the version line, amid markup of the theme's own.
const MARKERS = ["<!-- text -->", "<!-- /text -->"];
function published(body) {
  return { format: redline.shared.dataFormat, tunables: body.tunables, text: "/s/versions/2024-01-01/",
    markers: MARKERS, references: body.references };
}
function page(html) {
  const [start, end] = MARKERS;
  const headingEnd = html.indexOf("</h1>");
  const split = headingEnd < 0 ? 0 : headingEnd + "</h1>".length;
  const [heading, rest] = [html.slice(0, split), html.slice(split)];
  return `<html><body><nav id="nav"><!-- nav --><p>Home &amp; away</p></nav><article>${start}${heading}${end}` +
    `<p class="pp-version-line">Version 2024-01-01</p>${start}${rest}${end}</article></body></html>`;
}

test("the shared cases are there", () => {
  assert.ok(names.length >= 30, `only ${names.length} cases in ${CASES}`);
});

for (const name of names) {
  const expected = JSON.parse(read(name, "expected.json"));
  const bodies = ["old", "new"].map((side) => JSON.parse(read(name, `${side}.json`)));
  const check = (result) => {
    assert.equal(result.html, read(name, "expected.html"));
    assert.equal(result.count, expected.count);
    // The compare view lists the changes by section as a changes page does.
    const sections = expected.changes.map(({ anchor, section_id, section_title }) => ({ anchor, section_id, section_title }));
    assert.deepEqual(result.changes, sections);
  };

  test(`${name}: ${expected.about}`, () => check(redline.renderRedline(...bodies, LABELS)));

  test(`${name}: the HTML parses into the build's blocks`, () => {
    ["old", "new"].forEach((side, index) => {
      const parsed = redline.parseBody(read(name, `${side}.html`), bodies[index].references);
      assert.deepEqual(parsed.blocks, bodies[index].blocks);
      assert.deepEqual([...parsed.ids].sort(), [...bodies[index].ids].sort());
    });
  });

  test(`${name}: read from the archived pages, the same redline`, () => {
    const versions = ["old", "new"].map((side, index) => redline.readVersion(published(bodies[index]), page(read(name, `${side}.html`))));
    check(redline.renderRedline(...versions, LABELS));
  });
}

// What the compare view says when the two versions cannot be redlined together

const someCase = names[0];
const caseData = (file) => JSON.parse(read(someCase, file));
const casePage = (side) => page(read(someCase, `${side}.html`));

test("a redline.json of another format is refused", () => {
  const data = { ...published(caseData("old.json")), format: 2 };
  assert.throws(() => redline.readVersion(data, casePage("old")), /compare_unreadable/);
});

test("a redline.json without tunables or markers is refused", () => {
  for (const missing of ["tunables", "markers", "references"]) {
    const { [missing]: dropped, ...data } = published(caseData("old.json"));
    assert.ok(dropped);
    assert.throws(() => redline.readVersion(data, casePage("old")), /compare_unreadable/);
  }
});

test("a page without marked text is refused", () => {
  const data = published(caseData("old.json"));
  assert.throws(() => redline.readVersion(data, read(someCase, "old.html")), /compare_stale/);
});

test("a page with a character reference its redline.json does not list is refused", () => {
  const data = published(caseData("old.json"));
  assert.throws(() => redline.readVersion(data, page("<p>Fish &amp; chips</p>")), /compare_stale/);
});

test("versions published with different tunables are not redlined together", () => {
  const old = caseData("old.json");
  old.tunables = { ...old.tunables, similarity: old.tunables.similarity / 2 };
  assert.throws(() => redline.renderRedline(old, caseData("new.json"), LABELS), /compare_stale/);
});
