import fs from 'node:fs';
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
const src = fs.readFileSync(process.argv[2], 'utf8');
try {
const tree = unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMdx).parse(src);
function p(n, d) {
  const pos = n.position ? `${n.position.start.line}:${n.position.start.column}` : '';
  let extra = n.value !== undefined ? JSON.stringify(n.value).slice(0, 50) : '';
  if (n.name !== undefined) extra += ' name=' + n.name;
  if (n.url !== undefined) extra += ' url=' + n.url;
  if (n.lang !== undefined) extra += ' lang=' + n.lang;
  console.log('  '.repeat(d) + n.type + ' ' + pos + ' ' + extra);
  for (const c of n.children || []) p(c, d + 1);
}
p(tree, 0);
} catch (e) { console.log('ERROR', e.line, e.column, e.reason || e.message); }
