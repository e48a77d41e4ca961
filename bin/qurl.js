#!/usr/bin/env node
// Launcher: compiles dist/qurl.cjs — and the bundles it loads on demand (grpc, serve, …) — with V8 code caches
// kept in the user's cache directory (no logic here).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { createRequire, wrap } = require('node:module');

const dist = path.join(__dirname, '..', 'dist');
const cacheDir = process.env.XDG_CACHE_HOME || (process.env.HOME ? path.join(process.env.HOME, '.cache') : '');
const loaded = new Map();

/** Runs one CommonJS bundle of dist/ as Node would, but through a code cache; its require() does the same for its siblings. */
function load(file) {
  if (loaded.has(file)) return loaded.get(file).exports;
  const source = fs.readFileSync(file, 'utf8');
  const name = path.basename(file, '.cjs');
  const cacheFile = cacheDir && path.join(cacheDir, 'qurl', `${name}-${process.version}-${fs.statSync(file).mtimeMs}-${source.length}.bin`);
  let cachedData;
  try {
    cachedData = cacheFile ? fs.readFileSync(cacheFile) : undefined;
  } catch {}
  const script = new vm.Script(wrap(source), { filename: file, cachedData });
  if (cacheFile && (!cachedData || script.cachedDataRejected)) {
    // After the run, so the functions it compiled lazily are in the cache too.
    process.once('exit', () => {
      try {
        const dir = path.dirname(cacheFile);
        fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
        // Caches of earlier builds of this bundle for this Node (and the launcher's old code-*.bin) are dead weight.
        const stale = [`${name}-${process.version}-`, `code-${process.version}-`];
        for (const old of fs.readdirSync(dir)) if (stale.some((prefix) => old.startsWith(prefix))) fs.rmSync(path.join(dir, old), { force: true });
        fs.writeFileSync(cacheFile, script.createCachedData(), { mode: 0o600 });
      } catch {}
    });
  }
  const module = { exports: {} };
  loaded.set(file, module);
  const nodeRequire = createRequire(file);
  const bundleRequire = (id) => (id.startsWith('./') && id.endsWith('.cjs') ? load(path.join(dist, id)) : nodeRequire(id));
  Object.assign(bundleRequire, nodeRequire);
  script.runInThisContext()(module.exports, bundleRequire, module, file, dist);
  return module.exports;
}

const bundle = path.join(dist, 'qurl.cjs');
if (!fs.existsSync(bundle)) {
  process.stderr.write(`qurl: ${bundle} is missing: build it with 'npm run build' (npm install does it)\n`);
  process.exit(2);
}
load(bundle);
