#!/usr/bin/env node
// Compiles every lesson of the sample course with the real MDX compiler
// (@mdx-js/mdx 3, with remark-frontmatter and remark-gfm as Astro uses them)
// and parses its YAML frontmatter.
//
//   node tests/node/compile-lessons.mjs [DIR | FILE.mdx ...]
//
// DIR defaults to content/src/content/course. Lives in tests/node so that its
// imports resolve from tests/node/node_modules (npm ci there first).
// Prints `path:line:col: message` per error, then `N lessons compiled, N errors`;
// exits 1 on any error (2 on a usage error).
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { compile } from '@mdx-js/mdx';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import YAML from 'yaml';

const here = path.dirname(fileURLToPath(import.meta.url));
const args = process.argv.slice(2);
const roots = args.length ? args.map((a) => path.resolve(a)) : [path.resolve(here, '../../content/src/content/course')];

function walk(p) {
  const st = fs.statSync(p);
  if (st.isFile()) return [p];
  return fs.readdirSync(p, { withFileTypes: true })
    .flatMap((e) => (e.isDirectory() ? walk(path.join(p, e.name)) : /\.mdx$/.test(e.name) ? [path.join(p, e.name)] : []));
}

let files = [];
for (const root of roots) {
  if (!fs.existsSync(root)) {
    console.error(`compile-lessons: no such file or directory: ${root}`);
    process.exit(2);
  }
  files.push(...walk(root));
}
files = [...new Set(files)].sort();

let errors = 0;
const show = (file) => {
  const rel = path.relative(process.cwd(), file);
  return rel && !rel.startsWith('..') && !path.isAbsolute(rel) ? rel : file;
};
function report(file, line, col, message) {
  errors++;
  console.log(`${show(file)}:${line ?? 1}:${col ?? 1}: ${message}`);
}

for (const file of files) {
  const src = fs.readFileSync(file, 'utf8');
  // Frontmatter: YAML between the first two `---` lines.
  const fm = /^---\r?\n([\s\S]*?)\r?\n---\r?(?:\n|$)/.exec(src);
  if (!fm) {
    report(file, 1, 1, 'no YAML frontmatter');
  } else {
    const doc = YAML.parseDocument(fm[1], { prettyErrors: false });
    for (const e of doc.errors) {
      const [line, col] = e.linePos?.[0] ? [e.linePos[0].line + 1, e.linePos[0].col] : [2, 1];
      report(file, line, col, `YAML: ${e.message.split('\n')[0]}`);
    }
    if (!doc.errors.length && (doc.contents === null || typeof doc.toJS() !== 'object' || Array.isArray(doc.toJS()))) {
      report(file, 2, 1, 'YAML: frontmatter is not a mapping');
    }
  }
  try {
    await compile({ path: file, value: src }, { remarkPlugins: [remarkFrontmatter, remarkGfm] });
  } catch (e) {
    const line = e.line ?? e.place?.start?.line ?? e.place?.line;
    const col = e.column ?? e.place?.start?.column ?? e.place?.column;
    const rule = e.ruleId ? ` [${e.source ? e.source + ':' : ''}${e.ruleId}]` : '';
    report(file, line, col, `${e.reason ?? e.message}${rule}`);
  }
}
console.log(`${files.length} lessons compiled, ${errors} error${errors === 1 ? '' : 's'}`);
process.exit(errors ? 1 : 0);
