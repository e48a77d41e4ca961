#!/usr/bin/env node
// Launcher: compiles dist/qurl.cjs with a V8 code cache kept in the user's cache directory (no logic here).
'use strict';
const fs = require('node:fs');
const path = require('node:path');
const vm = require('node:vm');
const { setFlagsFromString } = require('node:v8');

// Before any compile, so cached code matches these flags. undici parses HTTP/1 with llhttp in WebAssembly;
// V8 would re-compile it with TurboFan in the background and wait for that at exit (~150 ms a run).
setFlagsFromString('--liftoff-only');

const bundle = path.join(__dirname, '..', 'dist', 'qurl.cjs');
let source;
try {
  source = fs.readFileSync(bundle, 'utf8');
} catch {
  process.stderr.write(`qurl: ${bundle} is missing: build it with 'npm run build' (npm install does it)\n`);
  process.exit(2);
}
const cacheDir = process.env.XDG_CACHE_HOME || (process.env.HOME ? path.join(process.env.HOME, '.cache') : '');
const cacheFile = cacheDir && path.join(cacheDir, 'qurl', `code-${process.version}-${fs.statSync(bundle).mtimeMs}-${source.length}.bin`);
let cachedData;
try {
  cachedData = cacheFile ? fs.readFileSync(cacheFile) : undefined;
} catch {}
const script = new vm.Script(require('node:module').wrap(source), { filename: bundle, cachedData });
if (cacheFile && (!cachedData || script.cachedDataRejected)) {
  // After the run, so the functions it compiled lazily are in the cache too.
  process.once('exit', () => {
    try {
      fs.mkdirSync(path.dirname(cacheFile), { recursive: true, mode: 0o700 });
      fs.writeFileSync(cacheFile, script.createCachedData(), { mode: 0o600 });
    } catch {}
  });
}
const exported = { exports: {} };
script.runInThisContext()(exported.exports, require('node:module').createRequire(bundle), exported, bundle, path.dirname(bundle));
