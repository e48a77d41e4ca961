// A whole .proto file from its descriptor, for grpcurl's -proto-out-dir: syntax (or edition), package, imports,
// file options, then messages, enums, extensions and services, each printed as `describe` prints it. protoc
// compiles the result; custom options are left out, as describe leaves them out.
import { Edition, FileOptionsSchema, type FieldDescriptorProto, type FileDescriptorProto } from '@bufbuild/protobuf/wkt';
import { commentsOf } from './describe-symbol.js';
import { fileScope, printOptionsLong, type PrintContext } from './print-context.js';
import { printExtensionBlock } from './print-field.js';
import { printEnum, printMessage, printMessageBody } from './print-message.js';
import { printService } from './print-service.js';
import { optionsOf, quotedString } from './proto-options.js';
import { createProtoWriter } from './proto-writer.js';

export function printProtoFile(file: FileDescriptorProto): string {
  const w = createProtoWriter();
  const comments = commentsOf(file);
  const ctx: PrintContext = { w, file, isProto3: file.syntax === 'proto3', comment: (path) => comments.get(path.join('.')), declarationOrder: true };
  const sections: (() => void)[] = [];
  const section = (print: () => void): void => void sections.push(print);

  section(() => w.write(file.syntax === 'editions' ? `edition = ${quotedString(Edition[file.edition].replace(/^EDITION_/, ''))};\n` : `syntax = ${quotedString(file.syntax === 'proto3' ? 'proto3' : 'proto2')};\n`));
  if (file.package !== '') section(() => w.write(`package ${file.package};\n`));
  if (file.dependency.length > 0) {
    section(() =>
      file.dependency.forEach((name, i) => {
        const kind = file.publicDependency.includes(i) ? 'public ' : file.weakDependency.includes(i) ? 'weak ' : '';
        w.write(`import ${kind}${quotedString(name)};\n`);
      }),
    );
  }
  const options = optionsOf(FileOptionsSchema, file.options);
  if (options.length > 0) section(() => printOptionsLong(ctx, options, 0));
  file.messageType.forEach((message, i) => section(() => printMessage(ctx, message, file.package === '' ? message.name : `${file.package}.${message.name}`, [4, i], 0)));
  file.enumType.forEach((descEnum, i) => section(() => printEnum(ctx, descEnum, [5, i], 0)));
  for (const block of extensionBlocks(file.extension)) section(() => printExtensionBlock(ctx, block, fileScope(file), 0, printMessageBody));
  file.service.forEach((service, i) => section(() => printService(ctx, service, [6, i], 0)));

  sections.forEach((print, i) => {
    if (i > 0) w.write('\n');
    print();
  });
  return w.text();
}

/** File-level extensions, one `extend` block per extendee, in declaration order. */
function extensionBlocks(extensions: readonly FieldDescriptorProto[]): { field: FieldDescriptorProto; path: number[] }[][] {
  const byExtendee = new Map<string, { field: FieldDescriptorProto; path: number[] }[]>();
  extensions.forEach((field, i) => {
    const block = byExtendee.get(field.extendee) ?? [];
    block.push({ field, path: [7, i] });
    byExtendee.set(field.extendee, block);
  });
  return [...byExtendee.values()];
}
