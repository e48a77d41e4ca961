// TransferResult: what one URL's transfer did, for -w, --timing and the exit code.
import type { QurlError } from '../errors/index.js';
import type { HeaderList, TimingRecord } from '../trace/index.js';
import type { PeerCertificate } from '../transport/index.js';

export interface TransferResult {
  readonly transferId: number;
  /** Which URL of its group it came from, curl's %{urlnum}. */
  readonly urlNum: number;
  /** The URL as given (after globbing), curl's %{url}. */
  readonly url: string;
  /** The Referer sent with the last request ('' for none). */
  readonly referer: string;
  /** The connection of the last request (-1 when none opened), curl's %{conn_id}. */
  readonly connId: number;
  /** The server's certificate chain (leaf first) for %{certs}, read only when asked; none without TLS. */
  readonly peerCertificates?: () => readonly PeerCertificate[];
  readonly urlEffective: string;
  readonly method: string;
  readonly scheme: string;
  /** 0 when no response arrived. */
  readonly status: number;
  /** '1.0', '1.1', '2', '3' or '0'. */
  readonly httpVersion: string;
  readonly headers: HeaderList;
  readonly numRedirects: number;
  readonly numConnects: number;
  readonly sizeDownload: number;
  readonly sizeUpload: number;
  readonly sizeHeader: number;
  readonly sizeRequest: number;
  readonly times: Readonly<Record<keyof TimingRecord, number>>;
  readonly remoteIp: string;
  readonly remotePort: number;
  readonly localIp: string;
  readonly localPort: number;
  readonly sslVerifyResult: number;
  readonly redirectUrl: string;
  /** The proxy's CONNECT status, 0 without a tunnel. */
  readonly httpConnect: number;
  readonly proxyUsed: boolean;
  /** The -o/-O file (after --output-dir), '' for stdout: curl's %{filename_effective}. */
  readonly filenameEffective: string;
  /** Whether this transfer opened that file (so wrote to it, or truncated it). */
  readonly fileOpened: boolean;
  /** --retry: how many times the transfer was tried again. */
  readonly numRetries: number;
  readonly error?: QurlError;
}
