// Server reflection (grpc/reflection/v1/reflection.proto, and v1alpha, the same messages) for qurl serve: the
// service list and the file descriptors a symbol or file name needs, dependencies included, from the schema.
import { readWireFields, wireBytesField, wireVarintField, type WireField } from '../../codec/index.js';
import type { GrpcSchema } from '../../grpc/schema/index.js';
import { failCall, type ServerCall } from './server-call.js';

export const REFLECTION_SERVICES = ['grpc.reflection.v1.ServerReflection', 'grpc.reflection.v1alpha.ServerReflection'];

/** ServerReflectionRequest's fields. */
const REQUEST = { fileByFilename: 3, fileContainingSymbol: 4, fileContainingExtension: 5, allExtensionNumbersOfType: 6, listServices: 7 } as const;
/** ServerReflectionResponse's fields. */
const RESPONSE = { validHost: 1, originalRequest: 2, fileDescriptor: 4, listServices: 6, error: 7 } as const;
const NOT_FOUND = 5;
const UNIMPLEMENTED = 12;

const text = (b: Uint8Array): string => new TextDecoder().decode(b);
const concat = (...parts: Uint8Array[]): Uint8Array => Buffer.concat(parts);

export interface ReflectionAnswers {
  answer(request: Uint8Array): Uint8Array;
}

export function createReflectionAnswers(schema: GrpcSchema, services: readonly string[]): ReflectionAnswers {
  const descriptors = schema.fileDescriptors();
  const byName = new Map(schema.files.map((file, i) => [file.name, { bytes: descriptors[i]!, dependencies: file.dependency }]));

  /** The file and what it imports, transitively, the file first (as grpc-go sends them). */
  const withDependencies = (name: string): Uint8Array[] => {
    const seen = new Set<string>();
    const out: Uint8Array[] = [];
    const visit = (n: string): void => {
      const file = byName.get(n);
      if (!file || seen.has(n)) return;
      seen.add(n);
      out.push(file.bytes);
      file.dependencies.forEach(visit);
    };
    visit(name);
    return out;
  };

  const fileOfSymbol = (symbol: string): string | undefined => {
    const name = symbol.replace(/^\./, '');
    const type = schema.registry.get(name) ?? schema.registry.getService(name.slice(0, Math.max(0, name.lastIndexOf('.'))));
    if (!type) return undefined;
    if (type.kind === 'service' && type.typeName !== name && !type.methods.some((m) => `${type.typeName}.${m.name}` === name)) return undefined;
    return type.file.proto.name;
  };

  const files = (names: Uint8Array[]): Uint8Array => wireBytesField(RESPONSE.fileDescriptor, concat(...names.map((f) => wireBytesField(1, f))));
  const error = (code: number, message: string): Uint8Array => wireBytesField(RESPONSE.error, concat(wireVarintField(1, code), wireBytesField(2, message)));

  const respond = (field: WireField | undefined): Uint8Array => {
    if (!field || field.kind !== 'bytes') return error(UNIMPLEMENTED, 'qurl serve answers list_services, file_by_filename and file_containing_symbol');
    const value = text(field.value);
    switch (field.number) {
      case REQUEST.listServices:
        return wireBytesField(RESPONSE.listServices, concat(...services.map((s) => wireBytesField(1, wireBytesField(1, s)))));
      case REQUEST.fileByFilename:
        return byName.has(value) ? files(withDependencies(value)) : error(NOT_FOUND, `file not found: ${value}`);
      case REQUEST.fileContainingSymbol: {
        const file = fileOfSymbol(value);
        return file ? files(withDependencies(file)) : error(NOT_FOUND, `symbol not found: ${value}`);
      }
      default:
        return error(UNIMPLEMENTED, 'qurl serve answers list_services, file_by_filename and file_containing_symbol');
    }
  };

  return {
    answer(request) {
      const fields = readWireFields(request);
      const host = fields.find((f) => f.number === 1 && f.kind === 'bytes');
      const asked = fields.find((f) => f.number >= REQUEST.fileByFilename && f.number <= REQUEST.listServices);
      const head = host && host.kind === 'bytes' ? wireBytesField(RESPONSE.validHost, host.value) : new Uint8Array(0);
      return concat(head, wireBytesField(RESPONSE.originalRequest, request), respond(asked));
    },
  };
}

/** ServerReflectionInfo: a bidi stream, one answer per request. */
export async function serveReflection(call: ServerCall, answers: ReflectionAnswers): Promise<void> {
  try {
    for await (const request of call.messages()) await call.send(answers.answer(request));
    call.finish({ code: 0 });
  } catch (err) {
    failCall(call, err);
  }
}
