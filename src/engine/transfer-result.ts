// TransferResult: what one URL's transfer did, for -w, --timing and the exit code.
import type { QurlError } from '../errors/index.js';
import type { HeaderList, TimingRecord } from '../trace/index.js';

export interface TransferResult {
  readonly transferId: number;
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
  readonly error?: QurlError;
}
