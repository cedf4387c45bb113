// The conformance cases of tests/redline_cases/, run through redline.js alone: no Python.
// Each case's old.json and new.json are two versions' redline.json as the build publishes them;
// the compare view must render expected.html from them and list expected.json's changes
// (anchors and sections).
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
const read = (name, file) => readFileSync(join(CASES, name, file), "utf8");
const names = readdirSync(CASES).filter((name) => existsSync(join(CASES, name, "expected.json"))).sort();

test("the shared cases are there", () => {
  assert.ok(names.length >= 30, `only ${names.length} cases in ${CASES}`);
});

for (const name of names) {
  const expected = JSON.parse(read(name, "expected.json"));
  test(`${name}: ${expected.about}`, () => {
    const result = redline.renderRedline(JSON.parse(read(name, "old.json")), JSON.parse(read(name, "new.json")));
    assert.equal(result.html, read(name, "expected.html"));
    assert.equal(result.count, expected.count);
    // The compare view lists the changes by section as a changes page does.
    const sections = expected.changes.map(({ anchor, section_id, section_title }) => ({ anchor, section_id, section_title }));
    assert.deepEqual(result.changes, sections);
  });
}

// What the compare view says when the two files cannot be redlined together

const someCase = names[0];
const caseData = (file) => JSON.parse(read(someCase, file));

test("a redline.json of another format is refused", () => {
  const old = { ...caseData("old.json"), format: 1 };
  assert.throws(() => redline.renderRedline(old, caseData("new.json")), /format this page cannot read/);
});

test("a redline.json without tunables is refused", () => {
  const { tunables, ...old } = caseData("old.json");
  assert.ok(tunables);
  assert.throws(() => redline.renderRedline(old, caseData("new.json")), /format this page cannot read/);
});

test("versions published with different tunables are not redlined together", () => {
  const old = caseData("old.json");
  old.tunables = { ...old.tunables, similarity: old.tunables.similarity / 2 };
  assert.throws(() => redline.renderRedline(old, caseData("new.json")), /different builds/);
});
