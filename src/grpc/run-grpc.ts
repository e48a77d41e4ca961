// `qurl grpc`'s library side (grpcurl's invoke.go and desc_source.go): finds the schema, then lists, describes
// or invokes. It never prints: list and describe return their text, a call reports through events.
import { writeFileSync } from 'node:fs';
import type { DescMethod } from '@bufbuild/protobuf';
import type { AppEngine, TransferResult } from '../engine/index.js';
import { QurlError } from '../errors/index.js';
import { createTransferTrace } from '../trace/index.js';
import type { GrpcSpec } from './grpc-spec.js';
import { grpcExitCode } from './grpc-status.js';
import { invoke } from './invoke.js';
import { parseMetadata } from './grpc-metadata.js';
import { createReflectionClient } from './reflection/reflection-client.js';
import { writeProtoSources } from './write-proto-sources.js';
import { loadProtoFiles, loadProtosets, mergeSchemas, schemaFromDescriptors, type GrpcSchema } from './schema/index.js';

export interface GrpcRun {
  readonly exitCode: number;
  /** list and describe: what to print on stdout. */
  readonly text?: string;
  /** A call: what its exchange did (for -w and --timing). */
  readonly result?: TransferResult;
  /** A call: when its clock started, on the trace's clock. */
  readonly startedAt?: bigint;
}

/** The symbol whose files a command needs from the server: a method's service, or what list/describe names. */
function symbolNeeded(spec: GrpcSpec): string | null {
  const symbol = spec.symbol.replace(/^\./, '');
  if (!symbol) return null;
  return spec.verb === 'invoke' ? symbol.replace(/[/.][^/.]+$/, '') : symbol;
}

/** The schema from -proto/-protoset and, with reflection, from the server (reflection first, as grpcurl's composite). */
async function loadSchema(spec: GrpcSpec, env: AppEngine): Promise<{ schema: GrpcSchema; services?: string[] }> {
  const local: GrpcSchema[] = [];
  if (spec.protos.length > 0) local.push(await loadProtoFiles(spec.protos, spec.importPaths));
  if (spec.protosets.length > 0) local.push(loadProtosets(spec.protosets));
  if (!spec.useReflection) return { schema: mergeSchemas(...local) };
  if (!spec.target) throw new QurlError('bad-option', "server reflection needs a host:port (try 'qurl grpc -help')");
  const client = createReflectionClient(spec, env, parseMetadata([...spec.headers, ...spec.reflectHeaders]));
  const symbol = symbolNeeded(spec);
  const services = symbol === null ? await client.services() : undefined;
  // A bare `list` needs only the names, unless the schema is to be written out.
  const writesSchema = spec.protosetOut !== undefined || spec.protoOutDir !== undefined;
  const wanted = symbol === null ? (spec.verb === 'describe' || writesSchema ? services! : []) : [symbol];
  const files: Uint8Array[] = [];
  for (const s of wanted) files.push(...(await client.filesFor(s)));
  return { schema: mergeSchemas(schemaFromDescriptors(files), ...local), services };
}

function list(schema: GrpcSchema, symbol: string, fromServer?: readonly string[]): string {
  if (!symbol) {
    const services = fromServer ?? schema.services();
    return services.length === 0 ? '(No services)\n' : `${services.join('\n')}\n`;
  }
  const methods = schema.methods(symbol.replace(/^\./, ''));
  if (!methods) throw new QurlError('grpc-schema', `Failed to list methods for service "${symbol}": Symbol not found: ${symbol}`);
  return methods.length === 0 ? '(No methods)\n' : `${methods.join('\n')}\n`;
}

function describe(schema: GrpcSchema, spec: GrpcSpec, fromServer?: readonly string[]): string {
  const symbols = spec.symbol ? [spec.symbol.replace(/^\./, '')] : (fromServer ?? schema.services());
  return symbols
    .map((s) => {
      const text = schema.describe(s);
      if (text === undefined) throw new QurlError('grpc-schema', `Failed to resolve symbol "${s}": Symbol not found: ${s}`);
      const template = spec.msgTemplate ? schema.template(s) : undefined;
      return `${text}${template === undefined ? '' : `\nMessage template:\n${JSON.stringify(template, null, 2)}\n`}`;
    })
    .join('');
}

/** The method to invoke, or grpcurl's words for what is missing. */
function findMethod(schema: GrpcSchema, symbol: string): DescMethod {
  const method = schema.findMethod(symbol);
  if (method) return method;
  const name = symbol.replace(/^\./, '');
  const cut = name.includes('/') ? name.lastIndexOf('/') : name.lastIndexOf('.');
  const [service, methodName] = [name.slice(0, Math.max(cut, 0)), name.slice(cut + 1)];
  const why = schema.methods(service) ? `service "${service}" does not include a method named "${methodName}"` : `target server does not expose service "${service}"`;
  throw new QurlError('grpc-schema', `Error invoking method "${symbol}": ${why}`);
}

/** -protoset-out FILE and -proto-out-dir DIR: what the command used, with its dependencies. */
function writeSchemaOutputs(spec: GrpcSpec, schema: GrpcSchema, symbols: readonly string[]): void {
  const failed = (what: string, err: unknown): QurlError =>
    new QurlError('write', `Failed to write ${what}: ${err instanceof Error ? err.message : String(err)}`, { cause: err });
  if (spec.protosetOut !== undefined) {
    try {
      writeFileSync(spec.protosetOut, schema.fileSetFor(symbols));
    } catch (err) {
      throw failed(`protoset ${spec.protosetOut}`, err);
    }
  }
  if (spec.protoOutDir !== undefined) {
    try {
      writeProtoSources(spec.protoOutDir, schema.protoSourcesFor(symbols));
    } catch (err) {
      throw failed(`protos to ${spec.protoOutDir}`, err);
    }
  }
}

/** Runs the command on the engine it is given (the CLI's, so this bundle carries no transport of its own). */
export async function runGrpc(spec: GrpcSpec, env: AppEngine): Promise<GrpcRun> {
  const { schema, services } = await loadSchema(spec, env);
  if (spec.verb !== 'invoke') {
    const text = spec.verb === 'list' ? list(schema, spec.symbol, services) : describe(schema, spec, services);
    writeSchemaOutputs(spec, schema, spec.symbol ? [spec.symbol] : (services ?? schema.services()));
    return { exitCode: 0, text };
  }
  const method = findMethod(schema, spec.symbol);
  writeSchemaOutputs(spec, schema, [`${method.parent.typeName}.${method.name}`]);
  // Only -v shows it, and describing indexes the whole schema.
  const resolved = spec.verbose > 0 ? schema.describe(`${method.parent.typeName}.${method.name}`) : undefined;
  if (resolved) createTransferTrace(env.sink, 0).emit({ type: 'info', source: 'grpc-method', message: resolved.replace(/^[^\n]*\n/, '').replace(/\n$/, '') });
  const { status, result, startedAt } = await invoke(spec, method, schema.registry, env);
  return { exitCode: grpcExitCode(status.code), result, startedAt };
}
