// Types of the connection chain: steps stacked bottom-up (dns → tcp → tls), each doing only its own work.
import type { Duplex } from 'node:stream';
import type { ResolvedAddress, TimingMarks, TransferTrace } from '../../trace/index.js';
import type { QuicSession } from './quic-driver.js';
import type { UserReads } from './user-reads.js';

export interface ConnectTarget {
  /** The host the URL names, IPv6 without brackets (used for SNI and certificate checks). */
  readonly host: string;
  readonly port: number;
  /** Where to really connect, after --connect-to. */
  readonly connectHost: string;
  readonly connectPort: number;
}

/** A host and port one step talks to: the origin, the --connect-to target, or a proxy. */
export interface Endpoint {
  /** A name or an address; IPv6 addresses without brackets. */
  readonly host: string;
  readonly port: number;
}

export interface ResolveOverride {
  readonly host: string;
  /** 0 = any port. */
  readonly port: number;
  readonly addresses: readonly string[];
}

export type TlsVersion = 'TLSv1' | 'TLSv1.1' | 'TLSv1.2' | 'TLSv1.3';

export interface TlsSettings {
  readonly insecure: boolean;
  readonly caFile?: string;
  readonly caPath?: string;
  readonly certFile?: string;
  readonly keyFile?: string;
  /** --cert-type (PEM, DER, P12) and --key-type (PEM, DER), upper-cased; PEM when absent. Others fail (58) when loaded. */
  readonly certType?: string;
  readonly keyType?: string;
  /** The key's or the P12 file's pass phrase (--pass). */
  readonly passphrase?: string;
  readonly alpn: readonly string[];
  readonly minVersion?: TlsVersion;
  readonly maxVersion?: TlsVersion;
  /** OpenSSL cipher list for TLS 1.2 and older (--ciphers) and TLS 1.3 suites (--tls13-ciphers). */
  readonly ciphers?: string;
  readonly tls13Ciphers?: string;
  /** --pinnedpubkey: sha256//BASE64[;…] or a PEM/DER public key file. */
  readonly pinnedPubkey?: string;
  /** --crlfile (PEM). */
  readonly crlFile?: string;
}

/** --interface and --local-port: the connection's own end (curl's CURLOPT_INTERFACE and CURLOPT_LOCALPORT). */
export interface LocalBind {
  /** 'if': an interface name only; 'host': a name or address only; 'any': an interface name, else a name or address. */
  readonly interface?: { readonly kind: 'any' | 'if' | 'host'; readonly name: string };
  /** The ports to try, in order; absent: any. */
  readonly ports?: { readonly first: number; readonly last: number };
}

/** Socket tuning (--tcp-nodelay, --keepalive-time, --happy-eyeballs-timeout-ms): never part of a pool key. */
export interface TcpTuning {
  readonly noDelay: boolean;
  /** Idle time before keepalive probes; null: no keepalive. */
  readonly keepaliveMs: number | null;
  readonly happyEyeballsMs?: number;
}

/** --haproxy-protocol: a PROXY protocol v1 line before anything else; `clientIp` replaces the local address in it. */
export interface HaproxyOptions {
  readonly clientIp?: string;
}

export type ProxyScheme = 'http' | 'https' | 'socks5' | 'socks5h' | 'socks4' | 'socks4a';

/** A proxy on the way (-x). socks5h and socks4a let the proxy resolve the target's name. */
export interface ProxyHop {
  readonly scheme: ProxyScheme;
  readonly host: string;
  readonly port: number;
  /** The Proxy-Authorization value (HTTP proxies); it goes to the proxy only and is never traced in clear. */
  readonly authorization?: string;
  /** User and password for SOCKS5 (RFC 1929); the user id for SOCKS4. */
  readonly socksUser?: string;
  readonly socksPassword?: string;
  /** CONNECT to the target (https:// targets, or -p); otherwise requests go to the proxy in absolute form. */
  readonly tunnel: boolean;
  /** TLS to an https:// proxy (--proxy-cacert, --proxy-insecure). */
  readonly tls?: TlsSettings;
  readonly userAgent?: string;
  /** --proxy-header fields for the CONNECT request, in order (a removed name is left out). */
  readonly headers?: readonly (readonly [string, string])[];
  /** --proxy1.0: `CONNECT … HTTP/1.0`. */
  readonly http10?: boolean;
}

/** --doh-url: names resolved by someone other than getaddrinfo (a DNS-over-HTTPS server); not part of a pool key. */
export type NameResolver = (host: string, signal: AbortSignal) => Promise<{ readonly addresses: readonly ResolvedAddress[]; /** For -v: how they were found. */ readonly note: string }>;

export interface ConnectOptions {
  /** Resolves the origin's name instead of the system resolver (--resolve, literals and localhost still come first). */
  readonly resolver?: NameResolver;
  /** Plain HTTP/1.x over TCP (no TLS, no proxy): its socket is read through UserReads. Not part of a pool key. */
  readonly userReads?: boolean;
  readonly resolve: readonly ResolveOverride[];
  readonly ipVersion: 4 | 6 | null;
  readonly tls: TlsSettings | null;
  readonly proxy: ProxyHop | null;
  /** 'quic': HTTP/3 over UDP (dns → quic); never through a proxy. */
  readonly transport: 'tcp' | 'quic';
  /** A Unix domain socket to use instead of DNS and TCP (abstract ones start with NUL); proxies are then ignored, as in curl. */
  readonly unixSocket?: string;
  /** --interface, --local-port (TCP and QUIC). */
  readonly bind?: LocalBind;
  /** TCP only; absent: TCP_NODELAY on, keepalive after 60 s, Node's Happy Eyeballs delay. */
  readonly tcp?: TcpTuning;
  /** TCP only (an error for QUIC). */
  readonly haproxy?: HaproxyOptions;
}

export interface ConnectContext {
  readonly target: ConnectTarget;
  readonly options: ConnectOptions;
  readonly signal: AbortSignal;
  readonly trace: TransferTrace;
  readonly timings: TimingMarks;
  readonly connId: number;
}

/** What a step hands to the step above it. */
export interface StepOutput {
  readonly stream: Duplex | null;
  /** The QUIC connection, from the quic step (which has no byte stream). */
  readonly quic?: QuicSession;
  readonly addresses: readonly ResolvedAddress[];
  /** The tcp step's, when asked for: how the protocol on top reads the socket (see user-reads.ts). */
  readonly reads?: UserReads;
}

export type StepCapability = 'ip' | 'tls' | 'proxy' | 'multiplex';

/** A certificate the server sent, as -w %{certs} shows it (OpenSSL's one-line names). */
export interface PeerCertificate {
  readonly subject: string;
  readonly issuer: string;
  readonly serialNumber: string;
  readonly validFrom: string;
  readonly validTo: string;
  readonly subjectAltName?: string;
  /** 'rsaEncryption', 'id-ecPublicKey'…, when the key's kind is known. */
  readonly keyAlgorithm?: string;
  readonly der: Uint8Array;
}

export interface StepInfo {
  readonly remoteAddress?: string;
  readonly remotePort?: number;
  readonly localAddress?: string;
  readonly localPort?: number;
  readonly alpn?: string;
  readonly tlsVersion?: string;
  readonly cipher?: string;
  /** OpenSSL's X509_V_* number, as curl's %{ssl_verify_result}. */
  readonly sslVerifyResult?: number;
  /** The server's certificate chain, leaf first (for -w %{certs}); read from the socket when called. */
  readonly peerCertificates?: () => readonly PeerCertificate[];
  /** The proxy's answer to CONNECT, as curl's %{http_connect}. */
  readonly httpConnectCode?: number;
}

export interface ConnectStep {
  readonly name: string;
  /** Where this step connects or tunnels to (for messages). */
  readonly endpoint?: Endpoint;
  readonly provides: ReadonlySet<StepCapability>;
  /** Runs once the step below is connected; returns the stream for the step above. */
  connect(below: StepOutput, ctx: ConnectContext): Promise<StepOutput>;
  /** What the step learned; valid after connect() resolved. */
  info(): StepInfo;
  /** Frees only this step's own resources. */
  close(): void;
}

export interface ConnectionChain {
  readonly connId: number;
  readonly steps: readonly ConnectStep[];
  /** The byte stream of a TCP chain; null for a QUIC chain. */
  readonly stream: Duplex | null;
  readonly quic: QuicSession | null;
  /** Set when `stream` is a socket read through UserReads (the plan asked for it, and nothing is layered on it). */
  readonly reads: UserReads | null;
  readonly info: StepInfo;
  readonly isTls: boolean;
  readonly isTunnel: boolean;
  close(): void;
}
