// The cookie engine, in a bundle of its own: only commands with -b, -c or -j load tough-cookie.
export { createCookieEngine } from './cookie-engine.js';
export type { CookieEngine, CookieEngineOptions } from './cookie-engine.js';
export { formatCookieFile, parseCookieFile } from './netscape-format.js';
export type { CookieRecord } from './netscape-format.js';
