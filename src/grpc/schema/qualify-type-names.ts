// Descriptors may name types relative to where they are used ("Outer.Inner" rather than ".pkg.Outer.Inner"):
// grpc-js's reflection sends them so, and descriptor.proto allows it. The registry needs full names, so each
// relative name is resolved as protoc scopes it: the innermost enclosing scope first, then outward. Used by
// schema-files.ts.
import { isFieldSet } from '@bufbuild/protobuf';
import {
  FieldDescriptorProtoSchema,
  FieldDescriptorProto_Type,
  type DescriptorProto,
  type FieldDescriptorProto,
  type FileDescriptorProto,
} from '@bufbuild/protobuf/wkt';

type Kind = 'message' | 'enum';

function collectTypes(files: readonly FileDescriptorProto[]): Map<string, Kind> {
  const kinds = new Map<string, Kind>();
  const visit = (scope: string, messages: readonly DescriptorProto[], enums: readonly { name: string }[]): void => {
    for (const e of enums) kinds.set(join(scope, e.name), 'enum');
    for (const m of messages) {
      const name = join(scope, m.name);
      kinds.set(name, 'message');
      visit(name, m.nestedType, m.enumType);
    }
  };
  for (const file of files) visit(file.package, file.messageType, file.enumType);
  return kinds;
}

const join = (scope: string, name: string): string => (scope ? `${scope}.${name}` : name);

/** Rewrites relative type names in place; a name that resolves nowhere is left for the registry to report. */
export function qualifyTypeNames(own: readonly FileDescriptorProto[], all: readonly FileDescriptorProto[]): void {
  const kinds = collectTypes(all);
  const resolve = (name: string, scope: string): string | undefined => {
    if (name === '' || name.startsWith('.')) return undefined;
    for (let parts = scope ? scope.split('.') : []; ; parts = parts.slice(0, -1)) {
      const candidate = join(parts.join('.'), name);
      if (kinds.has(candidate)) return candidate;
      if (parts.length === 0) return undefined;
    }
  };
  const qualified = (name: string, scope: string): string => {
    const full = resolve(name, scope);
    return full === undefined ? name : `.${full}`;
  };
  const fixField = (field: FieldDescriptorProto, scope: string): void => {
    const typeName = resolve(field.typeName, scope);
    if (typeName !== undefined) {
      field.typeName = `.${typeName}`;
      if (!isFieldSet(field, FieldDescriptorProtoSchema.field.type)) {
        field.type = kinds.get(typeName) === 'enum' ? FieldDescriptorProto_Type.ENUM : FieldDescriptorProto_Type.MESSAGE;
      }
    }
    field.extendee = qualified(field.extendee, scope);
  };
  const fixMessage = (message: DescriptorProto, outer: string): void => {
    const scope = join(outer, message.name);
    for (const field of [...message.field, ...message.extension]) fixField(field, scope);
    for (const nested of message.nestedType) fixMessage(nested, scope);
  };
  for (const file of own) {
    for (const message of file.messageType) fixMessage(message, file.package);
    for (const field of file.extension) fixField(field, file.package);
    for (const service of file.service) {
      for (const method of service.method) {
        method.inputType = qualified(method.inputType, file.package);
        method.outputType = qualified(method.outputType, file.package);
      }
    }
  }
}
