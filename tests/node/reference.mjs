// The reference reading of one lesson: what the remark/MDX stack that Astro
// uses says about it, in the shape the differential test compares.
//
// Heading text follows Astro's rehype heading ids: the text of text, inline
// code and MDX expression nodes (image alt text is not part of it); slugs
// are github-slugger's, and for 'astro5' they are made from the text after
// smartypants and lose one trailing '-'.
import { unified } from 'unified';
import remarkParse from 'remark-parse';
import remarkFrontmatter from 'remark-frontmatter';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import { visit, SKIP } from 'unist-util-visit';
import GithubSlugger from 'github-slugger';

// smart: as Astro's smartypants leaves it ("--" in text, not code, becomes
// an em dash), which is what Astro 5 slugs.
export function headingText(node, smart = false) {
  let text = '';
  visit(node, (c) => {
    if (c.type === 'image' || c.type === 'imageReference') return SKIP;
    if (c.type === 'text') text += smart ? c.value.replace(/--/g, '\u2014') : c.value;
    if (c.type === 'inlineCode' || c.type === 'mdxTextExpression') text += c.value;
  });
  return text;
}

export function parse(source) {
  return unified().use(remarkParse).use(remarkFrontmatter).use(remarkGfm).use(remarkMdx).parse(source);
}

export function reference(source, profile = 'github') {
  const tree = parse(source);
  const slugger = new GithubSlugger();
  const out = { headings: [], links: [], components: [], imports: [], code: [], tables: 0 };
  visit(tree, (n) => {
    const line = n.position && n.position.start.line;
    switch (n.type) {
      case 'heading': {
        const text = headingText(n);
        let slug = slugger.slug(profile === 'astro5' ? headingText(n, true) : text);
        if (profile === 'astro5' && slug.endsWith('-')) slug = slug.slice(0, -1);
        out.headings.push({ depth: n.depth, text, slug, line });
        break;
      }
      case 'link':
      case 'definition':
      case 'image':
        out.links.push({ url: n.url, line });
        break;
      case 'mdxJsxFlowElement':
      case 'mdxJsxTextElement':
        out.components.push({ name: n.name || '', line });
        for (const a of n.attributes || [])
          if (a.type === 'mdxJsxAttribute' && (a.name === 'href' || a.name === 'src') && typeof a.value === 'string')
            out.links.push({ url: a.value, line: a.position.start.line });
        break;
      case 'mdxjsEsm':
        for (const s of (n.data && n.data.estree && n.data.estree.body) || [])
          if (s.type === 'ImportDeclaration')
            out.imports.push({ source: s.source.value, names: s.specifiers.map((x) => x.local.name), line: s.loc.start.line });
        break;
      case 'code':
        out.code.push({ lang: n.lang || '', line });
        break;
      case 'table':
        out.tables++;
        break;
      default:
        break;
    }
  });
  return out;
}
