// npm run docs: writes the man page and the completion scripts from the built docs bundle (which the option
// tables feed); test/unit/cli/docs.test.ts fails when the committed files and the tables disagree.
import { mkdirSync, writeFileSync } from 'node:fs';
import { createRequire } from 'node:module';

const { manPage, completionScript } = createRequire(import.meta.url)('../dist/docs.cjs');
mkdirSync('man', { recursive: true });
mkdirSync('completions', { recursive: true });
writeFileSync('man/qurl.1', manPage());
writeFileSync('completions/qurl.bash', completionScript('bash'));
writeFileSync('completions/_qurl', completionScript('zsh'));
writeFileSync('completions/qurl.fish', completionScript('fish'));
console.error('docs: wrote man/qurl.1 and completions/{qurl.bash,_qurl,qurl.fish}');
