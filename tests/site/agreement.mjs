// courseq's link model against the built site: for every link in a lesson
// body that stays on the site, courseq's verdict (ok or broken) must equal
// the crawl's (served or not). The crawl of the real Astro build is the
// ground truth.
//
// usage: node agreement.mjs COURSEQ COURSE_DIR CRAWL_JSON
import { execFileSync } from 'node:child_process';
import fs from 'node:fs';

const [courseq, dir, crawlFile] = process.argv.slice(2);
if (!crawlFile) {
  console.error('usage: node agreement.mjs COURSEQ COURSE_DIR CRAWL_JSON');
  process.exit(2);
}
const run = (...args) => execFileSync(courseq, ['-C', dir, ...args], { encoding: 'utf8', maxBuffer: 1 << 28 });
const crawl = JSON.parse(fs.readFileSync(crawlFile, 'utf8'));
const norm = (h) => { try { return decodeURI(h); } catch { return h; } };

// The crawl's verdicts, by page and href as the lesson wrote it.
const served = new Map();
for (const l of crawl.links) {
  if (l.tag === 'script' || l.attr === 'srcset') continue;
  served.set(`${l.page}\u0000${norm(l.href)}`, l);
}

const lessons = JSON.parse(run('list', '--json'));
const body = new Set(['markdown', 'definition', 'jsx', 'asset']);
let passed = 0, failed = 0;
for (const lesson of lessons) {
  const page = `/course/${lesson.id}/`;
  const problems = [];
  for (const link of JSON.parse(run('links', '--json', lesson.id))) {
    if (!body.has(link.kind) || link.status === 'external') continue;
    const c = served.get(`${page}\u0000${norm(link.url)}`);
    if (!c) { problems.push(`  ${link.url}: not in the built page (line ${link.line})`); continue; }
    const ours = link.status === 'ok' || link.status === 'page';
    if (ours !== c.ok)
      problems.push(`  ${link.url} (line ${link.line}): courseq says ${link.status}, the site ${c.ok ? 'serves it' : 'does not: ' + c.reason}`);
  }
  if (problems.length) { failed++; console.log(`not ok ${lesson.id}\n${problems.join('\n')}`); }
  else { passed++; console.log(`ok ${lesson.id}`); }
}
console.log(`${passed} passed, ${failed} failed`);
process.exit(failed ? 1 : 0);
