export { manPage } from './man-page.js';
export { completionScript, SHELLS, type Shell } from './completions.js';
