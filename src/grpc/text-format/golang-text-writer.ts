// golang/protobuf's textWriter (proto/text_encode.go), the writer behind proto.CompactText and proto.MarshalText:
// tracks indentation and whether the line is complete; in compact mode every newline becomes a space.
// Used by golang-printer.ts.

export class GoTextWriter {
  private buf = '';
  private complete = true;
  indent = 0;

  constructor(readonly compact: boolean) {}

  text(): string {
    return this.buf;
  }

  /** Writes `p`, indenting each line it starts (textWriter.Write). */
  write(p: string): void {
    const frags = p.split('\n');
    if (frags.length === 1) {
      if (!this.compact && this.complete) this.writeIndent();
      this.buf += p;
      this.complete = false;
      return;
    }
    if (this.compact) {
      this.buf += frags.join(' ');
      return;
    }
    frags.forEach((frag, i) => {
      if (this.complete) this.writeIndent();
      this.buf += frag;
      if (i + 1 < frags.length) this.buf += '\n';
    });
    this.complete = frags[frags.length - 1] === '';
  }

  /** One character (textWriter.WriteByte). */
  writeByte(c: string): void {
    const ch = this.compact && c === '\n' ? ' ' : c;
    if (!this.compact && this.complete) this.writeIndent();
    this.buf += ch;
    this.complete = ch === '\n';
  }

  /** Text appended as is, on the current line (the quoted-string body). */
  append(raw: string): void {
    this.buf += raw;
  }

  /** `name:` then a space unless compact; a group's type name takes no colon (textWriter.writeName). */
  writeName(name: string, isGroup: boolean): void {
    if (!this.compact && this.complete) this.writeIndent();
    this.complete = false;
    if (isGroup) this.buf += name;
    else {
      this.buf += name;
      this.writeByte(':');
    }
    if (!this.compact) this.writeByte(' ');
  }

  private writeIndent(): void {
    if (!this.complete) return;
    this.buf += ' '.repeat(this.indent * 2);
    this.complete = false;
  }
}
