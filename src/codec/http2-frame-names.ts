// Names HTTP/2 gives to frame types, flags, settings and error codes (RFC 9113 §6, §6.5.2, §7), as nghttp prints them.
export const FRAME_TYPES: readonly string[] = [
  'DATA', 'HEADERS', 'PRIORITY', 'RST_STREAM', 'SETTINGS', 'PUSH_PROMISE', 'PING', 'GOAWAY', 'WINDOW_UPDATE', 'CONTINUATION',
];

export const FRAME_TYPE = {
  DATA: 0, HEADERS: 1, PRIORITY: 2, RST_STREAM: 3, SETTINGS: 4, PUSH_PROMISE: 5, PING: 6, GOAWAY: 7, WINDOW_UPDATE: 8, CONTINUATION: 9,
} as const;

export const FLAG = { END_STREAM: 0x1, ACK: 0x1, END_HEADERS: 0x4, PADDED: 0x8, PRIORITY: 0x20 } as const;

/** Flag names that apply to each frame type, by bit. */
const FLAGS_BY_TYPE: Readonly<Record<number, readonly (readonly [number, string])[]>> = {
  [FRAME_TYPE.DATA]: [[0x1, 'END_STREAM'], [0x8, 'PADDED']],
  [FRAME_TYPE.HEADERS]: [[0x1, 'END_STREAM'], [0x4, 'END_HEADERS'], [0x8, 'PADDED'], [0x20, 'PRIORITY']],
  [FRAME_TYPE.SETTINGS]: [[0x1, 'ACK']],
  [FRAME_TYPE.PUSH_PROMISE]: [[0x4, 'END_HEADERS'], [0x8, 'PADDED']],
  [FRAME_TYPE.PING]: [[0x1, 'ACK']],
  [FRAME_TYPE.CONTINUATION]: [[0x4, 'END_HEADERS']],
};

export function flagNames(type: number, flags: number): string[] {
  return (FLAGS_BY_TYPE[type] ?? []).filter(([bit]) => flags & bit).map(([, name]) => name);
}

export const SETTINGS_NAMES: Readonly<Record<number, string>> = {
  1: 'SETTINGS_HEADER_TABLE_SIZE',
  2: 'SETTINGS_ENABLE_PUSH',
  3: 'SETTINGS_MAX_CONCURRENT_STREAMS',
  4: 'SETTINGS_INITIAL_WINDOW_SIZE',
  5: 'SETTINGS_MAX_FRAME_SIZE',
  6: 'SETTINGS_MAX_HEADER_LIST_SIZE',
  8: 'SETTINGS_ENABLE_CONNECT_PROTOCOL',
  9: 'SETTINGS_NO_RFC7540_PRIORITIES',
};

export const ERROR_CODES: readonly string[] = [
  'NO_ERROR', 'PROTOCOL_ERROR', 'INTERNAL_ERROR', 'FLOW_CONTROL_ERROR', 'SETTINGS_TIMEOUT', 'STREAM_CLOSED',
  'FRAME_SIZE_ERROR', 'REFUSED_STREAM', 'CANCEL', 'COMPRESSION_ERROR', 'CONNECT_ERROR', 'ENHANCE_YOUR_CALM',
  'INADEQUATE_SECURITY', 'HTTP_1_1_REQUIRED',
];

export function errorCodeName(code: number): string {
  return ERROR_CODES[code] ?? `UNKNOWN_ERROR(0x${code.toString(16)})`;
}

export function frameTypeName(type: number): string {
  return FRAME_TYPES[type] ?? `UNKNOWN(0x${type.toString(16).padStart(2, '0')})`;
}
