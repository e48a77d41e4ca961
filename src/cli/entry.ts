// The bundle's entry point (bin/qurl.js loads the bundle built from it).
import { setFlagsFromString } from 'node:v8';
import { main } from './main.js';

// undici parses HTTP/1 with llhttp compiled to WebAssembly. V8 then re-compiles it with TurboFan in the
// background and waits for that at exit: ~150 ms on every short run. The baseline compiler is plenty here.
setFlagsFromString('--liftoff-only');

await main(process.argv.slice(2));
