// Splits a text stream into JSON values as they complete (grpcurl's request input: several objects back to
// back are a stream of messages). Linear: each character is looked at once, whatever the chunking.
import { QurlError } from '../errors/index.js';

export interface JsonValueSplitter {
  /** Feeds text as it arrives; returns the values it completed, parsed. Throws a QurlError for bad JSON. */
  push(text: string): unknown[];
  /** The input ended: the last value, if one is pending; throws when it is incomplete. */
  end(): unknown[];
}

export function createJsonValueSplitter(): JsonValueSplitter {
  let pending = '';
  let scanned = 0;
  let depth = 0;
  let inString = false;
  let escaped = false;
  let started = -1;
  let count = 0;

  const parse = (text: string): unknown => {
    try {
      return JSON.parse(text);
    } catch (err) {
      throw new QurlError('grpc-schema', `request message ${count + 1} is not valid JSON: ${(err as Error).message}`, { cause: err });
    }
  };

  /** A value that is not an object or array (a number, a string…) ends at whitespace or at the next value. */
  const scalarEnd = (at: number): boolean => depth === 0 && !inString && started >= 0 && /[\s{[]/.test(pending[at] ?? ' ') && !'{['.includes(pending[started]!);

  return {
    push(text) {
      pending += text;
      const out: unknown[] = [];
      for (let i = scanned; i < pending.length; i++) {
        const c = pending[i]!;
        if (started < 0) {
          if (/\s/.test(c)) continue;
          started = i;
        } else if (scalarEnd(i)) {
          out.push(parse(pending.slice(started, i)));
          count++;
          started = /\s/.test(c) ? -1 : i;
        }
        if (inString) {
          if (escaped) escaped = false;
          else if (c === '\\') escaped = true;
          else if (c === '"') inString = false;
          continue;
        }
        if (c === '"') inString = true;
        else if (c === '{' || c === '[') depth++;
        else if (c === '}' || c === ']') {
          depth--;
          if (depth < 0) throw new QurlError('grpc-schema', `request message ${count + 1} is not valid JSON: an unmatched "${c}"`);
          if (depth === 0) {
            out.push(parse(pending.slice(started, i + 1)));
            count++;
            started = -1;
          }
        }
      }
      // Keep only what a pending value needs, so a long stream does not pile up.
      const keep = started < 0 ? pending.length : started;
      pending = pending.slice(keep);
      if (started >= 0) started -= keep;
      scanned = pending.length;
      return out;
    },
    end() {
      if (started < 0) return [];
      if (depth > 0 || inString) throw new QurlError('grpc-schema', `request message ${count + 1} is not valid JSON: the input ended inside it`);
      const value = parse(pending.slice(started));
      pending = '';
      started = -1;
      return [value];
    },
  };
}
