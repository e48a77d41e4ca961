// Bundles the CLI for start-up speed: one CommonJS bundle for every request, and separate bundles, loaded on
// demand, for `qurl grpc`, `qurl serve` and the --timing table; bin/qurl.js compiles each with a V8 code cache.
import { build } from 'esbuild';
import { mkdirSync, rmSync, writeFileSync } from 'node:fs';

/**
 * Start-up trims: commander loads child_process at the top level for executable sub-commands, which qurl never
 * uses; it costs milliseconds on every run, so the bundle gets a stand-in.
 */
const STUBS = [
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

/** Dynamic imports that become bundles of their own, so a plain request never parses them. */
const LAZY = { '../serve/index.js': 'serve', '../grpc/index.js': 'grpc', '../cookies/index.js': 'cookies', './docs/index.js': 'docs', 'cli-table3': 'cli-table3', chalk: 'chalk' };
const LAZY_ENTRIES = {
  serve: 'src/serve/index.ts', grpc: 'src/grpc/index.ts', cookies: 'src/cookies/index.ts', docs: 'src/cli/docs/index.ts', 'cli-table3': 'node_modules/cli-table3/index.js', chalk: 'node_modules/chalk/source/index.js',
};

const splitLazy = {
  name: 'split-lazy',
  setup(b) {
    b.onResolve({ filter: /^(\.\.\/(serve|grpc|cookies)\/index\.js|\.\/docs\/index\.js|cli-table3|chalk)$/ }, (args) =>
      args.kind === 'dynamic-import' ? { path: `./${LAZY[args.path]}.cjs`, external: true } : undefined,
    );
  },
};

const common = {
  bundle: true,
  format: 'cjs',
  platform: 'node',
  target: 'node20',
  // QURL_NO_MINIFY=1 keeps names readable in CPU profiles.
  minify: process.env.QURL_NO_MINIFY !== '1',
  legalComments: 'none',
  logLevel: 'warning',
  // import() becomes require(): V8 drops the dynamic-import callback of functions restored from a code cache.
  supported: { 'dynamic-import': false },
};

rmSync('dist', { recursive: true, force: true });
mkdirSync('dist');
writeFileSync('dist/package.json', '{ "type": "commonjs" }\n');
await build({ ...common, entryPoints: ['src/cli/entry.ts'], outfile: 'dist/qurl.cjs', plugins: [splitLazy, trimStartup] });
for (const [name, entry] of Object.entries(LAZY_ENTRIES)) {
  await build({ ...common, entryPoints: [entry], outfile: `dist/${name}.cjs` });
}
