// A resolved protobufjs Root to one FileDescriptorProto per parsed .proto file (protobufjs's own toDescriptor
// merges files and writes names @bufbuild/protobuf cannot resolve); doc comments go into source_code_info so
// `describe` prints them as grpcurl does. Used by load-proto-files.ts.
import protobuf from 'protobufjs';
import { create, type MessageInitShape } from '@bufbuild/protobuf';
import {
  FileDescriptorProtoSchema,
  MethodOptions_IdempotencyLevel,
  type FileDescriptorProto,
  type ServiceDescriptorProtoSchema,
} from '@bufbuild/protobuf/wkt';
import { convertEnum, convertField, convertMessage, type CommentSink } from './convert-message.js';
import { COMMENT_EDGE } from './parse-proto-text.js';
import type { ParsedProtoFile } from './proto-tree.js';

type ServiceInit = MessageInitShape<typeof ServiceDescriptorProtoSchema>;

interface FileMembers {
  readonly messages: protobuf.Type[];
  readonly enums: protobuf.Enum[];
  readonly services: protobuf.Service[];
  readonly extensions: protobuf.Field[];
}

/** Converts `files` (in order) from `root`, which must have been resolved. */
export function convertProtoFiles(root: protobuf.Root, files: readonly ParsedProtoFile[]): FileDescriptorProto[] {
  const members = new Map<string, FileMembers>(files.map((file) => [file.name, { messages: [], enums: [], services: [], extensions: [] }]));
  collectMembers(root, members);
  return files.map((file) => convertFile(file, members.get(file.name) ?? { messages: [], enums: [], services: [], extensions: [] }));
}

function collectMembers(namespace: protobuf.NamespaceBase, members: ReadonlyMap<string, FileMembers>): void {
  for (const object of namespace.nestedArray) {
    const into = object.filename === null ? undefined : members.get(object.filename);
    if (object instanceof protobuf.Type) into?.messages.push(object);
    else if (object instanceof protobuf.Enum) into?.enums.push(object);
    else if (object instanceof protobuf.Service) into?.services.push(object);
    else if (object instanceof protobuf.Field) into?.extensions.push(object);
    else if (object instanceof protobuf.Namespace) collectMembers(object, members);
  }
}

function convertFile(file: ParsedProtoFile, members: FileMembers): FileDescriptorProto {
  const locations: { path: number[]; span: number[]; leadingComments: string }[] = [];
  const comments: CommentSink = (path, comment) => {
    if (comment !== null && comment !== undefined && comment !== '') locations.push({ path: [...path], span: [0, 0, 0], leadingComments: protocComment(comment) });
  };
  return create(FileDescriptorProtoSchema, {
    name: file.name,
    package: file.package,
    dependency: [...file.imports],
    messageType: members.messages.map((type, i) => convertMessage(type, comments, [4, i])),
    enumType: members.enums.map((descEnum, i) => convertEnum(descEnum, comments, [5, i])),
    service: members.services.map((service, i) => convertService(service, comments, [6, i])),
    extension: members.extensions.map((field, i) => convertField(field, [], comments, [7, i])),
    syntax: file.syntax === 'proto3' ? 'proto3' : '',
    sourceCodeInfo: { location: locations },
  });
}

function convertService(service: protobuf.Service, comments: CommentSink, path: readonly number[]): ServiceInit {
  comments(path, service.comment);
  return {
    name: service.name,
    method: service.methodsArray.map((method, i) => {
      comments([...path, 2, i], method.comment);
      const options = method.options ?? {};
      const idempotency = typeof options.idempotency_level === 'string' && options.idempotency_level in MethodOptions_IdempotencyLevel
        ? MethodOptions_IdempotencyLevel[options.idempotency_level as keyof typeof MethodOptions_IdempotencyLevel]
        : undefined;
      return {
        name: method.name,
        inputType: method.resolvedRequestType?.fullName ?? method.requestType,
        outputType: method.resolvedResponseType?.fullName ?? method.responseType,
        ...(method.requestStream === true ? { clientStreaming: true } : {}),
        ...(method.responseStream === true ? { serverStreaming: true } : {}),
        ...(options.deprecated === true || idempotency !== undefined
          ? { options: { ...(options.deprecated === true ? { deprecated: true } : {}), ...(idempotency === undefined ? {} : { idempotencyLevel: idempotency }) } }
          : {}),
      };
    }),
    ...(service.options?.deprecated === true ? { options: { deprecated: true } } : {}),
  };
}

/** protoc's leading_comments: each `//` line's text as written (parse-proto-text.ts kept it between marks). */
function protocComment(text: string): string {
  const edge = new RegExp(`^${COMMENT_EDGE}|${COMMENT_EDGE}$`, 'g');
  return `${text.split('\n').map((line) => line.replace(edge, '')).join('\n')}\n`;
}
