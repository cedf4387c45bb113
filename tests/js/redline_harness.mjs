// Runs src/policypress/theme/assets/javascripts/redline.js under Node for tests/test_redline_js.py.
// Reads one JSON request per line and answers each with one JSON line:
//   {"old": <body>, "new": <body>}                  ->  {"html": "...", "count": n, "changes": [...]}
//        a body as body_data writes it (tests/redline_cases/*/old.json)
//   {"pages": {"old": {"data": <redline.json>, "page": "<html>…"}, "new": {…}}}
//                                                   ->  the same, and "bodies": [old, new] as read
//        as the compare view reads them: each version's redline.json and archived page
//   {"a": [...], "b": [...]}                        ->  {"blocks": [[i, j, size], ...]}  (difflib's)
//   {"matching": [[...], [...]]}                    ->  {"blocks": [[i, j, size], ...]}  (the redline's)
//   {"shared": true}                                ->  the names redline.js shares with Python
// Every redline request carries "labels", the redline's Labels ({deleted, inserted, linkChanged}).
// A request that throws is answered with {"error": "..."}.
import { createRequire } from "node:module";
import { createInterface } from "node:readline";

const require = createRequire(import.meta.url);
const redline = require("../../src/policypress/theme/assets/javascripts/redline.js");

function answer(request) {
  if ("a" in request) return { blocks: redline.sequenceMatchingBlocks(request.a, request.b) };
  if ("matching" in request) return { blocks: redline.matchingBlocks(...request.matching) };
  if ("shared" in request) return redline.shared;
  if ("pages" in request) {
    const bodies = ["old", "new"].map((side) => redline.readVersion(request.pages[side].data, request.pages[side].page));
    return { ...redline.renderRedline(...bodies, request.labels), bodies };
  }
  return redline.renderRedline(request.old, request.new, request.labels);
}

for await (const line of createInterface({ input: process.stdin })) {
  let reply;
  try {
    reply = answer(JSON.parse(line));
  } catch (error) {
    reply = { error: String(error && error.stack ? error.stack : error) };
  }
  process.stdout.write(`${JSON.stringify(reply)}\n`);
}
