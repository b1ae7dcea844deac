// The differential test: what courseq says about every lesson of a course
// must equal what the remark/MDX stack (remark-parse, remark-frontmatter,
// remark-gfm, remark-mdx; github-slugger) says about the same file.
//
// usage: node differential.mjs COURSEQ COURSE_DIR [--slugs github|astro5]
//
// Compared per lesson: headings (depth, text, slug, line), links of the body
// (url, line), JSX elements (name, line), imports (source, names, line),
// code blocks (lang, line) and the number of tables. Any difference fails.
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { reference } from './reference.mjs';

const [courseq, dir, ...rest] = process.argv.slice(2);
const slugs = rest.includes('--slugs') ? rest[rest.indexOf('--slugs') + 1] : 'github';
if (!courseq || !dir) {
  console.error('usage: node differential.mjs COURSEQ COURSE_DIR [--slugs github|astro5]');
  process.exit(2);
}

// A fresh index of its own, so nothing left by an earlier build is read.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'courseq-diff-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
const db = path.join(tmp, 'index.db');
const run = (...args) => JSON.parse(execFileSync(courseq, ['-C', dir, '--db', db, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 }));

function ours(show) {
  return {
    headings: show.headings.map((h) => ({ depth: h.depth, text: h.text, slug: h.slug, line: h.line })),
    links: show.links
      .filter((l) => ['markdown', 'definition', 'jsx', 'asset'].includes(l.kind))
      .map((l) => ({ url: l.url, line: l.line })),
    components: show.components.map((c) => ({ name: c.name, line: c.line })),
    imports: show.imports.map((i) => ({ source: i.source, names: i.names, line: i.line })),
    code: show.code.map((c) => ({ lang: c.lang, line: c.line })),
    tables: show.tables,
  };
}

const byLine = (a, b) => a.line - b.line || JSON.stringify(a).localeCompare(JSON.stringify(b));
const key = (x) => JSON.stringify(x);

function compare(kind, want, got, out) {
  if (!Array.isArray(want)) {
    if (want !== got) out.push(`  ${kind}: remark ${want}, courseq ${got}`);
    return;
  }
  const w = [...want].sort(byLine), g = [...got].sort(byLine);
  const gs = new Map(), ws = new Map();
  for (const x of g) gs.set(key(x), (gs.get(key(x)) || 0) + 1);
  for (const x of w) ws.set(key(x), (ws.get(key(x)) || 0) + 1);
  for (const x of w) if (!(gs.get(key(x)) > 0)) out.push(`  ${kind}: remark has ${key(x)}, courseq not`); else gs.set(key(x), gs.get(key(x)) - 1);
  for (const x of g) if (!(ws.get(key(x)) > 0)) out.push(`  ${kind}: courseq has ${key(x)}, remark not`); else ws.set(key(x), ws.get(key(x)) - 1);
}

const lessons = run('list', '--json');
let passed = 0, failed = 0;
for (const lesson of lessons) {
  const show = run('show', '--json', lesson.id);
  const file = show.file;
  const out = [];
  let want;
  try {
    want = reference(fs.readFileSync(file, 'utf8'), slugs);
  } catch (e) {
    // The reference cannot parse it (invalid MDX): nothing to compare, but
    // courseq must have said something is wrong.
    if (!show.diagnostics.some((d) => d.severity === 'error')) out.push(`  remark fails (${e.message.split('\n')[0]}) but courseq reports no error`);
  }
  if (want) {
    const got = ours(show);
    for (const k of Object.keys(want)) compare(k, want[k], got[k], out);
  }
  if (out.length) {
    failed++;
    console.log(`not ok ${lesson.id}\n${out.join('\n')}`);
  } else {
    passed++;
    console.log(`ok ${lesson.id}`);
  }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);

