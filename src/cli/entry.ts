// The bundle's entry point (bin/qurl.js compiles the bundle built from it).
import { main } from './main.js';

void main(process.argv.slice(2));
