// -:/--next: splits argv into groups of URLs with their own options, as curl does; the option table says
// which words take an argument, so `-d --next` stays data and only a real --next divides.
import { findOption } from './option-lookup.js';
import type { OptionDef } from './option-table.js';

const DIVIDERS = new Set(['-:', '--next']);

function takesArg(def: OptionDef | undefined): boolean {
  return def?.arg !== undefined;
}

/** How many words an option word consumes from argv (1, or 2 when its argument is the next word). */
function wordsOf(word: string): number {
  if (word.startsWith('--')) return word.includes('=') || !takesArg(findOption(word.slice(2))) ? 1 : 2;
  if (!word.startsWith('-') || word === '-') return 1;
  // A cluster of short options: the first that takes an argument takes the rest of the word, or the next word.
  for (let i = 1; i < word.length; i++) {
    if (takesArg(findOption(word[i]!))) return i === word.length - 1 ? 2 : 1;
  }
  return 1;
}

export function splitArgvGroups(argv: readonly string[]): string[][] {
  const groups: string[][] = [[]];
  for (let i = 0; i < argv.length; ) {
    const word = argv[i]!;
    if (DIVIDERS.has(word)) {
      groups.push([]);
      i++;
      continue;
    }
    const n = wordsOf(word);
    groups[groups.length - 1]!.push(...argv.slice(i, i + n));
    i += n;
  }
  return groups;
}
