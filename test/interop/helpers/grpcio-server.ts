// Starts grpcio-server.py (the interop TestService on Python grpcio, Debian's python3-grpcio) on a free port
// for qurl grpc's interop tests: generates the Python stubs from test/fixtures/grpc-testing, then waits for the port.
import { execa, type ResultPromise } from 'execa';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { GRPC_TESTING } from './grpc-js-server.js';

/** Debian's python: its dist-packages hold grpcio and grpc_tools, which another python3 on PATH may not see. */
export const PYTHON = '/usr/bin/python3';
export const GRPCIO_MISSING = `grpcio and grpc_tools for ${PYTHON} (apt-get install -y python3-grpcio python3-grpc-tools)`;
const SERVER = join(import.meta.dirname, 'grpcio-server.py');
const PROTOS = ['empty', 'messages', 'test'].map((n) => `src/proto/grpc/testing/${n}.proto`);

export async function hasGrpcio(): Promise<boolean> {
  return execa(PYTHON, ['-c', 'import grpc, grpc_tools'], { reject: false, timeout: 20_000 }).then((r) => r.exitCode === 0, () => false);
}

let stubs: Promise<string> | undefined;

/** The protoc-generated messages, once per test process, in a temp dir (generated code is never committed). */
function generateStubs(): Promise<string> {
  stubs ??= (async () => {
    const out = mkdtempSync(join(tmpdir(), 'qurl-grpcio-stubs-'));
    await execa(PYTHON, ['-m', 'grpc_tools.protoc', '-I', GRPC_TESTING, `--python_out=${out}`, ...PROTOS], { cwd: GRPC_TESTING, timeout: 30_000 });
    return out;
  })();
  return stubs;
}

export interface GrpcioServer {
  /** 127.0.0.1:PORT */
  readonly address: string;
  readonly port: number;
  close(): Promise<void>;
}

/** Reads the port the server prints once it listens; rejects with its stderr when it exits first. */
function portOf(child: ResultPromise, ms: number): Promise<number> {
  return new Promise((resolve, reject) => {
    let out = '';
    let err = '';
    const timer = setTimeout(() => fail(`printed no port within ${ms} ms`), ms);
    function fail(why: string): void {
      clearTimeout(timer);
      reject(new Error(`grpcio-server.py ${why}: ${err.trim() || '(no stderr)'}`));
    }
    child.stderr!.on('data', (chunk: Buffer) => (err += chunk.toString()));
    child.stdout!.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const line = /^(\d+)\n/.exec(out);
      if (line) {
        clearTimeout(timer);
        resolve(Number(line[1]));
      }
    });
    void child.then((r) => fail(`exited (${r.exitCode ?? r.signal})`));
  });
}

/** The TestService on 127.0.0.1, plaintext or TLS (PEM files). It stops when its stdin closes. */
export async function startGrpcioServer(tls?: { readonly keyFile: string; readonly certFile: string }): Promise<GrpcioServer> {
  const dir = await generateStubs();
  const args = [SERVER, dir, ...(tls ? ['--tls', tls.keyFile, tls.certFile] : [])];
  const child = execa(PYTHON, args, { reject: false, stdin: 'pipe', stdout: 'pipe', stderr: 'pipe', buffer: false, env: { PYTHONDONTWRITEBYTECODE: '1' } });
  let port: number;
  try {
    port = await portOf(child, 20_000);
  } catch (err) {
    child.kill('SIGKILL');
    throw err;
  }
  return {
    address: `127.0.0.1:${port}`,
    port,
    close: async () => {
      child.stdin!.end();
      const killer = setTimeout(() => child.kill('SIGKILL'), 5_000);
      await child;
      clearTimeout(killer);
    },
  };
}
