// How `qurl sse` shows an event: a coloured line on a terminal, JSON lines, or only the data.
import type { SseEvent } from '../codec/index.js';

export interface ReceivedEvent {
  readonly event: SseEvent;
  readonly retry?: number;
  readonly receivedAt: Date;
}

const ESC = (code: string, text: string, color: boolean): string => (color ? `\x1b[${code}m${text}\x1b[0m` : text);

function prettyData(data: string): string {
  try {
    const parsed: unknown = JSON.parse(data);
    if (typeof parsed === 'object' && parsed !== null) return JSON.stringify(parsed, null, 2);
  } catch {
    // not JSON: shown as it is
  }
  return data;
}

export function formatPretty(e: ReceivedEvent, color: boolean): string {
  const time = e.receivedAt.toISOString().slice(11, 23);
  const id = e.event.id ? ` ${ESC('2', `#${e.event.id}`, color)}` : '';
  return `${ESC('2', time, color)} ${ESC('36;1', e.event.event, color)}${id} ${prettyData(e.event.data)}\n`;
}

export function formatJson(e: ReceivedEvent): string {
  return `${JSON.stringify({ id: e.event.id, event: e.event.event, data: e.event.data, retry: e.retry ?? null, received_at: e.receivedAt.toISOString() })}\n`;
}

export function formatData(e: ReceivedEvent): string {
  return `${e.event.data}\n`;
}
