// Two faults of protobufjs's descriptors (what @grpc/reflection serves), mended so such files load:
// - a map field's entry type is named after the field alone ("RpcsByPeer" for rpcs_by_peer), which can clash
//   with a message of that name beside it; protoc names it "RpcsByPeerEntry", and so does this;
// - json_name is sent empty, which would make every field's JSON name ""; protoc always fills it in, and so
//   does this, by protoc's rule.
// Used by schema-files.ts before the type names are qualified.
import type { DescriptorProto, FieldDescriptorProto, FileDescriptorProto } from '@bufbuild/protobuf/wkt';

const LABEL_REPEATED = 3;

/** protoc's ToJsonName: underscores dropped, the letter after each one upper-cased. */
const jsonNameOf = (name: string): string => name.replace(/_+(.?)/g, (_m, c: string) => c.toUpperCase());

/** protoc's entry name: the field's JSON name capitalised, then "Entry". */
function entryName(fieldName: string): string {
  const camel = jsonNameOf(fieldName);
  return `${camel.charAt(0).toUpperCase()}${camel.slice(1)}Entry`;
}

function fillJsonName(field: FieldDescriptorProto): void {
  if (field.jsonName === '') field.jsonName = jsonNameOf(field.name);
}

function repairMessage(message: DescriptorProto): void {
  message.field.forEach(fillJsonName);
  message.extension.forEach(fillJsonName);
  for (const nested of message.nestedType) {
    if (nested.options?.mapEntry === true) {
      const field = message.field.find((f) => f.label === LABEL_REPEATED && f.typeName === nested.name);
      const name = field ? entryName(field.name) : nested.name;
      if (field && name !== nested.name && !message.nestedType.some((n) => n.name === name)) {
        nested.name = name;
        field.typeName = name;
      }
    }
    repairMessage(nested);
  }
}

/** In place. */
export function repairDescriptors(files: readonly FileDescriptorProto[]): void {
  for (const file of files) {
    file.messageType.forEach(repairMessage);
    file.extension.forEach(fillJsonName);
  }
}
