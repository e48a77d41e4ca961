// The schema layer's one error shape: a QurlError of kind 'grpc-schema' (grpcurl exits 1) with a one-line
// message; every loader in src/grpc/schema throws it for bad input, never a foreign error.
import { QurlError } from '../../errors/index.js';

export function schemaError(message: string, cause?: unknown): QurlError {
  return new QurlError('grpc-schema', message.replace(/\s*\n\s*/g, ' '), cause === undefined ? {} : { cause });
}

/** The message of a foreign error, for quoting in ours. */
export function reasonOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
