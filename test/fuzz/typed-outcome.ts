// Runs a decoder on a fuzz input and lets only the codec's own error classes through; any other throw
// (TypeError, RangeError, plain Error) propagates and fails the property. Used by every test in test/fuzz.

/** Any error class; abstract so that base classes qualify too. */
export type ErrorClass = abstract new (...args: never[]) => Error;

export type Outcome<T> = { readonly ok: true; readonly value: T } | { readonly ok: false; readonly error: Error };

/** A message a user can act on: not empty, and no NaN or undefined leaking in from arithmetic on missing bytes. */
function isClearMessage(message: string): boolean {
  return message.trim() !== '' && !/\bNaN\b|\bundefined\b/.test(message);
}

/** The decoder's result, or the typed error it threw; rethrows anything else unchanged. */
export function decodeOrTypedError<T>(run: () => T, allowed: readonly ErrorClass[]): Outcome<T> {
  try {
    return { ok: true, value: run() };
  } catch (err) {
    if (!(err instanceof Error) || !allowed.some((c) => err instanceof c)) throw err;
    if (!isClearMessage(err.message)) throw new Error(`${err.name} with an unclear message: ${JSON.stringify(err.message)}`, { cause: err });
    return { ok: false, error: err };
  }
}

/** What two outcomes must share to count as the same: the value as JSON, or the error's class and message. */
export function outcomeKey(outcome: Outcome<unknown>): string {
  return outcome.ok ? JSON.stringify(outcome.value) : `${outcome.error.name}: ${outcome.error.message}`;
}
