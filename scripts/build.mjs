// Bundles the CLI for start-up speed: one small entry chunk, heavy modules split out and loaded on demand.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

rmSync('dist', { recursive: true, force: true });
await build({
  entryPoints: { qurl: 'src/cli/entry.ts' },
  outdir: 'dist',
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  minify: true,
  sourcemap: false,
  legalComments: 'none',
  chunkNames: 'chunks/[name]-[hash]',
  // CommonJS dependencies (undici, commander) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __qurlCreateRequire } from 'node:module'; const require = __qurlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
