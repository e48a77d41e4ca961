// Names HTTP/3 gives to frame types, settings, error codes and unidirectional stream types
// (RFC 9114 §7.2, §7.2.4.1, §8.1, §6.2; RFC 9204 §6), for the HTTP/3 frame trace.

const FRAME_TYPES: Readonly<Record<number, string>> = {
  0x0: 'DATA', 0x1: 'HEADERS', 0x3: 'CANCEL_PUSH', 0x4: 'SETTINGS', 0x5: 'PUSH_PROMISE', 0x7: 'GOAWAY', 0xd: 'MAX_PUSH_ID',
  0xf0700: 'PRIORITY_UPDATE', 0xf0701: 'PRIORITY_UPDATE',
};

/** HTTP/2 frame types with no HTTP/3 counterpart (PRIORITY, PING, WINDOW_UPDATE, CONTINUATION): RFC 9114 §7.2.8. */
const RESERVED_FRAME_TYPES: ReadonlySet<number> = new Set([0x2, 0x6, 0x8, 0x9]);

const SETTINGS: Readonly<Record<number, string>> = {
  0x1: 'SETTINGS_QPACK_MAX_TABLE_CAPACITY',
  0x6: 'SETTINGS_MAX_FIELD_SECTION_SIZE',
  0x7: 'SETTINGS_QPACK_BLOCKED_STREAMS',
  0x8: 'SETTINGS_ENABLE_CONNECT_PROTOCOL',
  0x33: 'SETTINGS_H3_DATAGRAM',
};

/** HTTP/2 settings with no HTTP/3 counterpart: RFC 9114 §7.2.4.1. */
const RESERVED_SETTINGS: ReadonlySet<number> = new Set([0x2, 0x3, 0x4, 0x5]);

const ERROR_CODES: Readonly<Record<number, string>> = {
  0x33: 'H3_DATAGRAM_ERROR',
  0x100: 'H3_NO_ERROR',
  0x101: 'H3_GENERAL_PROTOCOL_ERROR',
  0x102: 'H3_INTERNAL_ERROR',
  0x103: 'H3_STREAM_CREATION_ERROR',
  0x104: 'H3_CLOSED_CRITICAL_STREAM',
  0x105: 'H3_FRAME_UNEXPECTED',
  0x106: 'H3_FRAME_ERROR',
  0x107: 'H3_EXCESSIVE_LOAD',
  0x108: 'H3_ID_ERROR',
  0x109: 'H3_SETTINGS_ERROR',
  0x10a: 'H3_MISSING_SETTINGS',
  0x10b: 'H3_REQUEST_REJECTED',
  0x10c: 'H3_REQUEST_CANCELLED',
  0x10d: 'H3_REQUEST_INCOMPLETE',
  0x10e: 'H3_MESSAGE_ERROR',
  0x10f: 'H3_CONNECT_ERROR',
  0x110: 'H3_VERSION_FALLBACK',
  0x200: 'QPACK_DECOMPRESSION_FAILED',
  0x201: 'QPACK_ENCODER_STREAM_ERROR',
  0x202: 'QPACK_DECODER_STREAM_ERROR',
};

const STREAM_TYPES: Readonly<Record<number, string>> = {
  0x0: 'CONTROL', 0x1: 'PUSH', 0x2: 'QPACK_ENCODER', 0x3: 'QPACK_DECODER',
};

const hex = (n: number): string => `0x${n.toString(16)}`;

/** Grease values 0x1f * N + 0x21 that peers send to exercise "ignore what you don't know" (RFC 9114 §7.2.8, §7.2.4.1, §8.1, §6.2.3). */
const isGrease = (n: number): boolean => n >= 0x21 && (n - 0x21) % 0x1f === 0;

function nameOf(table: Readonly<Record<number, string>>, value: number, reserved?: ReadonlySet<number>): string {
  const name = table[value];
  if (name !== undefined) return name;
  if (isGrease(value) || reserved?.has(value)) return `reserved(${hex(value)})`;
  return `unknown(${hex(value)})`;
}

export function http3FrameTypeName(type: number): string {
  return nameOf(FRAME_TYPES, type, RESERVED_FRAME_TYPES);
}

export function http3SettingName(id: number): string {
  return nameOf(SETTINGS, id, RESERVED_SETTINGS);
}

export function http3ErrorName(code: number): string {
  return nameOf(ERROR_CODES, code);
}

export function http3StreamTypeName(type: number): string {
  return nameOf(STREAM_TYPES, type);
}
