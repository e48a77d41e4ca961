// printTextFormat: one message as grpcurl's `-format text` prints it (format.go's textFormatter): a response is a
// dynamic message (jhump/protoreflect's MarshalTextIndent), a well-known type a generated one (golang/protobuf's
// TextMarshaler with ExpandAny); one trailing newline is cut, as grpcurl does.
import type { DescMessage, Message, Registry } from '@bufbuild/protobuf';
import { reflect } from '@bufbuild/protobuf/reflect';
import { printDynamicText } from './dynamic-printer.js';
import { printGolangText } from './golang-printer.js';
import { WELL_KNOWN_TYPES } from './well-known-types.js';

/** The message in grpcurl's text format, without a trailing newline (an empty message prints as ""). */
export function printTextFormat(desc: DescMessage, message: Message, registry: Registry): string {
  const r = reflect(desc, message, false);
  const text = WELL_KNOWN_TYPES.has(desc.typeName) ? printGolangText(r, { compact: false, expandAny: true, registry }) : printDynamicText(r, registry);
  return text.endsWith('\n') ? text.slice(0, -1) : text;
}
