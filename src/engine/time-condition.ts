// -z/--time-cond when the server ignores the condition: curl checks Last-Modified itself and skips the body.
import { headerValue } from '../trace/index.js';
import type { ResponseHead } from '../transport/index.js';
import type { RequestSpec } from './request-spec.js';

/** -z against a server that ignored it: curl skips a body whose Last-Modified does not meet the condition. */
export function unmetTimeCondition(spec: RequestSpec, head: ResponseHead): string | undefined {
  const cond = spec.timeCondition;
  if (!cond || head.status !== 200) return undefined;
  const modified = Date.parse(headerValue(head.headers, 'last-modified') ?? '');
  if (Number.isNaN(modified)) return undefined;
  const at = Math.floor(cond.date.getTime() / 1000) * 1000;
  if (cond.header === 'If-Modified-Since' && modified <= at) return 'The requested document is not new enough';
  if (cond.header === 'If-Unmodified-Since' && modified > at) return 'The requested document is not old enough';
  return undefined;
}
