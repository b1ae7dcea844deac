#!/usr/bin/env node
// Crawl test of the built course site (plain node, no dependencies).
//
//   node tests/site/crawl.mjs [DIST] [--json FILE]
//
// DIST defaults to content/dist. Parses every HTML page under DIST, collects
// every internal reference (href, src, srcset, and the script URLs of Astro
// islands; external schemes such as https:, mailto:, data: and //host are
// ignored) and checks that it resolves to a built page or file:
//   /x/y/ -> DIST/x/y/index.html
//   /x/y  -> DIST/x/y (a file), DIST/x/y/index.html or DIST/x/y.html
// Relative references resolve against the page's own URL. A #fragment
// (percent-decoded) must match an id, or the name of an <a>, in the target
// page (HTML's rule: an empty fragment and "top" need none). Same-page #x
// links count too. Ids and links inside <template> are not part of the page.
//
// Prints `page: href: reason` per broken link, then `N links checked, N broken`;
// exits 1 if any link is broken (2 on a usage error). --json FILE writes every
// checked link: {page, pageFile, tag, attr, href, target, targetFile, anchor, ok, reason}.
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
let dist = path.resolve(here, '../../content/dist');
let jsonOut = null;
const args = process.argv.slice(2);
for (let i = 0; i < args.length; i++) {
  if (args[i] === '--json') {
    jsonOut = args[++i];
    if (!jsonOut) usage('--json needs a file name');
  } else if (args[i] === '-h' || args[i] === '--help') usage();
  else if (args[i].startsWith('-')) usage(`unknown option ${args[i]}`);
  else dist = path.resolve(args[i]);
}
function usage(msg) {
  if (msg) console.error(`crawl: ${msg}`);
  console.error('usage: node tests/site/crawl.mjs [DIST] [--json FILE]');
  process.exit(msg ? 2 : 0);
}
if (!fs.existsSync(dist) || !fs.statSync(dist).isDirectory()) {
  console.error(`crawl: no built site at ${dist} (run the astro build first)`);
  process.exit(2);
}

// ---------------------------------------------------------------- HTML parsing

const NAMED = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };
function decodeEntities(s) {
  return s.replace(/&(#[xX][0-9a-fA-F]+|#[0-9]+|[a-zA-Z][a-zA-Z0-9]*);?/g, (m, e) => {
    if (e[0] === '#') {
      const n = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return n > 0 && n <= 0x10ffff ? String.fromCodePoint(n) : '\ufffd';
    }
    return Object.hasOwn(NAMED, e) ? NAMED[e] : m;
  });
}

const RAW_TEXT = new Set(['script', 'style', 'textarea', 'title', 'xmp', 'noembed', 'noframes']);

// Yields { name, attrs: Map, inTemplate } for every start tag, in order.
function* startTags(html) {
  let i = 0;
  let templateDepth = 0;
  const n = html.length;
  while (i < n) {
    const lt = html.indexOf('<', i);
    if (lt < 0) break;
    if (html.startsWith('<!--', lt)) {
      const end = html.indexOf('-->', lt + 4);
      i = end < 0 ? n : end + 3;
      continue;
    }
    if (html[lt + 1] === '!' || html[lt + 1] === '?') {
      const end = html.indexOf('>', lt);
      i = end < 0 ? n : end + 1;
      continue;
    }
    const close = html[lt + 1] === '/';
    const nameMatch = /^[a-zA-Z][^\s/>]*/.exec(html.slice(lt + (close ? 2 : 1), lt + 200));
    if (!nameMatch) { i = lt + 1; continue; }
    const name = nameMatch[0].toLowerCase();
    // Attributes up to the closing '>' that is outside quotes.
    let j = lt + (close ? 2 : 1) + nameMatch[0].length;
    const attrs = new Map();
    while (j < n) {
      while (j < n && /[\s/]/.test(html[j])) j++;
      if (j >= n || html[j] === '>') break;
      const an = /^[^\s"'>/=]+/.exec(html.slice(j, j + 500));
      if (!an) { j++; continue; }
      const attrName = an[0].toLowerCase();
      j += an[0].length;
      let k = j;
      while (k < n && /\s/.test(html[k])) k++;
      let value = '';
      if (html[k] === '=') {
        k++;
        while (k < n && /\s/.test(html[k])) k++;
        if (html[k] === '"' || html[k] === "'") {
          const q = html[k];
          const end = html.indexOf(q, k + 1);
          value = html.slice(k + 1, end < 0 ? n : end);
          j = end < 0 ? n : end + 1;
        } else {
          const m = /^[^\s>]*/.exec(html.slice(k));
          value = m[0];
          j = k + value.length;
        }
      }
      if (!attrs.has(attrName)) attrs.set(attrName, decodeEntities(value));
    }
    i = j + 1;
    if (close) {
      if (name === 'template' && templateDepth > 0) templateDepth--;
      continue;
    }
    yield { name, attrs, inTemplate: templateDepth > 0 };
    if (name === 'template') templateDepth++;
    if (RAW_TEXT.has(name)) {
      const re = new RegExp(`</${name}[\\s/>]`, 'ig');
      re.lastIndex = i;
      const m = re.exec(html);
      i = m ? m.index : n;
    }
  }
}

// The URLs an element refers to: [attr, value] pairs.
function referencesOf(tag) {
  const out = [];
  for (const attr of ['href', 'src', 'poster']) {
    if (tag.attrs.has(attr)) out.push([attr, tag.attrs.get(attr)]);
  }
  if (tag.attrs.has('srcset')) {
    for (const candidate of tag.attrs.get('srcset').split(/,\s+/)) {
      const url = candidate.trim().split(/\s+/)[0];
      if (url) out.push(['srcset', url]);
    }
  }
  if (tag.name === 'astro-island') {
    for (const attr of ['component-url', 'renderer-url', 'before-hydration-url']) {
      if (tag.attrs.get(attr)) out.push([attr, tag.attrs.get(attr)]);
    }
  }
  return out;
}

// ---------------------------------------------------------------- the site

function walk(dir) {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? walk(p) : [p];
  });
}
const toPosix = (p) => p.split(path.sep).join('/');
const relFile = (abs) => toPosix(path.relative(dist, abs));

// Site URL of a built page: course/a/index.html -> /course/a/, 404.html -> /404.html.
function urlOfFile(rel) {
  if (rel === 'index.html') return '/';
  if (rel.endsWith('/index.html')) return '/' + rel.slice(0, -'index.html'.length);
  return '/' + rel;
}
const isHtml = (rel) => /\.html?$/i.test(rel);

const pages = new Map(); // rel file -> { url, ids:Set, refs:[] }
function loadPage(rel) {
  if (pages.has(rel)) return pages.get(rel);
  const html = fs.readFileSync(path.join(dist, rel), 'utf8');
  const page = { url: urlOfFile(rel), ids: new Set(), refs: [], base: null };
  for (const tag of startTags(html)) {
    if (tag.inTemplate) continue;
    if (tag.attrs.has('id')) page.ids.add(tag.attrs.get('id'));
    if (tag.name === 'a' && tag.attrs.has('name')) page.ids.add(tag.attrs.get('name'));
    if (tag.name === 'base' && tag.attrs.has('href') && page.base === null) { page.base = tag.attrs.get('href'); continue; }
    for (const [attr, href] of referencesOf(tag)) page.refs.push({ tag: tag.name, attr, href });
  }
  pages.set(rel, page);
  return page;
}

function isFile(abs) {
  try { return fs.statSync(abs).isFile(); } catch { return false; }
}

// Built file serving a decoded URL path, or null.
function fileForPath(p) {
  const abs = path.join(dist, ...p.split('/').filter(Boolean));
  if (p.endsWith('/')) return isFile(path.join(abs, 'index.html')) ? relFile(path.join(abs, 'index.html')) : null;
  if (isFile(abs)) return relFile(abs);
  if (isFile(path.join(abs, 'index.html'))) return relFile(path.join(abs, 'index.html'));
  if (isFile(abs + '.html')) return relFile(abs + '.html');
  return null;
}

const EXTERNAL = /^[a-zA-Z][a-zA-Z0-9+.-]*:|^\/\//; // https:, mailto:, data:, javascript:, //host
const ORIGIN = 'http://courseq.invalid';

function check(page, ref) {
  const href = ref.href.trim();
  const result = { target: null, targetFile: null, anchor: null, ok: false, reason: null };
  let url;
  try {
    const base = new URL(page.base ?? page.url, ORIGIN + page.url);
    url = new URL(href, base);
  } catch {
    result.reason = 'not a valid URL';
    return result;
  }
  if (url.origin !== ORIGIN) { result.reason = 'points outside the site'; return result; }
  let decodedPath;
  try {
    decodedPath = decodeURIComponent(url.pathname);
  } catch {
    result.reason = `bad percent-encoding in path ${url.pathname}`;
    return result;
  }
  if (url.hash.length > 1) {
    try {
      result.anchor = decodeURIComponent(url.hash.slice(1));
    } catch {
      result.reason = `bad percent-encoding in fragment ${url.hash}`;
      return result;
    }
  }
  const targetFile = fileForPath(decodedPath);
  if (!targetFile) {
    result.target = decodedPath;
    result.reason = `no page or file at ${decodedPath}`;
    return result;
  }
  result.targetFile = targetFile;
  result.target = isHtml(targetFile) ? urlOfFile(targetFile) : '/' + targetFile;
  if (result.anchor !== null && isHtml(targetFile)) {
    const ids = loadPage(targetFile).ids;
    if (!ids.has(result.anchor) && result.anchor.toLowerCase() !== 'top') {
      result.reason = `no id "${result.anchor}" in ${result.target}`;
      return result;
    }
  }
  result.ok = true;
  return result;
}

const htmlFiles = walk(dist).map(relFile).filter(isHtml).sort();
if (htmlFiles.length === 0) {
  console.error(`crawl: no HTML pages in ${dist}`);
  process.exit(2);
}
const checked = [];
let broken = 0;
for (const rel of htmlFiles) {
  const page = loadPage(rel);
  for (const ref of page.refs) {
    if (EXTERNAL.test(ref.href.trim())) continue;
    const r = check(page, ref);
    checked.push({ page: page.url, pageFile: rel, tag: ref.tag, attr: ref.attr, href: ref.href, ...r });
    if (!r.ok) {
      broken++;
      console.log(`${page.url}: ${ref.href}: ${r.reason}`);
    }
  }
}
if (jsonOut) {
  const report = { dist, pages: htmlFiles.length, checked: checked.length, broken, links: checked };
  fs.writeFileSync(jsonOut, JSON.stringify(report, null, 2) + '\n');
}
console.log(`${checked.length} links checked, ${broken} broken`);
process.exit(broken ? 1 : 0);
