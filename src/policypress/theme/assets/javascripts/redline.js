/*
 * policypress redline: step through changes, show changes only, and compare any two versions.
 *
 * On a redline page the build has already rendered the redline (src/policypress/redline/).
 * On the compare page this script fetches two versions' archived pages and their redline.json
 * (written by the build from `published_data`) and renders their redline here, with a port of
 * the same algorithm: the same parser (the archived page's marked pieces, joined, are the HTML
 * the build parsed), the same blocks, the same matching (anchors, then difflib), the same HTML,
 * byte for byte. The work runs in a Web Worker running this same file (its core, no DOM), started
 * as soon as the compare view is parsed: compare.html loads this script right after the view,
 * before the theme's scripts, so the redline is made while the browser is still loading the theme.
 * The tunables (similarity threshold, kept runs, slivers, pairing window, key and
 * anchor formats), the markers and the text's character references have no copy here: each
 * redline.json carries them (redline/tunables.py, redline/body.py). Change the algorithm in one
 * place and change it in the other; the cases in tests/redline_cases/ run through both (pytest
 * and `node --test tests/js/`), and tests/test_redline_js.py compares both on generated edits.
 *
 * No dependencies and no requests beyond this site's own pages and redline.json files. Under
 * Node the core is exported for those tests and nothing touches the DOM.
 *
 * It has no words of its own: every word it writes, the labels inside a redline included, is the
 * page's, from the catalog of the page's language (src/policypress/words/), which redline-nav.html
 * writes into the page with the messages' {fields} still in them (Words.for_script):
 *
 *   <script type="application/json" class="pp-words">{"lang": "en", "messages": {key: message}}</script>
 *
 * A plural message is its forms by plural category, chosen by the browser's Intl.PluralRules (the
 * CLDR rules Babel gives the build). The core below takes the redline's labels as an argument and
 * throws errors whose message is a catalog key (refusal), which the page says in its words.
 *
 * Markup it works with, as the templates in theme/partials/policypress/ write it. redline-nav.html:
 *
 *   <nav class="pp-redline-nav" aria-label="…" hidden>       shown once this script runs
 *     <button type="button" class="md-button pp-redline-prev">…</button>     previous change
 *     <button type="button" class="md-button pp-redline-next">…</button>     next change
 *     <button type="button" class="md-button pp-redline-only" aria-pressed="false">…</button>
 *     <span class="pp-redline-position" aria-live="polite"></span>
 *   </nav>
 *   <script type="application/json" class="pp-words">…</script>
 *
 * then, on a changes page (changes.html), <div class="pp-redline">…Redline.html…</div>; on the
 * compare page (/<slug>/versions/compare/?from=YYYY-MM-DD&to=YYYY-MM-DD, compare.html), after
 * the form.pp-compare-form with its select[name=from] and select[name=to]:
 *
 *   <div class="pp-compare" data-pp-data="…/{version}/redline.json" data-pp-text="…/{version}/">
 *                                                  {version}: a version's number; the second, its archived page
 *     <noscript><p>…Comparing any two versions needs JavaScript…</p></noscript>
 *     <p class="pp-compare-status" role="status"></p>
 *     <template class="pp-compare-version" data-version="…">…</template>   one per version
 *     <div class="pp-changes-summary pp-compare-summary" hidden>…versions, count, sections, key…</div>
 *     the nav above, then <div class="pp-redline"></div>
 *   </div>
 *
 * The navigation shows only while there are changes. Its position reads "Change 3 of 12" once the
 * reader has moved, "12 changes" or "1 change" before, "No changes" if none (in the page's words).
 *
 * The compare view always shows the older version first (it swaps from and to if need be, and
 * says so), then fills and shows its div.pp-compare-summary, a changes page's header: into
 * .pp-compare-from and .pp-compare-to a copy of <template class="pp-compare-version"
 * data-version="…"> (one per version, each the line a changes page writes for it), into
 * .pp-compare-count the count, and into details.pp-changes-toc's list the changes by section,
 * shown only when there are changes.
 */
(function (root) {
  "use strict";

  /* ---------------------------------------------------------------------------------------
   * Names shared with src/policypress/redline/ (tests/test_redline_js.py checks they agree).
   * The tunables are not here: they come with each redline.json (readTunables).
   * ------------------------------------------------------------------------------------- */

  const DATA_FORMAT = 3;
  const BLOCK_TAGS = new Set(
    ("address article aside blockquote caption dd details div dl dt figcaption figure footer " +
      "h1 h2 h3 h4 h5 h6 header hr li main nav ol p pre section summary table tbody td tfoot th " +
      "thead tr ul").split(" "),
  );
  const VOID_TAGS = new Set("area base br col embed hr img input link meta source track wbr".split(" "));
  const HEADINGS = new Set(["h1", "h2", "h3", "h4", "h5", "h6"]);
  const CELLS = new Set(["td", "th"]);
  const MARKS = { deleted: "del", inserted: "ins" };
  const LINK_CHANGED = "pp-link-changed";
  const LINK_NOTE = "pp-link-note";
  const LINK_NOTE_SEPARATOR = "; ";
  const isMarked = (status) => status === "deleted" || status === "inserted";
  const BLOCK_CLASSES = {
    unchanged: "pp-unchanged",
    deleted: "pp-block-del",
    inserted: "pp-block-ins",
  };
  // A table with changes inside it: every table of a redline has a class (rendering.EDITED_TABLE).
  const EDITED_TABLE = "pp-edited";

  /* ---------------------------------------------------------------------------------------
   * A version's body, parsed from its archived page as redline/body.py parses its HTML
   * ------------------------------------------------------------------------------------- */

  // body.py's patterns, expression for expression. Its \s is Python's whitespace, which is not
  // JavaScript's (Python's has \x1c-\x1f and \x85, not \ufeff): spelled out.
  const SPACE = "\\t\\n\\v\\f\\r\\x1c-\\x20\\x85\\xa0\\u1680\\u2000-\\u200a\\u2028\\u2029\\u202f\\u205f\\u3000";
  const LEXEME = new RegExp(
    "<!--.*?-->|<[!?][^>]*>" + // comments and declarations: skipped
      `|<(/?)([A-Za-z][^${SPACE}/>]*)((?:[^>"'/]|"[^"]*"|'[^']*'|/(?!>))*)(/?)>` + // tags
      "|([^<]+|<)", // text, and a stray "<"
    "gs",
  );
  const ATTR = new RegExp(`([^${SPACE}"'>/=]+)(?:[${SPACE}]*=[${SPACE}]*(?:"([^"]*)"|'([^']*)'|([^${SPACE}>]+)))?`, "g");
  const CLASS_SEPARATOR = new RegExp(`[${SPACE}]+`);
  // A character reference as Python's html.unescape finds one; `u` counts its 32 in code points.
  const CHARREF = /&(#[0-9]+;?|#[xX][0-9a-fA-F]+;?|[^\t\n\f <&#;]{1,32};?)/gu;
  const SPACE_RUN = /[ \t\n\r\f]+/;
  const PRE_WORD = /[ \t\n\r\f]+|[^ \t\n\r\f]+[ \t\n\r\f]*/g;

  /** An error the compare view reports in the page's words: its message is the catalog's key for them,
   * with the message's {fields} in ``values``. */
  function refusal(key, values) {
    const error = new Error(key);
    error.key = key;
    error.values = values || {};
    return error;
  }

  /** A catalog message with its {fields} filled in, as words.py's Words fills them (values are not read
   * for fields again); a field it is not given stays as it is. */
  function fill(message, values) {
    return message.replace(/\{(\w+)\}/g, (field, name) => (name in values ? String(values[name]) : field));
  }

  function escapeText(text) {
    return text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");
  }

  function escapeAttr(value) {
    return escapeText(value).replace(/"/g, "&quot;");
  }

  function openTag(name, attrs, isVoid) {
    const attributes = attrs.map(([attr, value]) => ` ${attr}="${escapeAttr(value)}"`).join("");
    return `<${name}${attributes}${isVoid ? " /" : ""}>`;
  }

  /** The last value of an attribute, as Python's dict(attrs).get(name) gives it. */
  function attrValue(attrs, name) {
    let found;
    for (const [attr, value] of attrs) if (attr === name) found = value;
    return found;
  }

  function tag(name, attrs) {
    return { name, attrs, opening: openTag(name, attrs, false) };
  }

  /** A version's body from its redline.json and the source of its archived page, as body.py's
   * body_data writes it: {tunables, references, ids, blocks}. */
  function readVersion(data, page) {
    if (!data || data.format !== DATA_FORMAT || !data.tunables || !Array.isArray(data.markers) || !data.references) {
      throw refusal("compare_unreadable");
    }
    const [start, end] = data.markers;
    // The page's pieces between the markers, joined, are the text the build parsed (views.Body).
    const pieces = [];
    for (let at = page.indexOf(start); at >= 0; ) {
      const close = page.indexOf(end, at + start.length);
      if (close < 0) break;
      pieces.push(page.slice(at + start.length, close));
      at = page.indexOf(start, close + end.length);
    }
    if (!pieces.length) throw refusal("compare_stale_page");
    return { tunables: data.tunables, references: data.references, ...parseBody(pieces.join(""), data.references) };
  }

  /** ids (every id, once, in the order found) and blocks as body.py's body_data writes them:
   * {tag, attrs, contexts, runs} for a leaf, {tag, attrs, children} for a container. */
  function parseBody(markup, references) {
    const { root, ids } = elementTree(markup, references);
    return { ids: [...new Set(ids)], blocks: blockEntries(root.children) };
  }

  /** body.py's _element_tree: elements {name, attrs, children} and text, every id found. */
  function elementTree(markup, references) {
    const root = { name: "", attrs: [], children: [] };
    const stack = [root];
    const ids = [];
    // Each reference is looked up in the list Python made of them as it parsed the same text.
    const lookUp = (found) => {
      if (!Object.prototype.hasOwnProperty.call(references, found)) throw refusal("compare_stale_page");
      return references[found];
    };
    const unescape = (text) => (text.includes("&") ? text.replace(CHARREF, lookUp) : text);
    for (const [, closing, tagName, rest, selfClosing, text] of markup.matchAll(LEXEME)) {
      const open = stack[stack.length - 1];
      if (text !== undefined) {
        const value = unescape(text);
        const last = open.children.length - 1;
        // Adjacent text (split by a stray "<") must tokenize as one run.
        if (last >= 0 && typeof open.children[last] === "string") open.children[last] += value;
        else open.children.push(value);
        continue;
      }
      if (tagName === undefined) continue;
      const name = tagName.toLowerCase();
      if (closing) {
        // Close up to the matching open element; ignore a stray end tag.
        for (let depth = stack.length - 1; depth > 0; depth--) {
          if (stack[depth].name === name) {
            stack.length = depth;
            break;
          }
        }
        continue;
      }
      const attrs = [];
      for (const [, attr, double, single, bare] of rest.matchAll(ATTR)) {
        const value = unescape(double ?? single ?? bare ?? "");
        attrs.push([attr.toLowerCase(), value]);
        if (attr.toLowerCase() === "id") ids.push(value);
      }
      const element = { name, attrs, children: [] };
      open.children.push(element);
      if (!VOID_TAGS.has(name) && !selfClosing) stack.push(element);
    }
    return { root, ids };
  }

  const isBlock = (node) => typeof node !== "string" && BLOCK_TAGS.has(node.name);
  const isShown = (value) => typeof value !== "string" || /[^ ]/.test(value);

  /** body.py's Parser._blocks: inline content between blocks becomes an unnamed block, unless it is only space. */
  function blockEntries(nodes) {
    const blocks = [];
    let inline = [];
    for (const node of [...nodes, null]) {
      if (node !== null && !isBlock(node)) {
        inline.push(node);
        continue;
      }
      const leaf = leafEntry("", [], inline, false);
      if (leaf.runs.some(([, ...values]) => values.some(isShown))) blocks.push(leaf);
      inline = [];
      if (node !== null) blocks.push(blockEntry(node));
    }
    return blocks;
  }

  function blockEntry(element) {
    if (element.children.some(isBlock)) {
      return { tag: element.name, attrs: element.attrs, children: blockEntries(element.children) };
    }
    return leafEntry(element.name, element.attrs, element.children, element.name === "pre");
  }

  /** A leaf's tokens in runs, as body.py's _block_data writes them: a new run wherever the
   * token's inline elements are other elements (even equal ones), each context listed once. */
  function leafEntry(tagName, attrs, nodes, pre) {
    const contexts = [];
    const indexes = new Map();
    const runs = [];
    let context = null;
    for (const token of inlineTokens(nodes, pre)) {
      if (token.context !== context) {
        context = token.context;
        const key = JSON.stringify(context);
        if (!indexes.has(key)) {
          indexes.set(key, contexts.length);
          contexts.push(context);
        }
        runs.push([indexes.get(key)]);
      }
      runs[runs.length - 1].push(token.value);
    }
    return { tag: tagName, attrs, contexts, runs };
  }

  /** body.py's _tokens: each word's escaped text (or a void element's [name, attributes]) and its
   * context, the inline elements around it as [[name, attributes], …], one array per element. */
  function inlineTokens(nodes, pre) {
    const tokens = [];
    const walk = (children, context) => {
      for (const node of children) {
        if (typeof node === "string") {
          for (const value of textTokens(escapeText(node), pre)) tokens.push({ context, value });
        } else if (VOID_TAGS.has(node.name)) {
          tokens.push({ context, value: [node.name, node.attrs] });
        } else if (!isHeaderlink(node)) {
          walk(node.children, [...context, [node.name, node.attrs]]);
        }
      }
    };
    walk(nodes, []);
    return tokens;
  }

  function textTokens(text, pre) {
    if (pre) return text.match(PRE_WORD) || [];
    // Words between runs of space; each word but the last keeps one space after it.
    const parts = text.split(SPACE_RUN);
    const last = parts.pop();
    const tokens = parts.map((part) => `${part} `);
    if (last) tokens.push(last);
    return tokens;
  }

  /** The toc extension's ¶ permalink: navigation, not text of the statement. */
  function isHeaderlink(element) {
    if (element.name !== "a") return false;
    const found = element.attrs.find(([attr]) => attr === "class");
    return Boolean(found) && found[1].split(CLASS_SEPARATOR).includes("headerlink");
  }

  /** The tunables both versions carry (redline/tunables.py's PUBLISHED). */
  function readTunables(oldData, newData) {
    for (const data of [oldData, newData]) {
      if (!data || !data.tunables) throw refusal("compare_unreadable");
    }
    // One build writes every version's file: different tunables mean a stale copy of one.
    if (JSON.stringify(oldData.tunables) !== JSON.stringify(newData.tunables)) {
      throw refusal("compare_stale_versions");
    }
    return oldData.tunables;
  }

  /** Blocks with the same tokens and keys as redline/body.py's parse_body. */
  function loadBody(data, tunables) {
    return { blocks: data.blocks.map((entry) => loadBlock(entry, tunables)), ids: data.ids };
  }

  function blockKey(tagName, [opening, separator, closing], keys) {
    return `${tagName}${opening}${keys.join(separator)}${closing}`;
  }

  function loadBlock(entry, tunables) {
    const block = { tag: entry.tag, attrs: entry.attrs, tokens: [], children: null };
    if (entry.children) {
      block.children = entry.children.map((child) => loadBlock(child, tunables));
      block.keys = [];
      for (const child of block.children) for (const key of child.keys) block.keys.push(key);
      block.key = blockKey(block.tag, tunables.container_key, block.children.map((c) => c.key));
      return block;
    }
    const wordKey = tunables.word_key;
    const contexts = entry.contexts.map((tags) => {
      const context = tags.map(([name, attrs]) => tag(name, attrs));
      context.key = context.map((t) => t.opening).join("");
      return context;
    });
    const pre = entry.tag === "pre";
    for (const [index, ...values] of entry.runs) {
      const context = contexts[index];
      for (const value of values) {
        if (Array.isArray(value)) {
          const element = tag(value[0], value[1]);
          block.tokens.push({ context, text: "", void: element, key: `${context.key}${wordKey}${element.opening}` });
          continue;
        }
        // Outside <pre> the key ignores the one space a word keeps after it.
        const word = !pre && value.endsWith(" ") ? value.slice(0, -1) : value;
        block.tokens.push({ context, text: value, void: null, key: `${context.key}${wordKey}${word}` });
      }
    }
    block.keys = block.tokens.map((token) => token.key);
    block.key = blockKey(block.tag, tunables.leaf_key, block.keys);
    return block;
  }

  /* ---------------------------------------------------------------------------------------
   * Matching, as redline/alignment.py's _matching_blocks: the common prefix and suffix set
   * aside, then anchors on elements found once on each side (patience diff), then Python's
   * difflib.SequenceMatcher (autojunk off, no junk) in each gap between anchors
   * ------------------------------------------------------------------------------------- */

  /** difflib's find_longest_match: earliest in a, then earliest in b, among the longest. */
  function findLongestMatch(a, b, b2j, alo, ahi, blo, bhi) {
    let besti = alo;
    let bestj = blo;
    let bestsize = 0;
    let j2len = new Map();
    for (let i = alo; i < ahi; i++) {
      const newj2len = new Map();
      const positions = b2j.get(a[i]) || [];
      for (const j of positions) {
        if (j < blo) continue;
        if (j >= bhi) break;
        const k = (j2len.get(j - 1) || 0) + 1;
        newj2len.set(j, k);
        if (k > bestsize) {
          besti = i - k + 1;
          bestj = j - k + 1;
          bestsize = k;
        }
      }
      j2len = newj2len;
    }
    // difflib then extends the match by equal neighbours; without junk there are none to take,
    // but the loops stay so this reads line for line like difflib.
    while (besti > alo && bestj > blo && a[besti - 1] === b[bestj - 1]) {
      besti--;
      bestj--;
      bestsize++;
    }
    while (besti + bestsize < ahi && bestj + bestsize < bhi && a[besti + bestsize] === b[bestj + bestsize]) {
      bestsize++;
    }
    return [besti, bestj, bestsize];
  }

  /** difflib's get_matching_blocks, sentinel included. */
  function sequenceMatchingBlocks(a, b) {
    const b2j = new Map();
    b.forEach((element, j) => {
      const positions = b2j.get(element);
      if (positions) positions.push(j);
      else b2j.set(element, [j]);
    });
    const queue = [[0, a.length, 0, b.length]];
    const found = [];
    while (queue.length) {
      const [alo, ahi, blo, bhi] = queue.pop();
      const match = findLongestMatch(a, b, b2j, alo, ahi, blo, bhi);
      const [i, j, k] = match;
      if (k) {
        found.push(match);
        if (alo < i && blo < j) queue.push([alo, i, blo, j]);
        if (i + k < ahi && j + k < bhi) queue.push([i + k, ahi, j + k, bhi]);
      }
    }
    found.sort((x, y) => x[0] - y[0] || x[1] - y[1] || x[2] - y[2]);
    const blocks = [];
    let [i1, j1, k1] = [0, 0, 0];
    for (const [i2, j2, k2] of found) {
      if (i1 + k1 === i2 && j1 + k1 === j2) {
        k1 += k2;
      } else {
        if (k1) blocks.push([i1, j1, k1]);
        [i1, j1, k1] = [i2, j2, k2];
      }
    }
    if (k1) blocks.push([i1, j1, k1]);
    blocks.push([a.length, b.length, 0]);
    return blocks;
  }

  function commonEnds(a, b) {
    const limit = Math.min(a.length, b.length);
    let prefix = 0;
    while (prefix < limit && a[prefix] === b[prefix]) prefix++;
    let suffix = 0;
    while (suffix < limit - prefix && a[a.length - 1 - suffix] === b[b.length - 1 - suffix]) suffix++;
    return [prefix, suffix];
  }

  function matchingBlocks(a, b, ends) {
    const [prefix, suffix] = ends || commonEnds(a, b);
    const found = [[0, 0, prefix]];
    const aEnd = a.length - suffix;
    const bEnd = b.length - suffix;
    if (prefix < aEnd && prefix < bEnd) found.push(...anchored(a, b, prefix, aEnd, prefix, bEnd));
    found.push([aEnd, bEnd, suffix]);
    // Join touching blocks and drop empty ones, then add difflib's sentinel.
    const joined = [];
    for (const block of found) {
      const last = joined[joined.length - 1];
      if (last && last[0] + last[2] === block[0] && last[1] + last[2] === block[1]) {
        last[2] += block[2];
      } else if (block[2]) {
        joined.push(block.slice());
      }
    }
    joined.push([a.length, b.length, 0]);
    return joined;
  }

  /** Matches of a[alo:ahi] and b[blo:bhi], in order, touching ones not yet joined: the most
   * elements found once in each, in the same order, each with the equal elements around it,
   * then difflib's matches in each gap. */
  function anchored(a, b, alo, ahi, blo, bhi) {
    const found = [];
    const gap = (i, x, j, y) => {
      for (const [p, q, k] of sequenceMatchingBlocks(a.slice(i, x), b.slice(j, y))) {
        if (k) found.push([p + i, q + j, k]);
      }
    };
    let i = alo;
    let j = blo;
    const anchors = onceAnchors(a, b, alo, ahi, blo, bhi);
    anchors.forEach(([x, y], index) => {
      const [nextX, nextY] = index + 1 < anchors.length ? anchors[index + 1] : [ahi, bhi];
      // As difflib's longest match would: "and" before a kept "contact" stays with it.
      let [startX, startY] = [x, y];
      while (startX > i && startY > j && a[startX - 1] === b[startY - 1]) [startX, startY] = [startX - 1, startY - 1];
      let [endX, endY] = [x + 1, y + 1];
      while (endX < nextX && endY < nextY && a[endX] === b[endY]) [endX, endY] = [endX + 1, endY + 1];
      if (i < startX && j < startY) gap(i, startX, j, startY);
      found.push([startX, startY, endX - startX]);
      [i, j] = [endX, endY];
    });
    if (i < ahi && j < bhi) gap(i, ahi, j, bhi);
    return found;
  }

  /** Where the longest chain of elements found once in each range is, in both: [[i, j], …]. */
  function onceAnchors(a, b, alo, ahi, blo, bhi) {
    const onceIn = (sequence, lo, hi) => {
      const at = new Map(); // an element's position, or -1 if it is found more than once
      for (let k = lo; k < hi; k++) at.set(sequence[k], at.has(sequence[k]) ? -1 : k);
      return at;
    };
    const inB = onceIn(b, blo, bhi);
    const pairs = [];
    // In order of position in a: an element found once was put in the map where it occurs.
    for (const [element, i] of onceIn(a, alo, ahi)) {
      const j = inB.get(element);
      if (i >= 0 && j !== undefined && j >= 0) pairs.push([i, j]);
    }
    // Patience sorting: each pair goes on the leftmost pile whose top lies further on in b.
    const tops = []; // the position in b on top of each pile
    const topPairs = [];
    const below = []; // for each pair, the pair on top of the pile to its left when it was placed
    pairs.forEach(([, j], index) => {
      let pile = 0;
      let end = tops.length;
      while (pile < end) {
        const middle = (pile + end) >> 1;
        if (tops[middle] < j) pile = middle + 1;
        else end = middle;
      }
      below.push(pile ? topPairs[pile - 1] : -1);
      tops[pile] = j;
      topPairs[pile] = index;
    });
    const chain = [];
    for (let index = topPairs.length ? topPairs[topPairs.length - 1] : -1; index >= 0; index = below[index]) {
      chain.push(pairs[index]);
    }
    return chain.reverse();
  }

  /** difflib's get_opcodes for the given matching blocks. */
  function opcodes(blocks) {
    let i = 0;
    let j = 0;
    const result = [];
    for (const [a, b, size] of blocks) {
      if (i < a && j < b) result.push(["replace", i, a, j, b]);
      else if (i < a) result.push(["delete", i, a, j, b]);
      else if (j < b) result.push(["insert", i, a, j, b]);
      i = a + size;
      j = b + size;
      if (size) result.push(["equal", a, i, b, j]);
    }
    return result;
  }

  function countElements(sequence) {
    const counts = new Map();
    for (const element of sequence) counts.set(element, (counts.get(element) || 0) + 1);
    return counts;
  }

  /* ---------------------------------------------------------------------------------------
   * Alignment: which blocks stayed, went, came or were edited
   * ------------------------------------------------------------------------------------- */

  function aligned(status, oldBlock, newBlock, children, edits) {
    return { status, old: oldBlock, new: newBlock, children: children || [], edits: edits || [] };
  }

  function align(oldBlocks, newBlocks, tunables) {
    const result = [];
    const keys = (blocks) => blocks.map((block) => block.key);
    for (const [op, i1, i2, j1, j2] of opcodes(matchingBlocks(keys(oldBlocks), keys(newBlocks)))) {
      if (op === "equal") {
        for (let k = 0; k < i2 - i1; k++) {
          result.push(aligned("unchanged", oldBlocks[i1 + k], newBlocks[j1 + k]));
        }
      } else {
        result.push(...pair(oldBlocks.slice(i1, i2), newBlocks.slice(j1, j2), tunables));
      }
    }
    return result;
  }

  /** Pair edited blocks in order; whatever finds no partner was deleted or inserted. An old
   * block takes the first block in its window that is similar, else the first only alike by the
   * runs they share. */
  function pair(oldBlocks, newBlocks, tunables) {
    if (oldBlocks.length === 1 && newBlocks.length === 1) {
      // Alone between the same kept blocks: a short block is the same if they share a word.
      const edited = compareBlocks(oldBlocks[0], newBlocks[0], tunables, true);
      if (edited) return [edited[0]];
    }
    const paired = [];
    let start = 0;
    for (const oldBlock of oldBlocks) {
      let found = null;
      const end = Math.min(newBlocks.length, start + tunables.pairing_window);
      for (let index = start; index < end; index++) {
        const edited = compareBlocks(oldBlock, newBlocks[index], tunables, false);
        if (edited && (!found || edited[1])) {
          found = [index, edited[0]];
          if (edited[1]) break;
        }
      }
      if (!found) {
        paired.push(aligned("deleted", oldBlock, null));
        continue;
      }
      const [index, edited] = found;
      for (const block of newBlocks.slice(start, index)) paired.push(aligned("inserted", null, block));
      paired.push(edited);
      start = index + 1;
    }
    for (const block of newBlocks.slice(start)) paired.push(aligned("inserted", null, block));
    return paired;
  }

  /** [the two blocks as one edited block, whether they are similar], or null if they are not the
   * same block. Leaves in place too short to hold a kept run need only share a token. */
  function compareBlocks(oldBlock, newBlock, tunables, inPlace) {
    if (oldBlock.tag !== newBlock.tag || (oldBlock.children === null) !== (newBlock.children === null)) {
      return null;
    }
    const short = oldBlock.children === null && Math.min(oldBlock.keys.length, newBlock.keys.length) < tunables.kept_run;
    const always = CELLS.has(newBlock.tag) || (inPlace && short && sharedCount(oldBlock.keys, newBlock.keys) > 0);
    if (oldBlock.children !== null) {
      // A container's children are aligned next: counting its words is a good enough likeness.
      const similar = always
        || sharedCount(words(oldBlock), words(newBlock)) >= leastShared(oldBlock.keys, newBlock.keys, tunables.similarity);
      if (!similar && !sharesRuns(oldBlock, newBlock, tunables)) return null;
      return [aligned("changed", oldBlock, newBlock, align(oldBlock.children, newBlock.children, tunables)), similar];
    }
    let blocks;
    let similar = true;
    if (always) {
      blocks = matchingBlocks(oldBlock.keys, newBlock.keys);
    } else {
      blocks = matchingIfSimilar(oldBlock.keys, newBlock.keys, tunables.similarity);
      if (blocks === null && wordsSimilar(oldBlock, newBlock, tunables)) {
        // Words re-linked or re-formatted: matched by keys still, so each side keeps its own elements.
        blocks = matchingBlocks(oldBlock.keys, newBlock.keys);
      }
      if (blocks === null) {
        if (!sharesRuns(oldBlock, newBlock, tunables)) return null;
        similar = false;
        blocks = matchingBlocks(oldBlock.keys, newBlock.keys);
      }
    }
    return [aligned("changed", oldBlock, newBlock, null, edits(oldBlock.tokens, newBlock.tokens, blocks, tunables)), similar];
  }

  /** How many tokens two sequences must have in common to be similar. */
  function leastShared(a, b, similarity) {
    return (similarity * (a.length + b.length)) / 2;
  }

  /** Tokens the two have in common, in any order: a bound on what matching finds. */
  function sharedCount(a, b) {
    let [fewer, more] = [counted(a), counted(b)];
    if (fewer.size > more.size) [fewer, more] = [more, fewer];
    let shared = 0;
    for (const [element, count] of fewer) {
      const other = more.get(element);
      if (other) shared += Math.min(count, other);
    }
    return shared;
  }

  /** A sequence's elements counted (countElements) once: a block's keys and words are compared
   * with every block in its pairing window. */
  const countsOf = new WeakMap();
  function counted(sequence) {
    let counts = countsOf.get(sequence);
    if (!counts) {
      counts = countElements(sequence);
      countsOf.set(sequence, counts);
    }
    return counts;
  }

  function matchingIfSimilar(a, b, similarity) {
    const total = a.length + b.length;
    if (!total) return matchingBlocks(a, b);
    const least = leastShared(a, b, similarity);
    // Cheap upper bounds on the similarity first; they only save time, never change the answer.
    if (Math.min(a.length, b.length) < least) return null;
    const [prefix, suffix] = commonEnds(a, b);
    // The common ends are shared in full: what the whole sequences share is the ends and what
    // their middles share, so the whole (counted once per sequence) bounds the middles' matches.
    if (prefix + suffix < least && sharedCount(a, b) < least) return null;
    const blocks = matchingBlocks(a, b, [prefix, suffix]);
    const matched = blocks.reduce((sum, block) => sum + block[2], 0);
    return matched < least ? null : blocks;
  }

  /** Whether two leaves are similar by their words alone, whatever elements are around them. */
  function wordsSimilar(oldBlock, newBlock, tunables) {
    const [oldWords, newWords] = [words(oldBlock), words(newBlock)];
    // No element around any word: as similar as their keys, which are not.
    if (oldWords === oldBlock.keys && newWords === newBlock.keys) return false;
    return matchingIfSimilar(oldWords, newWords, tunables.similarity) !== null;
  }

  /** The block's token keys without their inline elements' tags; its keys if it has none. */
  function words(block) {
    if (!block.words) {
      if (block.children !== null) {
        const each = block.children.map(words);
        block.words = each.every((childWords, index) => childWords === block.children[index].keys)
          ? block.keys
          : [].concat(...each);
      } else {
        block.words = block.tokens.some((token) => token.context.length)
          ? block.tokens.map((token) => token.key.slice(token.context.key.length))
          : block.keys;
      }
    }
    return block.words;
  }

  /** Whether runs of kept_run tokens found in the longer block make up kept_share of the
   * shorter (the old one if they are as long). */
  function sharesRuns(oldBlock, newBlock, tunables) {
    const [shorter, longer] = oldBlock.keys.length <= newBlock.keys.length ? [oldBlock, newBlock] : [newBlock, oldBlock];
    const length = tunables.kept_run;
    const keys = shorter.keys;
    if (keys.length < length) return false;
    const own = runs(shorter, length).list;
    const found = runs(longer, length).set;
    let covered = 0;
    let end = 0; // where the runs found so far end: tokens before it are counted
    for (let start = 0; start < own.length; start++) {
      if (found.has(own[start])) {
        covered += start + length - Math.max(start, end);
        end = start + length;
      }
    }
    return covered >= tunables.kept_share * keys.length;
  }

  /** Every run of `length` tokens of the block, in order and as a set, worked out once per block. Each run
   * is one string, its keys joined by a NUL: keys hold text from HTML, which never has one. */
  function runs(block, length) {
    if (!block.runs) {
      const list = [];
      for (let start = 0; start + length <= block.keys.length; start++) {
        list.push(block.keys.slice(start, start + length).join("\u0000"));
      }
      block.runs = { list, set: new Set(list) };
    }
    return block.runs;
  }

  function edits(oldTokens, newTokens, blocks, tunables) {
    const result = [];
    for (const [op, i1, i2, j1, j2] of withoutSlivers(opcodes(blocks), tunables.sliver)) {
      if (op === "equal") {
        const kept = newTokens.slice(j1, j2);
        // Keys ignore a trailing space; keep the old one before a change so words never touch.
        const last = oldTokens[i2 - 1];
        if (last.text.endsWith(" ") && !kept[kept.length - 1].text.endsWith(" ")) kept[kept.length - 1] = last;
        result.push({ status: "unchanged", tokens: kept, startsChange: false });
        continue;
      }
      if (i1 < i2) result.push({ status: "deleted", tokens: oldTokens.slice(i1, i2), startsChange: true });
      if (j1 < j2) {
        result.push({ status: "inserted", tokens: newTokens.slice(j1, j2), startsChange: i1 === i2 });
      }
    }
    return result;
  }

  /** The opcodes with each kept run shorter than `sliver` tokens, and shorter than the changes on
   * both sides of it, taken into one change with them. */
  function withoutSlivers(codes, sliver) {
    const size = (code) => Math.max(code[2] - code[1], code[4] - code[3]);
    const joined = [];
    for (const code of codes) {
      joined.push(code);
      while (joined.length >= 3) {
        const [before, kept, after] = joined.slice(-3);
        if (after[0] === "equal" || kept[0] !== "equal" || before[0] === "equal") break;
        const length = kept[2] - kept[1];
        if (length >= sliver || length >= size(before) || length >= size(after)) break;
        joined.splice(-3, 3, ["replace", before[1], after[2], before[3], after[4]]);
      }
    }
    return joined;
  }

  /* ---------------------------------------------------------------------------------------
   * Rendering: the aligned blocks as HTML
   * ------------------------------------------------------------------------------------- */

  function anchorPrefix(ids, tunables) {
    let prefix = tunables.anchor_prefix;
    const taken = (id) => id.startsWith(prefix) && /^[0-9]+$/.test(id.slice(prefix.length));
    while (ids.some(taken)) prefix = `${tunables.anchor_clash_prefix}${prefix}`;
    return prefix;
  }

  function listStart(block) {
    const start = attrValue(block.attrs, "start") || "";
    return /^-?[0-9]+$/.test(start) ? parseInt(start, 10) : 1;
  }

  /** Item numbers of an edited ordered list: deleted items keep their old number. */
  function numbering(oldBlock, newBlock) {
    let oldNumber = listStart(oldBlock);
    let newNumber = listStart(newBlock);
    return (status) => {
      if (status === "deleted") return oldNumber++;
      if (status !== "inserted") oldNumber++;
      return newNumber++;
    };
  }

  function withClass(attrs, classes) {
    const index = attrs.findIndex(([attr]) => attr === "class");
    if (index < 0) return attrs.concat([["class", classes.join(" ")]]);
    const result = attrs.slice();
    result[index] = ["class", [attrs[index][1]].concat(classes).join(" ")];
    return result;
  }

  /** The block's attributes plus redline classes and, in an edited ordered list, its number. */
  function decorate(block, classes, value) {
    if (HEADINGS.has(block.tag) || block.tag === "thead") classes = classes.concat(["pp-context"]);
    let attrs = block.attrs.map((attr) => attr.slice());
    if (classes.length) attrs = withClass(attrs, classes);
    if (value !== null && value !== undefined) {
      attrs = attrs.filter(([attr]) => attr !== "value").concat([["value", String(value)]]);
    }
    return attrs;
  }

  /** Python's str.split() separators, so that a title reads as redline/rendering.py's _plain_text. */
  const PYTHON_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

  /** [id, title] of a heading: the section the changes after it are listed under. */
  function headingSection(block) {
    const escaped = block.tokens.map((token) => token.text).join("");
    const text = escaped.replace(/&lt;/g, "<").replace(/&gt;/g, ">").replace(/&amp;/g, "&");
    return [attrValue(block.attrs, "id") ?? null, text.split(PYTHON_SPACE).filter(Boolean).join(" ")];
  }

  function closing(tagName) {
    return tagName ? `</${tagName}>\n` : "\n";
  }

  function frames(context, stripId) {
    const marker = stripId ? "\x00" : "";
    return context.map((t) => ({ identity: t.opening + marker, name: t.name, attrs: t.attrs, stripId, mark: null }));
  }

  function sharedLength(contexts) {
    const first = contexts[0];
    let length = first.length;
    for (const context of contexts.slice(1)) {
      length = Math.min(length, context.length);
      while (length && context[length - 1].opening !== first[length - 1].opening) length--;
    }
    return length;
  }

  /** The addresses that changed, if nothing but links' addresses did (else null: a plain del/ins). */
  function linkChanges(deleted, inserted, linkChanged) {
    if (deleted.length !== inserted.length) return null;
    let shared = sharedLength(inserted.map((token) => token.context));
    const moves = [];
    for (let i = 0; i < deleted.length; i++) {
      const [oldToken, newToken] = [deleted[i], inserted[i]];
      if (oldToken.void || newToken.void || oldToken.text.replace(/ +$/, "") !== newToken.text.replace(/ +$/, "")) {
        return null;
      }
      if (oldToken.context.length !== newToken.context.length) return null;
      for (let depth = 0; depth < oldToken.context.length; depth++) {
        const [oldTag, newTag] = [oldToken.context[depth], newToken.context[depth]];
        if (oldTag.opening === newTag.opening) continue;
        const [oldHref, newHref] = [attrValue(oldTag.attrs, "href"), attrValue(newTag.attrs, "href")];
        if (oldTag.name !== "a" || newTag.name !== "a" || oldHref === undefined || newHref === undefined
            || oldHref === newHref) return null;
        shared = Math.min(shared, depth);
        // One mention per link, in order: a link's words share its tag.
        const last = moves[moves.length - 1];
        if (!last || last[0] !== oldHref || last[1] !== newHref) moves.push([oldHref, newHref]);
      }
    }
    if (!moves.length) return null;
    return { shared, note: moves.map(([old, now]) => fill(linkChanged, { old, new: now })).join(LINK_NOTE_SEPARATOR) };
  }

  /** Writes aligned blocks as HTML, numbering change anchors as it meets them; ``labels`` are
   * rendering.py's Labels: {deleted, inserted, linkChanged}, in the page's language. */
  function Renderer(prefix, labels) {
    this.prefix = prefix;
    this.labels = labels;
    this.out = [];
    this.ids = new Set();
    this.pending = false; // a change has started and its anchor is not written yet
    this.marks = 0;
    this.section = [null, null]; // the id and title of the last heading written that the new version has
    this.changes = []; // {anchor, section_id, section_title}, as redline/rendering.py's Change
  }

  Renderer.prototype.blocks = function (items, nextNumber) {
    let inRun = false;
    let headings = new Set(); // the sides whose headings the change so far holds, in a run of whole blocks
    for (const item of items) {
      const whole = isMarked(item.status);
      const block = item.new || item.old;
      // A run of whole blocks deleted or inserted together is one change per section: a heading
      // starts another when the change already holds one of the same side.
      const heading = whole && HEADINGS.has(block.tag);
      if (whole && (!inRun || (heading && headings.has(item.status)))) {
        this.pending = true;
        headings = new Set();
      } else if (!whole) {
        this.pending = false;
      }
      if (heading) headings.add(item.status);
      inRun = whole;
      const value = nextNumber && block.tag === "li" ? nextNumber(item.status) : null;
      if (item.status === "changed") this.changed(item, value);
      else this.whole(block, item.status, true, value);
    }
    this.pending = false;
  };

  Renderer.prototype.changed = function (item, value) {
    const block = item.new;
    this.out.push(this.opening(block.tag, decorate(block, block.tag === "table" ? [EDITED_TABLE] : [], value)));
    if (block.children !== null) {
      this.out.push("\n");
      this.blocks(item.children, block.tag === "ol" ? numbering(item.old, block) : null);
    } else {
      if (HEADINGS.has(block.tag)) this.section = headingSection(block);
      this.inline(item.edits);
    }
    this.out.push(closing(block.tag));
  };

  /** A block that is unchanged, deleted or inserted as a whole, and all it contains. */
  Renderer.prototype.whole = function (block, status, top, value) {
    // Unchanged cells stay unmarked: hiding one would shift the columns of its row.
    const marked = top && !(status === "unchanged" && CELLS.has(block.tag));
    const attrs = decorate(block, marked ? [BLOCK_CLASSES[status]] : [], value);
    const stripId = status === "deleted";
    if (block.tag === "hr") {
      const anchor = isMarked(status) && this.pending ? this.anchor() : null;
      this.out.push(`${this.opening("hr", attrs, stripId, true, anchor)}\n`);
      return;
    }
    this.out.push(this.opening(block.tag, attrs, stripId));
    if (block.children !== null) {
      this.out.push("\n");
      for (const child of block.children) this.whole(child, status, false, null);
      this.out.push(closing(block.tag));
      return;
    }
    if (HEADINGS.has(block.tag) && status !== "deleted") this.section = headingSection(block);
    if (block.tokens.length || status === "unchanged") {
      const stack = [];
      this.run(stack, status, block.tokens);
      this.sync(stack, []);
    } else {
      this.openMark(status);
      this.out.push(`</${MARKS[status]}>`);
    }
    this.out.push(closing(block.tag));
  };

  /** A leaf's tokens with their inline elements, each run of edits in one del or ins. */
  Renderer.prototype.inline = function (runs) {
    const stack = [];
    let relinked = null;
    runs.forEach((edit, index) => {
      if (edit.startsChange) this.pending = true;
      if (relinked) {
        this.relinked(stack, edit.tokens, relinked);
        relinked = null;
        return;
      }
      const after = runs[index + 1];
      if (edit.status === "deleted" && after && after.status === "inserted") {
        relinked = linkChanges(edit.tokens, after.tokens, this.labels.linkChanged);
        if (relinked) return;
      }
      this.run(stack, edit.status, edit.tokens);
    });
    this.sync(stack, []);
  };

  /** The same words linked elsewhere: marked once, with both addresses in a note after them. */
  Renderer.prototype.relinked = function (stack, tokens, links) {
    this.marks += 1;
    const mark = { identity: `\x00${this.marks}`, name: "span", attrs: [], stripId: false, mark: null };
    this.sync(stack, frames(tokens[0].context.slice(0, links.shared), false));
    const anchor = this.pending ? this.anchor() : null;
    this.out.push(this.opening("span", [["class", LINK_CHANGED]], false, false, anchor));
    stack.push(mark);
    let context;
    for (const token of tokens) {
      if (token.context !== context) {
        context = token.context;
        const shared = links.shared;
        this.sync(stack, frames(context.slice(0, shared), false).concat([mark], frames(context.slice(shared), false)));
      }
      this.out.push(token.text);
    }
    this.sync(stack, stack.slice(0, links.shared + 1));
    this.out.push(`<span class="${LINK_NOTE}"> (${escapeText(links.note)})</span>`);
  };

  Renderer.prototype.run = function (stack, status, tokens) {
    let mark = null;
    let shared = 0;
    if (isMarked(status)) {
      // The mark sits inside the elements all its tokens share, so it opens once.
      shared = sharedLength(tokens.map((token) => token.context));
      this.marks += 1;
      mark = { identity: `\x00${this.marks}`, name: MARKS[status], attrs: [], stripId: false, mark: status };
    }
    let context;
    for (const token of tokens) {
      if (token.context !== context) {
        context = token.context;
        const wanted = mark
          ? frames(context.slice(0, shared), false).concat([mark], frames(context.slice(shared), status === "deleted"))
          : frames(context, false);
        this.sync(stack, wanted);
      }
      if (token.void) {
        const stripId = stack.some((frame) => frame.mark === "deleted");
        this.out.push(this.opening(token.void.name, token.void.attrs, stripId, true));
      } else {
        this.out.push(token.text);
      }
    }
  };

  /** Close and open elements so the open ones are exactly `wanted`. */
  Renderer.prototype.sync = function (stack, wanted) {
    let keep = 0;
    while (keep < stack.length && keep < wanted.length && stack[keep].identity === wanted[keep].identity) keep++;
    for (let k = stack.length - 1; k >= keep; k--) this.out.push(`</${stack[k].name}>`);
    stack.length = keep;
    for (const frame of wanted.slice(keep)) {
      if (frame.mark) this.openMark(frame.mark);
      else this.out.push(this.opening(frame.name, frame.attrs, frame.stripId));
      stack.push(frame);
    }
  };

  Renderer.prototype.openMark = function (status) {
    this.out.push(this.opening(MARKS[status], [], false, false, this.pending ? this.anchor() : null));
    // Colour is not enough: screen readers announce what happened.
    this.out.push(`<span class="pp-sr">${escapeText(this.labels[status])}</span>`);
  };

  Renderer.prototype.anchor = function () {
    const anchor = `${this.prefix}${this.changes.length + 1}`;
    this.changes.push({ anchor, section_id: this.section[0], section_title: this.section[1] });
    this.pending = false;
    return anchor;
  };

  /** An opening tag that never repeats an id already written (or any, if deleted). */
  Renderer.prototype.opening = function (name, attrs, stripId, isVoid, anchor) {
    if (!name) return "";
    let kept = [];
    for (const [attr, value] of attrs) {
      if (attr === "id") {
        if (stripId || this.ids.has(value)) continue;
        this.ids.add(value);
      }
      kept.push([attr, value]);
    }
    if (anchor) kept = withClass(kept, ["pp-change"]).concat([["id", anchor], ["tabindex", "-1"]]);
    return openTag(name, kept, Boolean(isVoid));
  };

  /** The redline of two versions' bodies (readVersion), as redline/rendering.py's Redline.html, with
   * ``labels`` as its Labels: {deleted, inserted, linkChanged}. */
  function renderRedline(oldData, newData, labels) {
    const tunables = readTunables(oldData, newData);
    const oldBody = loadBody(oldData, tunables);
    const newBody = loadBody(newData, tunables);
    const renderer = new Renderer(anchorPrefix(oldBody.ids.concat(newBody.ids), tunables), labels);
    renderer.blocks(align(oldBody.blocks, newBody.blocks, tunables), null);
    return { html: renderer.out.join(""), count: renderer.changes.length, changes: renderer.changes };
  }

  /** The names above, for the test that checks them against src/policypress/redline/. */
  const shared = {
    dataFormat: DATA_FORMAT,
    blockTags: [...BLOCK_TAGS].sort(),
    voidTags: [...VOID_TAGS].sort(),
    headings: [...HEADINGS],
    cells: [...CELLS],
    marks: MARKS,
    blockClasses: BLOCK_CLASSES,
    linkChanged: LINK_CHANGED,
    linkNote: LINK_NOTE,
    linkNoteSeparator: LINK_NOTE_SEPARATOR,
  };

  /** A version's body (readVersion) from its redline.json and its archived page, at ``urls``:
   * {data, text}, absolute. */
  async function fetchVersion(urls, version) {
    const fetchText = async (url) => {
      const response = await fetch(url, { credentials: "same-origin" });
      if (!response.ok) throw refusal("compare_not_found", { number: version });
      return response.text();
    };
    const [data, page] = await Promise.all([fetchText(urls.data), fetchText(urls.text)]);
    return readVersion(JSON.parse(data), page);
  }

  /** The redline of two versions, fetched: ``request`` is {from, to} (each {version, data, text})
   * and the labels. The result is renderRedline's, or {error: {key, values} or {message}}: what a
   * worker can send back. */
  async function compareVersions(request) {
    try {
      const [oldData, newData] = await Promise.all([request.from, request.to].map((side) => fetchVersion(side, side.version)));
      return renderRedline(oldData, newData, request.labels);
    } catch (error) {
      return { error: error.key ? { key: error.key, values: error.values } : { message: error.message } };
    }
  }

  const core = { renderRedline, readVersion, parseBody, matchingBlocks, sequenceMatchingBlocks, opcodes, shared };

  if (typeof module === "object" && module.exports) module.exports = core;
  if (typeof document === "undefined") {
    // In the Web Worker the compare page starts (startComparison): one comparison, sent back. The
    // request is the worker's name, there as soon as this script runs: a message would wait for the
    // page's main thread, busy loading the theme, to pass it on.
    if (typeof root.importScripts === "function" && root.name) {
      compareVersions(JSON.parse(root.name)).then((result) => root.postMessage(result));
    }
    return;
  }
  // Once per page. The compare page has this script in its content, which Material's instant
  // navigation may insert again; the first copy already follows every page (document$, below).
  if (root.policypressRedline) return;
  root.policypressRedline = core;

  /* ---------------------------------------------------------------------------------------
   * In the page: stepping through changes
   * ------------------------------------------------------------------------------------- */

  let current = -1;
  let said; // the page's words (pageWords), read again on every page (init)

  /** The page's words (redline-nav.html writes them from the catalog): say(key, values) and
   * count(key, n, values), as words.py's Words says them, and the redline's labels. */
  function pageWords() {
    const element = document.querySelector("script.pp-words");
    const { lang, messages } = element ? JSON.parse(element.textContent) : { lang: "en", messages: {} };
    const plurals = new Intl.PluralRules(lang);
    const say = (key, values) => fill(typeof messages[key] === "string" ? messages[key] : key, values || {});
    const count = (key, n, values) => {
      const forms = messages[key] || {};
      return fill(forms[plurals.select(n)] || forms.other || key, { ...values, count: n });
    };
    return { say, count, labels: { deleted: say("redline_deleted"), inserted: say("redline_inserted"),
      linkChanged: say("redline_link_changed") } };
  }

  function anchors() {
    return Array.from(document.querySelectorAll(".pp-redline .pp-change"));
  }

  /** "Change 3 of 12" once the reader has moved, "12 changes" (or "1 change") before, "No changes" if none. */
  function showPosition(total) {
    let text;
    if (!total) text = said.say("no_changes");
    else if (current < 0) text = said.count("changes_count", total);
    else text = said.say("position", { current: current + 1, total });
    for (const position of document.querySelectorAll(".pp-redline-nav .pp-redline-position")) position.textContent = text;
  }

  function step(direction) {
    const all = anchors();
    if (!all.length) return;
    // Start from the change that has focus, if the reader moved there by other means.
    const focused = all.indexOf(document.activeElement);
    if (focused >= 0) current = focused;
    current = Math.max(0, Math.min(all.length - 1, current + direction));
    const target = all[current];
    target.focus({ preventScroll: true });
    const smooth = !root.matchMedia("(prefers-reduced-motion: reduce)").matches;
    target.scrollIntoView({ block: "center", behavior: smooth ? "smooth" : "auto" });
    keepInView(target);
    showPosition(all.length);
  }

  /** Blocks of a long redline are laid out only as they come into view (redline.css), so the blocks a
   * scroll passes can grow and push the change it went to out of sight: once the scroll ends, it is
   * brought back, unless the reader moved on meanwhile. */
  function keepInView(target) {
    const settle = () => {
      root.removeEventListener("scrollend", settle);
      const box = target.getBoundingClientRect();
      const seen = box.bottom > 0 && box.top < root.innerHeight;
      if (document.activeElement === target && !seen) target.scrollIntoView({ block: "center" });
    };
    root.addEventListener("scrollend", settle);
    root.setTimeout(settle, SETTLE_MS);
  }

  function setChangesOnly(on) {
    for (const redline of document.querySelectorAll(".pp-redline")) redline.classList.toggle("pp-changes-only", on);
    for (const button of document.querySelectorAll(".pp-redline-only")) button.setAttribute("aria-pressed", String(on));
  }

  function onClick(event) {
    const button = event.target.closest && event.target.closest(".pp-redline-nav button");
    if (!button) return;
    if (button.classList.contains("pp-redline-next")) step(1);
    else if (button.classList.contains("pp-redline-prev")) step(-1);
    else if (button.classList.contains("pp-redline-only")) {
      setChangesOnly(button.getAttribute("aria-pressed") !== "true");
    }
  }

  function isTyping(target) {
    return Boolean(target && target.closest && target.closest("input, textarea, select, [contenteditable]"));
  }

  /** n and p step through changes. Material binds them to next and previous page, so on a
   * page with changes we take them first (capture phase) and stop the event there. */
  function onKey(event) {
    if (event.ctrlKey || event.metaKey || event.altKey || isTyping(event.target)) return;
    if ((event.key !== "n" && event.key !== "p") || !anchors().length) return;
    event.preventDefault();
    event.stopPropagation();
    step(event.key === "n" ? 1 : -1);
  }

  /** The navigation, shown only while there are changes to move between. */
  function showNavigation() {
    const total = anchors().length;
    for (const nav of document.querySelectorAll(".pp-redline-nav")) nav.hidden = !total;
    showPosition(total);
  }

  /* ---------------------------------------------------------------------------------------
   * In the page: the compare view
   * ------------------------------------------------------------------------------------- */

  /** How long a move to a change may scroll before it is checked to have reached it (keepInView). */
  const SETTLE_MS = 1000;
  const VERSION = /^[0-9]{4}-[0-9]{2}-[0-9]{2}$/;
  /** This script's address, for the worker that runs its core (startComparison). */
  const SCRIPT_URL = document.currentScript ? document.currentScript.src : null;

  /** A version's addresses, from the patterns the page gives (the engine's address book). */
  function versionUrls(view, version) {
    const url = (name) => new URL(view.getAttribute(name).replace("{version}", encodeURIComponent(version)), root.location.href).href;
    return { version, data: url("data-pp-data"), text: url("data-pp-text") };
  }

  /** The two versions the address asks to compare, older first: {from, to, swapped}, or {refused: key,
   * values} when it names none, one or the same twice. */
  function requested() {
    const query = new URLSearchParams(root.location.search);
    let from = query.get("from");
    let to = query.get("to");
    if (!from || !to) return { refused: "compare_choose" };
    if (!VERSION.test(from) || !VERSION.test(to)) return { refused: "compare_format" };
    if (from === to) return { refused: "compare_same", values: { number: from } };
    // Older first, always: the other way round, the newer text would show as deleted.
    const swapped = from > to;
    if (swapped) [from, to] = [to, from];
    return { from, to, swapped };
  }

  /** The comparison the page asked for, worked out in a Web Worker when the browser has them, so it
   * starts while the page is still loading its theme: this script runs on the compare page as soon
   * as the view is parsed (compare.html), before the theme's own scripts. Without a worker, or if
   * it fails to start, the same code runs here. Each view's comparison starts once. */
  const comparisons = new WeakMap();

  function startComparison(view, from, to) {
    const key = `${from} ${to}`;
    const started = comparisons.get(view);
    if (started && started.key === key) return started.result;
    const request = { from: versionUrls(view, from), to: versionUrls(view, to), labels: said.labels };
    let result;
    try {
      if (!SCRIPT_URL || typeof Worker !== "function") throw new Error("no worker");
      const worker = new Worker(SCRIPT_URL, { name: JSON.stringify(request) });
      result = new Promise((resolve) => {
        worker.onmessage = (event) => resolve(event.data);
        worker.onerror = (event) => {
          // The visitor still gets the comparison; whoever looks at the console learns why it was slow.
          event.preventDefault();
          console.warn(`policypress: the comparison's worker failed (${event.message || "it did not start"}); comparing on the page instead.`);
          resolve(compareVersions(request));
        };
      }).finally(() => worker.terminate());
    } catch {
      result = compareVersions(request);
    }
    comparisons.set(view, { key, result });
    return result;
  }

  /** A version's From or To line, copied from the page's <template> for it (compare.html), which
   * writes it as a changes page does: link, version date, effective date. */
  function versionLine(view, version) {
    const template = Array.from(view.querySelectorAll("template.pp-compare-version"))
      .find((each) => each.getAttribute("data-version") === version);
    return template ? template.content.cloneNode(true) : document.createTextNode(said.say("version_number", { number: version }));
  }

  /** The changes under each heading, numbered, as views.redline_view lists them on a changes page. */
  function changedSections(changes) {
    const sections = [];
    changes.forEach((change, index) => {
      const link = { anchor: change.anchor, label: said.say("change_link", { number: index + 1 }) };
      const last = sections[sections.length - 1];
      if (last && last.id === change.section_id) last.changes.push(link);
      else sections.push({ id: change.section_id, title: change.section_title || said.say("beginning_of_document"), changes: [link] });
    });
    return sections;
  }

  /** "3 changes in 2 sections.", as views.redline_view says it. */
  function countSentence(count, sections) {
    if (!count) return said.say("no_differences");
    return said.say("changes_in_sections", { changes: said.count("changes_count", count),
      sections: said.count("sections_count", sections) });
  }

  function link(anchor, text) {
    const element = document.createElement("a");
    element.href = `#${anchor}`;
    element.textContent = text;
    return element;
  }

  /** The header of a changes page for the two versions compared: From, To, the count and the
   * changes by section (changes.html's markup); with no changes, no list. */
  function showSummary(view, summary, from, to, changes) {
    for (const [name, version] of [["from", from], ["to", to]]) {
      for (const slot of summary.querySelectorAll(`.pp-compare-${name}`)) slot.replaceChildren(versionLine(view, version));
    }
    const sections = changedSections(changes);
    for (const count of summary.querySelectorAll(".pp-compare-count")) {
      count.textContent = countSentence(changes.length, sections.length);
    }
    for (const toc of summary.querySelectorAll(".pp-changes-toc")) {
      toc.querySelector("ul").replaceChildren(...sections.map((section) => {
        const item = document.createElement("li");
        item.append(section.id ? link(section.id, section.title) : section.title, ": ");
        section.changes.forEach((change, index) => {
          if (index) item.append(", ");
          item.append(link(change.anchor, change.label));
        });
        return item;
      }));
      toc.hidden = !sections.length;
    }
    summary.hidden = false;
  }

  async function showComparison(view) {
    const status = view.querySelector(".pp-compare-status");
    const target = view.querySelector(".pp-redline");
    const say = (message) => {
      if (status) status.textContent = message;
    };
    const summary = view.querySelector(".pp-compare-summary");
    if (summary) summary.hidden = true;
    const asked = requested();
    if (asked.refused) return say(said.say(asked.refused, asked.values));
    const { from, to } = asked;
    for (const [name, value] of [["from", from], ["to", to]]) {
      const select = document.querySelector(`.pp-compare-form select[name="${name}"]`);
      if (select) select.value = value;
    }
    const order = asked.swapped ? `${said.say("compare_swapped", { old: from, new: to })} ` : "";
    say(order + said.say("compare_comparing", { old: from, new: to }));
    const result = await startComparison(view, from, to);
    if (result.error) {
      say(result.error.key ? said.say(result.error.key, result.error.values) : result.error.message);
    } else {
      target.innerHTML = result.html;
      const changes = result.count ? said.count("changes_count", result.count) : said.say("compare_none");
      say(order + said.say("compare_compared", { old: from, new: to, changes }));
      if (summary) showSummary(view, summary, from, to, result.changes);
    }
    current = -1;
    showNavigation();
  }

  function init() {
    said = pageWords();
    current = -1;
    showNavigation();
    for (const view of document.querySelectorAll(".pp-compare")) showComparison(view);
  }

  /** Start the comparisons this page asks for, before the rest of the page has loaded. */
  function startEarly() {
    const asked = requested();
    if (asked.refused) return;
    said = pageWords();
    for (const view of document.querySelectorAll(".pp-compare")) startComparison(view, asked.from, asked.to);
  }

  // Material's instant navigation swaps pages without reloading; document$ announces each one.
  const subscribe = () => {
    if (root.document$ && typeof root.document$.subscribe === "function") root.document$.subscribe(init);
    else init();
  };

  document.addEventListener("click", onClick);
  root.addEventListener("keydown", onKey, true);
  if (document.readyState === "loading") {
    // On the compare page, in the middle of the page (compare.html): the view is there, the theme's
    // scripts are not yet.
    startEarly();
    document.addEventListener("DOMContentLoaded", subscribe);
  } else subscribe();
})(typeof globalThis !== "undefined" ? globalThis : this);
