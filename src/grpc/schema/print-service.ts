// grpcurl's `describe` text for services and methods (protoprint's printService and printMethod with grpcurl's
// settings): `rpc Name ( stream .pkg.In ) returns ( .pkg.Out );`. Used by describe-symbol.ts.
import { MethodOptionsSchema, ServiceOptionsSchema, type MethodDescriptorProto, type ServiceDescriptorProto } from '@bufbuild/protobuf/wkt';
import { ordered, printOptionsLong, type PrintContext } from './print-context.js';
import { optionsOf } from './proto-options.js';

export function printService(ctx: PrintContext, service: ServiceDescriptorProto, path: readonly number[], indent: number): void {
  const { w } = ctx;
  w.docComment(ctx.comment(path), indent);
  w.indent(indent);
  w.write('service ');
  w.write(`${service.name} `);
  w.write('{\n');
  printOptionsLong(ctx, optionsOf(ServiceOptionsSchema, service.options), indent + 1);
  ordered(ctx, service.method.map((method, index) => ({ method, index })), (a, b) => (a.method.name < b.method.name ? -1 : a.method.name > b.method.name ? 1 : 0))
    .forEach(({ method, index }) => printMethod(ctx, method, [...path, 2, index], indent + 1));
  w.indent(indent);
  w.write('}\n');
}

export function printMethod(ctx: PrintContext, method: MethodDescriptorProto, path: readonly number[], indent: number): void {
  const { w } = ctx;
  w.docComment(ctx.comment(path), indent);
  w.indent(indent);
  w.write('rpc ');
  w.write(`${method.name} `);
  w.write('( ');
  w.write(`${method.clientStreaming ? 'stream ' : ''}${qualified(method.inputType)} `);
  w.write(') returns ( ');
  w.write(`${method.serverStreaming ? 'stream ' : ''}${qualified(method.outputType)} `);
  w.write(') ');
  const options = optionsOf(MethodOptionsSchema, method.options);
  if (options.length > 0) {
    w.write('{\n');
    printOptionsLong(ctx, options, indent + 1);
    w.indent(indent);
    w.write('}\n');
  } else {
    w.write(';');
  }
  w.endLine();
}

function qualified(typeName: string): string {
  return typeName.startsWith('.') ? typeName : `.${typeName}`;
}
