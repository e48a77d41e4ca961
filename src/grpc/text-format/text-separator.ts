// grpcurl's -format text request stream (format.go's textRequestParser): messages are separated by the ASCII
// record separator 0x1E (textSeparatorChar); grpcurl also writes it before every response after the first.

/** ASCII RS, grpcurl's textSeparatorChar. */
export const TEXT_SEPARATOR = '\x1e';

export interface TextMessageSplitter {
  /** Feeds text as it arrives; returns the messages the separators in it completed, separators removed. */
  push(chunk: string): string[];
  /**
   * The input ended: the text after the last separator, always one message, as grpcurl reads it: empty input is
   * one empty message, and input ending in a separator ends with an empty message.
   */
  end(): string[];
}

export function splitTextMessages(): TextMessageSplitter {
  let pending = '';
  let ended = false;
  return {
    push(chunk) {
      // Only the new chunk is scanned, so a long message arriving in many chunks costs linear time.
      const parts = chunk.split(TEXT_SEPARATOR);
      if (parts.length === 1) {
        pending += chunk;
        return [];
      }
      const done = [pending + parts[0], ...parts.slice(1, -1)];
      pending = parts[parts.length - 1] ?? '';
      return done;
    },
    end() {
      if (ended) return [];
      ended = true;
      const last = pending;
      pending = '';
      return [last];
    },
  };
}
