// Mermaid diagram. Two forms, as the lessons use them:
//   <Mermaid chart={`flowchart LR ...`} client:visible />
//   <Mermaid client:visible>
//   ```mermaid
//   flowchart LR ...
//   ```
//   </Mermaid>
// The server output is <pre class="mermaid">diagram source</pre>; on the
// client the `mermaid` package (loaded on demand) replaces it with the SVG.
import { isValidElement, useEffect, useId, useState, type ReactNode } from 'react';

interface Props {
  chart?: string;
  children?: ReactNode;
}

const ENTITIES: Record<string, string> = { amp: '&', lt: '<', gt: '>', quot: '"', apos: "'", nbsp: '\u00a0' };

function decodeEntities(s: string): string {
  return s.replace(/&(#x[0-9a-f]+|#[0-9]+|[a-z]+);/gi, (m, e: string) => {
    if (e[0] === '#') {
      const code = e[1] === 'x' || e[1] === 'X' ? parseInt(e.slice(2), 16) : parseInt(e.slice(1), 10);
      return Number.isFinite(code) ? String.fromCodePoint(code) : m;
    }
    return ENTITIES[e.toLowerCase()] ?? m;
  });
}

// Text of an HTML fragment: the diagram source inside <pre><code>...</code></pre>.
function htmlToText(html: string): string {
  return decodeEntities(html.replace(/<br\s*\/?>/gi, '\n').replace(/<[^>]*>/g, ''));
}

// The diagram source from the children. In Astro, a framework component gets
// its slot as one element whose `value` prop is the rendered HTML (on the
// server and on the client alike); plain strings and elements work too.
function sourceOf(node: ReactNode): string {
  if (node == null || typeof node === 'boolean') return '';
  if (typeof node === 'string' || typeof node === 'number') return String(node);
  if (Array.isArray(node)) return node.map(sourceOf).join('');
  if (isValidElement(node)) {
    const props = node.props as { value?: unknown; children?: ReactNode };
    // On the server the slot HTML is a String object (Astro's HTMLString).
    if (typeof props.value === 'string' || props.value instanceof String) return htmlToText(String(props.value));
    return sourceOf(props.children);
  }
  return '';
}

// Removes the common indentation and the blank lines around the diagram.
function dedent(text: string): string {
  const lines = text.replace(/\r\n?/g, '\n').split('\n');
  while (lines.length && !lines[0].trim()) lines.shift();
  while (lines.length && !lines[lines.length - 1].trim()) lines.pop();
  const indents = lines.filter((l) => l.trim()).map((l) => /^[ \t]*/.exec(l)![0].length);
  const cut = indents.length ? Math.min(...indents) : 0;
  return lines.map((l) => l.slice(cut)).join('\n');
}

let initialized = false;

export function Mermaid({ chart, children }: Props) {
  const source = dedent(chart ?? sourceOf(children));
  const id = 'mermaid-' + useId().replace(/[^a-zA-Z0-9_-]/g, '');
  const [svg, setSvg] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    let cancelled = false;
    (async () => {
      try {
        const { default: mermaid } = await import('mermaid');
        if (!initialized) {
          mermaid.initialize({ startOnLoad: false, securityLevel: 'strict', theme: 'default' });
          initialized = true;
        }
        const result = await mermaid.render(id + '-svg', source);
        if (!cancelled) setSvg(result.svg);
      } catch (e) {
        if (!cancelled) setError(e instanceof Error ? e.message : String(e));
      }
    })();
    return () => {
      cancelled = true;
    };
  }, [id, source]);

  if (svg) {
    return <div className="mermaid-diagram" data-rendered="true" dangerouslySetInnerHTML={{ __html: svg }} />;
  }
  return (
    <div className="mermaid-diagram">
      <pre className="mermaid">{source}</pre>
      {error && <p className="mermaid-error">Mermaid: {error}</p>}
    </div>
  );
}

export default Mermaid;
