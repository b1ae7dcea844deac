// Astro site around the sample course. Build: `npm run build` (sets
// ASTRO_TELEMETRY_DISABLED=1). Nothing here reaches the network at build time:
// no remote fonts, no remote images.
import { defineConfig } from 'astro/config';
import mdx from '@astrojs/mdx';
import react from '@astrojs/react';

export default defineConfig({
  integrations: [mdx(), react()],
  // Pages are built as /course/<lesson id>/index.html; lessons link to
  // /course/<lesson id> (no trailing slash), which every static server maps
  // to that index.html.
  build: { format: 'directory' },
  markdown: {
    // Heading ids keep Astro's default (github-slugger, one trailing '-'
    // removed): no rehype-slug or similar. Mermaid fences are left as plain
    // <pre><code> so the Mermaid component gets the diagram source verbatim.
    syntaxHighlight: { type: 'shiki', excludeLangs: ['mermaid', 'math'] },
  },
  // mermaid's lazily loaded chunks (one per diagram type) reach ~700 kB.
  vite: { build: { chunkSizeWarningLimit: 1000 } },
});
