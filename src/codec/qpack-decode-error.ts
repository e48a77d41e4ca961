// Errors of the QPACK decoder (RFC 9204): malformed input, and field sections that would block.
export class QpackDecodeError extends Error {
  override readonly name: string = 'QpackDecodeError';
}

/** A field section needs dynamic table inserts that have not arrived yet (RFC 9204 §2.1.2); this decoder does not queue it. */
export class QpackBlockedError extends QpackDecodeError {
  override readonly name: string = 'QpackBlockedError';

  constructor(
    readonly requiredInsertCount: number,
    readonly insertCount: number,
    message: string,
  ) {
    super(message);
  }
}
