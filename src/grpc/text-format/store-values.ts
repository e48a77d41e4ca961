// Parsed values into the message: repeated fields and maps append, a singular scalar keeps the last value, a
// singular message merges (grpcurl's dynamic messages do the same), a oneof keeps the member set last.
// Extensions go through bufbuild's setExtension. Used by parse-text-format.ts.
import { getExtension, hasExtension, merge, setExtension, type DescExtension, type DescField, type Message } from '@bufbuild/protobuf';
import { isReflectMessage, type ReflectMessage } from '@bufbuild/protobuf/reflect';

/** Values in reflect form: scalars, enum numbers, ReflectMessages, or [key, value] pairs for a map. */
export function storeField(r: ReflectMessage, field: DescField, values: readonly unknown[]): void {
  switch (field.fieldKind) {
    case 'map': {
      const map = r.get(field);
      for (const [key, value] of values as [unknown, unknown][]) map.set(key, value);
      return;
    }
    case 'list': {
      const list = r.get(field);
      for (const value of values) list.add(value);
      return;
    }
    case 'message':
      for (const value of values as ReflectMessage[]) {
        if (r.isSet(field)) merge(field.message, r.get(field).message, value.message);
        else r.set(field, value);
      }
      return;
    default:
      if (values.length > 0) r.set(field, values[values.length - 1]);
  }
}

export function storeExtension(message: Message, ext: DescExtension, values: readonly unknown[]): void {
  const shaped = values.map((value) => (isReflectMessage(value) ? value.message : typeof value === 'bigint' && 'longAsString' in ext && ext.longAsString ? value.toString() : value));
  if (ext.fieldKind === 'list') {
    const current = hasExtension(message, ext) ? (getExtension(message, ext) as unknown[]) : [];
    setExtension(message, ext, [...current, ...shaped]);
    return;
  }
  for (const value of shaped) {
    if (ext.message !== undefined && hasExtension(message, ext)) {
      const current = getExtension(message, ext) as Message;
      merge(ext.message, current, value as Message);
      setExtension(message, ext, current);
    } else setExtension(message, ext, value);
  }
}

