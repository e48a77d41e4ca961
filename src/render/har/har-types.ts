// The parts of HAR 1.2 (http://www.softwareishard.com/blog/har-12-spec/) that qurl writes.

export interface HarNameValue {
  readonly name: string;
  readonly value: string;
}

export interface HarTimings {
  readonly blocked: number;
  readonly dns: number;
  readonly connect: number;
  readonly send: number;
  readonly wait: number;
  readonly receive: number;
  readonly ssl: number;
}

export interface HarEntry {
  readonly startedDateTime: string;
  readonly time: number;
  readonly request: {
    readonly method: string;
    readonly url: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarNameValue[];
    readonly headers: readonly HarNameValue[];
    readonly queryString: readonly HarNameValue[];
    readonly headersSize: number;
    readonly bodySize: number;
  };
  readonly response: {
    readonly status: number;
    readonly statusText: string;
    readonly httpVersion: string;
    readonly cookies: readonly HarNameValue[];
    readonly headers: readonly HarNameValue[];
    readonly content: { readonly size: number; readonly mimeType: string };
    readonly redirectURL: string;
    readonly headersSize: number;
    readonly bodySize: number;
    /** qurl: why the exchange failed (the status is 0 then). */
    readonly _error?: string;
  };
  readonly cache: Record<string, never>;
  readonly timings: HarTimings;
  readonly serverIPAddress?: string;
  readonly connection?: string;
  /** qurl: the HTTP version as qurl names it ('1.1', '2', '3'). */
  readonly _httpVersion: string;
  /** qurl: HTTP/2 or HTTP/3 frames of the exchange, both ways (streams and the connection's own while it ran). */
  readonly _frames?: { readonly sent: number; readonly received: number };
  /** qurl: the run's transfer this exchange belongs to (redirects and authentication answers share one). */
  readonly _transfer: number;
}

export interface HarLog {
  readonly log: {
    readonly version: '1.2';
    readonly creator: { readonly name: string; readonly version: string };
    readonly pages: readonly never[];
    readonly entries: readonly HarEntry[];
  };
}
