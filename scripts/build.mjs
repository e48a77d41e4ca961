// Bundles the CLI for start-up speed: one small entry chunk, heavy modules split out and loaded on demand.
import { build } from 'esbuild';
import { rmSync } from 'node:fs';

/**
 * Start-up trims: undici and commander load Node modules at the top level that qurl never uses on a plain
 * request (node:http2 for undici's own h2 client, node:http for two constants, child_process for commander's
 * executable sub-commands). Each costs milliseconds on every run, so the bundle gets stand-ins.
 */
const STUBS = [
  {
    // undici's HTTP/2 client: qurl offers undici only http/1.1 (its h2 runs on node:http2 directly).
    filter: /^\.\/client-h2\.js$/,
    importer: /undici[\\/]lib[\\/]dispatcher[\\/]client\.js$/,
    contents: "module.exports = function () { throw new Error('undici h2 is not used by qurl') }",
  },
  {
    // undici reads http.maxHeaderSize (qurl always passes its own) and compares prototypes with IncomingMessage.
    filter: /^node:http$/,
    importer: /undici[\\/]lib[\\/]/,
    contents: 'module.exports = { maxHeaderSize: 16384, IncomingMessage: class IncomingMessage {} }',
  },
  {
    // commander spawns processes only for executable sub-commands; load child_process if that ever happens.
    filter: /^node:child_process$/,
    importer: /commander[\\/]/,
    contents: "module.exports = new Proxy({}, { get: (_t, k) => require('node:child_process')[k] })",
  },
];

const trimStartup = {
  name: 'trim-startup',
  setup(b) {
    for (const [i, stub] of STUBS.entries()) {
      b.onResolve({ filter: stub.filter }, (args) =>
        stub.importer.test(args.importer) ? { path: `stub-${i}`, namespace: 'qurl-stub' } : undefined,
      );
    }
    b.onLoad({ filter: /.*/, namespace: 'qurl-stub' }, (args) => ({
      contents: STUBS[Number(args.path.slice('stub-'.length))].contents,
      loader: 'js',
    }));
  },
};

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
  plugins: [trimStartup],
  // CommonJS dependencies (undici, commander) call require(); give the ESM bundle one.
  banner: { js: "import { createRequire as __qurlCreateRequire } from 'node:module'; const require = __qurlCreateRequire(import.meta.url);" },
  logLevel: 'warning',
});
