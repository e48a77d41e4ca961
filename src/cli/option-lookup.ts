// Option names as curl resolves them, for parse-argv.ts, config-file.ts and expand-argv.ts: an exact long name,
// an unambiguous prefix of one, `expand-NAME` (curl 8.3's --expand-), a short letter.
import { OPTIONS, type OptionDef } from './option-table.js';

export const ALL_OPTIONS = OPTIONS as readonly OptionDef[];
export const BY_LONG = new Map(ALL_OPTIONS.map((d) => [d.long, d]));
export const BY_SHORT = new Map(ALL_OPTIONS.flatMap((d) => (d.short ? [[d.short, d] as const] : [])));

/** An option by its exact long name or its letter, without dashes. */
export const findOption = (name: string): OptionDef | undefined => BY_LONG.get(name) ?? BY_SHORT.get(name);

/** The long options `name` abbreviates (as curl, an unambiguous prefix is the option). */
export const prefixed = (name: string): readonly OptionDef[] => (name === '' ? [] : ALL_OPTIONS.filter((d) => d.long.startsWith(name)));

export type LongLookup =
  | { readonly kind: 'found'; readonly def: OptionDef; readonly expand: boolean }
  | { readonly kind: 'ambiguous' | 'unknown' };

/** A long option's name without its dashes (and without any =value). */
export function lookupLong(name: string): LongLookup {
  const expand = name.startsWith('expand-') && !BY_LONG.has(name);
  const bare = expand ? name.slice('expand-'.length) : name;
  const exact = BY_LONG.get(bare);
  if (exact) return { kind: 'found', def: exact, expand };
  const candidates = prefixed(bare);
  if (candidates.length === 1) return { kind: 'found', def: candidates[0]!, expand };
  return { kind: candidates.length > 1 ? 'ambiguous' : 'unknown' };
}

/** Whether the option's argument may be left out ([CATEGORY]): then it is the next word only when that is no option. */
export const hasOptionalArg = (def: OptionDef): boolean => def.arg?.startsWith('[') === true;
