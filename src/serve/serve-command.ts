// `qurl serve`: starts the test server in the foreground and prints where it listens.
import { SERVE_OPTIONS, optionRows } from '../cli/command-options.js';
import { QurlError } from '../errors/index.js';
import { startServe, type H2Switches } from './start-serve.js';
import type { H3Switches } from './h3-switches.js';

const USAGE = `Usage: qurl serve [options]

Starts a loopback test server until Ctrl-C: HTTP/1.1, TLS with h2 and HTTP/1.1, h2c by prior knowledge, and
HTTP/3 over UDP on the TLS port's number. The TLS certificate is generated at start; its CA is written to
--ca-file (or a temp file) for --cacert. The GOAWAY and close switches are edge cases for clients.

${optionRows(SERVE_OPTIONS)}
`;

function takeNumber(value: string | undefined, flag: string, max = 65535): number {
  const n = Number(value);
  if (value === undefined || !Number.isInteger(n) || n < 0 || n > max) throw new QurlError('bad-option', `${flag} needs a whole number from 0 to ${max}`);
  return n;
}

export async function runServeCommand(argv: readonly string[]): Promise<number> {
  let host: string | undefined;
  let port: number | undefined;
  let tlsPort: number | undefined;
  let h2cPort: number | undefined;
  let caFile: string | undefined;
  let json = false;
  let h3 = true;
  let h2: H2Switches = {};
  let h3Switches: H3Switches = {};
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    if (a === '--host') host = argv[++i];
    else if (a === '--port') port = takeNumber(argv[++i], a);
    else if (a === '--tls-port') tlsPort = takeNumber(argv[++i], a);
    else if (a === '--h2c-port') h2cPort = takeNumber(argv[++i], a);
    else if (a === '--ca-file') caFile = argv[++i];
    else if (a === '--json') json = true;
    else if (a === '--no-h3') h3 = false;
    else if (a === '--goaway-after') h2 = { ...h2, goawayAfter: takeNumber(argv[++i], a, 1_000_000) };
    else if (a === '--h2-header-table-size') h2 = { ...h2, headerTableSize: takeNumber(argv[++i], a, 2 ** 31 - 1) };
    else if (a === '--h2-max-header-list-size') h2 = { ...h2, maxHeaderListSize: takeNumber(argv[++i], a, 2 ** 31 - 1) };
    else if (a === '--h3-goaway-after') h3Switches = { ...h3Switches, goawayAfter: takeNumber(argv[++i], a, 1_000_000) };
    else if (a === '--h3-close-idle') h3Switches = { ...h3Switches, closeIdleMs: takeNumber(argv[++i], a, 3_600_000) };
    else if (a === '--h3-close-before-response') h3Switches = { ...h3Switches, closeBeforeResponseAfter: takeNumber(argv[++i], a, 1_000_000) };
    else if (a === '--help' || a === '-h') {
      process.stdout.write(USAGE);
      return 0;
    } else throw new QurlError('bad-option', `qurl serve: unknown option ${a} (try 'qurl serve --help')`);
  }
  const served = await startServe({ host, port, tlsPort, h2cPort, caFile, h2, h3, h3Switches });
  if (json) process.stdout.write(`${JSON.stringify({ http: served.httpUrl, https: served.httpsUrl, h3: served.h3Url, h2c: served.h2cUrl, h2cNoPing: served.h2cNoPingUrl, ca: served.caFile })}\n`);
  else {
    process.stdout.write(
      `qurl serve listening (Ctrl-C stops it)\n  http   ${served.httpUrl}   (HTTP/1.1)\n  https  ${served.httpsUrl}   (h2 and HTTP/1.1; --cacert ${served.caFile})\n` +
        (served.h3Url ? `  h3     ${served.h3Url}   (HTTP/3 over UDP: --http3-only)\n` : `  h3     off (${served.h3Problem})\n`) +
        `  h2c    ${served.h2cUrl}   (--http2-prior-knowledge)\n  h2c    ${served.h2cNoPingUrl}   (the same, but PINGs are never answered)\n`,
    );
  }
  await new Promise<void>((resolve) => {
    process.once('SIGINT', resolve);
    process.once('SIGTERM', resolve);
  });
  await served.close();
  return 0;
}
