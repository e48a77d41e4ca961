// The text sink of the .proto printer, with protoprint's (jhump/protoreflect, which grpcurl's describe uses)
// spacing rule: a trailing space is held back and dropped before ';', ',' or ']'. Used by the print-*.ts files.
export interface ProtoWriter {
  /** Appends text; a trailing space is deferred until the next write. */
  write(text: string): void;
  /** `count` levels of two-space indentation. */
  indent(count: number): void;
  /** Ends the line unless the last write did. */
  endLine(): void;
  /** The doc comment before an element: each line as `//line`, at the element's indentation. */
  docComment(comment: string | undefined, indent: number): void;
  text(): string;
}

export function createProtoWriter(): ProtoWriter {
  let out = '';
  let pendingSpace = false;
  let atLineStart = true;
  const write = (input: string): void => {
    if (input === '') return;
    let text = input;
    atLineStart = false;
    if (pendingSpace) {
      if (text[0] !== ';' && text[0] !== ',' && text[0] !== ']') out += ' ';
      pendingSpace = false;
    }
    if (text.endsWith(' ')) {
      pendingSpace = true;
      text = text.slice(0, -1);
    }
    if (text.endsWith('\n')) atLineStart = true;
    out += text;
  };
  const indent = (count: number): void => {
    for (let i = 0; i < count; i++) write('  ');
  };
  return {
    write,
    indent,
    endLine: () => {
      if (!atLineStart) write('\n');
    },
    docComment: (comment, level) => {
      if (comment === undefined || comment === '') return;
      const lines = comment.split('\n');
      if (lines[0] === '') lines.shift();
      if (lines[lines.length - 1] === '') lines.pop();
      if (lines.length === 0) return;
      if (!atLineStart) write('\n');
      for (const line of lines) {
        indent(level);
        write(`//${line.replace(/[ \t]+$/, '')}\n`);
      }
    },
    text: () => out,
  };
}
