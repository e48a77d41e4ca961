// What a progress meter reads of a running transfer: bytes so far and the sizes announced.
export interface LiveTransfer {
  readonly transferId: number;
  downloaded(): number;
  uploaded(): number;
  /** The body's announced size (Content-Length), once the response head is in; null when unknown. */
  downloadSize(): number | null;
  /** The request body's size; null without one, or when it streams from stdin. */
  uploadSize(): number | null;
  /** Whether the transfer has ended. */
  done(): boolean;
}
