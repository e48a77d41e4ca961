// Server reflection (grpc/reflection/v1/reflection.proto, falling back to v1alpha): the server's services and
// the file descriptors a symbol needs, dependencies included, so a call needs no .proto at hand.
import { ProtobufWireError, readWireFields, wireBytesField, type WireField } from '../../codec/index.js';
import type { AppEngine } from '../../engine/index.js';
import { QurlError } from '../../errors/index.js';
import type { HeaderList } from '../../trace/index.js';
import { callRaw } from '../raw-call.js';
import type { GrpcSpec } from '../grpc-spec.js';
import { GRPC_CODE, grpcCodeName } from '../grpc-status.js';

const PATHS = ['/grpc.reflection.v1.ServerReflection/ServerReflectionInfo', '/grpc.reflection.v1alpha.ServerReflection/ServerReflectionInfo'];

/** ServerReflectionRequest's fields (host = 1). */
const REQUEST = { fileByFilename: 3, fileContainingSymbol: 4, listServices: 7 } as const;
/** ServerReflectionResponse's fields. */
const RESPONSE = { fileDescriptor: 4, listServices: 6, error: 7 } as const;

const fieldsOf = (bytes: Uint8Array): WireField[] => {
  try {
    return readWireFields(bytes);
  } catch (err) {
    if (err instanceof ProtobufWireError) throw new QurlError('grpc-schema', `the server's reflection answer does not decode: ${err.message}`, { cause: err });
    throw err;
  }
};
const bytesOf = (fields: readonly WireField[], n: number): Uint8Array[] => fields.flatMap((f) => (f.number === n && f.kind === 'bytes' ? [f.value] : []));
const text = (b: Uint8Array): string => new TextDecoder().decode(b);

export interface ReflectionClient {
  services(): Promise<string[]>;
  /** The files that define `symbol` and everything they import (built-in ones the server may leave out); none when the server does not know it. */
  filesFor(symbol: string): Promise<Uint8Array[]>;
}

export function createReflectionClient(spec: GrpcSpec, engine: AppEngine, metadata: HeaderList): ReflectionClient {
  let path: string | null = null;
  let calls = 0;

  /** One request, one answer; the first call finds which reflection version the server speaks. */
  const ask = async (request: Uint8Array): Promise<WireField[]> => {
    for (const candidate of path ? [path] : PATHS) {
      const { responses, status } = await callRaw(spec, candidate, [request], metadata, engine, ++calls);
      if (status.code === GRPC_CODE.UNIMPLEMENTED && !path && candidate !== PATHS[PATHS.length - 1]) continue;
      if (status.code !== GRPC_CODE.OK) throw new QurlError('grpc-schema', `server reflection failed: ${grpcCodeName(status.code)}: ${status.message}${status.code === GRPC_CODE.UNIMPLEMENTED ? ' (give the schema with -proto or -protoset)' : ''}`);
      path = candidate;
      const answer = fieldsOf(responses[0] ?? new Uint8Array());
      const error = bytesOf(answer, RESPONSE.error)[0];
      if (error) {
        const e = fieldsOf(error);
        if (e.some((f) => f.number === 1 && f.kind === 'varint' && f.value === BigInt(GRPC_CODE.NOT_FOUND))) return [];
        throw new QurlError('grpc-schema', `server reflection: ${text(bytesOf(e, 2)[0] ?? new Uint8Array()) || 'an error without a message'}`);
      }
      return answer;
    }
    throw new QurlError('grpc-schema', 'the server does not support reflection (give the schema with -proto or -protoset)');
  };

  const descriptors = async (field: number, name: string): Promise<Uint8Array[]> => {
    const answer = await ask(wireBytesField(field, name));
    const response = bytesOf(answer, RESPONSE.fileDescriptor)[0];
    return response ? bytesOf(fieldsOf(response), 1) : [];
  };

  return {
    async services() {
      const answer = await ask(wireBytesField(REQUEST.listServices, ''));
      const list = bytesOf(answer, RESPONSE.listServices)[0];
      return list ? bytesOf(fieldsOf(list), 1).map((s) => text(bytesOf(fieldsOf(s), 1)[0] ?? new Uint8Array())).sort() : [];
    },
    async filesFor(symbol) {
      const byName = new Map<string, Uint8Array>();
      const add = (files: readonly Uint8Array[]): void => {
        for (const f of files) byName.set(text(bytesOf(fieldsOf(f), 1)[0] ?? new Uint8Array()), f);
      };
      add(await descriptors(REQUEST.fileContainingSymbol, symbol));
      // FileDescriptorProto.dependency = 3: fetch what the server did not send along.
      for (let missing = unresolved(byName); missing.length > 0; missing = unresolved(byName)) {
        for (const name of missing) {
          const files = await descriptors(REQUEST.fileByFilename, name).catch(() => []);
          if (files.length === 0) byName.set(name, new Uint8Array());
          add(files);
        }
      }
      return [...byName.values()].filter((f) => f.length > 0);
    },
  };
}

function unresolved(byName: ReadonlyMap<string, Uint8Array>): string[] {
  const wanted = new Set<string>();
  for (const file of byName.values()) {
    if (file.length === 0) continue;
    for (const dep of bytesOf(readWireFields(file), 3)) wanted.add(text(dep));
  }
  return [...wanted].filter((name) => !byName.has(name));
}
