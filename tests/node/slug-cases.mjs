// Slugs on hard headings: thousands of generated ones (punctuation,
// symbols, emoji, Cyrillic, Greek final sigma, combining marks, NBSP, tabs,
// invisible characters, duplicates) and every heading of the sample course
// and the fixtures, written as lessons of a course made for the run, then
// compared by the differential test (github-slugger, as remark-based sites
// and Astro make them) for both slug profiles.
//
// usage: node slug-cases.mjs COURSEQ ROOT
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const [courseq, root] = process.argv.slice(2);
if (!courseq || !root) {
  console.error('usage: node slug-cases.mjs COURSEQ ROOT');
  process.exit(2);
}

const pieces = [
  'Привет', 'мир', 'Ёжик и ёлка', 'ЗАГЛАВНЫЕ', 'ΣΊΣΥΦΟΣ', 'ΟΔΟΣ', 'όδος', 'ς', 'e\u0301', 'cafe\u0301', 'café',
  'naïve', 'ß', 'ẞ', 'İstanbul', 'ǅ', 'Ⅻ', '½', 'x²', '١٢٣', '中文', '日本語', '한국어', '𝔘𝔫𝔦', 'ﬁ', 'Å', 'ÿ',
  '😀', '👩‍💻', '🇷🇺', '❤️', '#️⃣', 'C++', 'C#', 'F#', 'a_b', '_x_', 'a-b', 'a—b', 'a–b', 'a--b', 'a---b', '--',
  'a\u00a0b', 'a\tb', 'a\u2003b', 'a\u200bb', 'a\u2060b', 'a\u00adb', '100%', '$var', '@at', 'a/b', 'a.b',
  'a:b', 'a;b', 'a,b', '(x)', 'x!', '¿Qué?', '«ёлки»', '„кавычки“', '‘single’', '“double”', '…', '...', '&amp;',
  '&', 'a & b', '|pipe|', '~tilde~', '+plus+', '=eq=', '^caret', '$$', '1.', '2)', '3.14', 'v1.2.3', 'HTTP/2',
  'snake_case_name', 'kebab-case-name', 'CamelCase', '\\{brace\\}', '\\<angle\\>', '\\*star\\*', '\\`tick\\`',
  '`code`', '`a--b`', '**bold**', '*em*', '_em_', '[link](#x)', '![img](/i.png)', 'trailing -', '- leading',
  'end.', 'end -', '-', '___', '  inner  spaces  ',
];

// A small deterministic generator: the same headings every run.
let seed = 20261124;
const rand = (n) => ((seed = (seed * 1103515245 + 12345) % 2147483648) % n);

const headings = [];
for (let i = 0; i < 3000; i++) {
  const k = 1 + rand(4), parts = [];
  for (let j = 0; j < k; j++) parts.push(pieces[rand(pieces.length)]);
  headings.push(parts.join(rand(5) === 0 ? '' : ' '));
}
for (const p of pieces) headings.push(p, p); // each alone, and a duplicate

// Every heading the course and the fixtures have, as courseq read them.
const tmp = fs.mkdtempSync(path.join(os.tmpdir(), 'courseq-slugs-'));
process.on('exit', () => fs.rmSync(tmp, { recursive: true, force: true }));
for (const dir of [root, path.join(root, 'tests/fixtures/mdx')]) {
  const q = execFileSync(courseq, ['-C', dir, '--db', path.join(tmp, 'scan.db'), 'query', '--json',
    'SELECT text FROM headings'], { encoding: 'utf8', maxBuffer: 1 << 26 });
  fs.rmSync(path.join(tmp, 'scan.db'), { force: true });
  for (const row of JSON.parse(q)) if (!/[{}<>]/.test(row.text)) headings.push(row.text);
}

// Lessons of 200 headings each: duplicates meet within a lesson.
const course = path.join(tmp, 'course');
const dir = path.join(course, 'src/content/course/01-module-1');
fs.mkdirSync(dir, { recursive: true });
const per = 200;
for (let i = 0; i * per < headings.length; i++) {
  const body = headings.slice(i * per, (i + 1) * per)
    .map((h, j) => `${'#'.repeat(2 + (j % 4))} ${h}\n\nText.\n`).join('\n');
  const name = String(i + 1).padStart(2, '0');
  fs.writeFileSync(path.join(dir, `${name}-slugs.mdx`),
    `---\ntitle: "Slugs ${name}"\ndescription: "x"\norder: ${i + 1}\ndifficulty: beginner\n` +
    `estimatedTime: 1\ntopics: ["slugs"]\n---\n\n${body}`);
}
console.log(`# ${headings.length} headings in ${Math.ceil(headings.length / per)} lessons`);

const differential = path.join(path.dirname(new URL(import.meta.url).pathname), 'differential.mjs');
let failed = 0;
for (const profile of ['github', 'astro5']) {
  fs.writeFileSync(path.join(course, 'courseq.yaml'), `content: src/content/course\nslugs: ${profile}\n`);
  try {
    const out = execFileSync('node', [differential, courseq, course, '--slugs', profile],
      { encoding: 'utf8', maxBuffer: 1 << 26 });
    for (const line of out.split('\n')) if (line.startsWith('ok ')) console.log(`ok ${profile}: ${line.slice(3)}`);
  } catch (e) {
    failed++;
    for (const line of String(e.stdout).split('\n')) {
      if (line.startsWith('ok ')) console.log(`ok ${profile}: ${line.slice(3)}`);
      else if (line.startsWith('not ok ')) console.log(`not ok ${profile}: ${line.slice(7)}`);
      else if (line) console.log(line);
    }
  }
}
process.exit(failed ? 1 : 0);
