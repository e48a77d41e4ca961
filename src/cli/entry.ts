// The bundle's entry point (bin/qurl.js loads the bundle built from it).
import { main } from './main.js';

await main(process.argv.slice(2));
