// QurlError: the single error type every layer throws; cli/main.ts prints its message and exits with its code.
import { exitCodeOf, type ErrorKind } from './exit-codes.js';

export interface ErrorContext {
  readonly host?: string;
  readonly port?: number;
  readonly step?: string;
  readonly url?: string;
  /** The peer reset the stream (RST_STREAM, or HTTP/3's RESET_STREAM/STOP_SENDING) with this code. */
  /** The proxy's Proxy-Authenticate challenges when it answered CONNECT with 407. */
  readonly proxyAuthenticate?: readonly string[];
  readonly streamReset?: { readonly protocol: 'h2' | 'h3'; readonly code: number; readonly name: string };
}

export class QurlError extends Error {
  readonly kind: ErrorKind;
  readonly exitCode: number;
  readonly context: ErrorContext;

  constructor(kind: ErrorKind, message: string, options: { cause?: unknown; context?: ErrorContext } = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'QurlError';
    this.kind = kind;
    this.exitCode = exitCodeOf(kind);
    this.context = options.context ?? {};
    Object.defineProperty(this, BRAND, { value: true });
  }

  /**
   * `instanceof QurlError` holds across bundles (qurl grpc and qurl serve are bundles of their own, each with
   * a copy of this class, and errors cross between them); subclasses keep the ordinary check.
   */
  static override [Symbol.hasInstance](value: unknown): boolean {
    if (this !== QurlError) return Function.prototype[Symbol.hasInstance].call(this, value);
    return typeof value === 'object' && value !== null && BRAND in value;
  }
}

/** Marks QurlErrors across bundles. */
const BRAND = Symbol.for('qurl.QurlError');

export function isQurlError(err: unknown): err is QurlError {
  return err instanceof QurlError;
}

/** Wraps a foreign error where it first appears; a QurlError passes through unchanged. */
export function toQurlError(err: unknown, kind: ErrorKind, message?: string, context?: ErrorContext): QurlError {
  if (err instanceof QurlError) return err;
  const text = message ?? (err instanceof Error ? err.message : String(err));
  return new QurlError(kind, text, { cause: err, context });
}

export function errorCode(err: unknown): string | undefined {
  if (typeof err === 'object' && err !== null && 'code' in err) {
    const code = (err as { code: unknown }).code;
    return typeof code === 'string' ? code : undefined;
  }
  return undefined;
}
