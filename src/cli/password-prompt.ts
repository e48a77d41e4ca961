// curl's password prompt for -u USER and -U USER without a password: the question on stderr, the answer read
// from the terminal with echo off, or, with no terminal (a script, CI), a line from stdin, as curl reads it.
import { closeSync, openSync, readSync, writeSync } from 'node:fs';
import { ReadStream } from 'node:tty';

const INTERRUPTED = Symbol('Ctrl-C');

/** Reads up to a line end; `raw` input (a terminal in raw mode) ends at CR too, and Ctrl-C gives up. */
function readLine(fd: number, raw: boolean): string | typeof INTERRUPTED {
  const byte = Buffer.alloc(1);
  const bytes: number[] = [];
  for (;;) {
    let n: number;
    try {
      n = readSync(fd, byte, 0, 1, null);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'EAGAIN') continue;
      throw err;
    }
    if (n === 0 || byte[0] === 0x0a || (raw && byte[0] === 0x0d)) break;
    if (raw && byte[0] === 0x03) return INTERRUPTED;
    if (raw && byte[0] === 0x7f) bytes.pop();
    else bytes.push(byte[0]!);
  }
  return Buffer.from(bytes).toString('utf8');
}

function openTerminal(): number | null {
  try {
    return openSync('/dev/tty', 'r+');
  } catch {
    return null;
  }
}

/** Asks `question` and returns the answer ('' when there is nothing to read). */
export function promptPassword(question: string): string {
  writeSync(2, question);
  const tty = openTerminal();
  if (tty === null) return readLine(0, false) as string;
  const terminal = new ReadStream(tty);
  let answer: string | typeof INTERRUPTED;
  try {
    terminal.setRawMode(true);
    answer = readLine(tty, true);
  } finally {
    terminal.setRawMode(false);
    writeSync(2, '\n');
    terminal.destroy();
    try {
      closeSync(tty);
    } catch {
      // destroy() may have closed it already
    }
  }
  // Raw mode turned Ctrl-C into a byte: end as the signal would have.
  if (answer === INTERRUPTED) process.exit(130);
  return answer;
}
