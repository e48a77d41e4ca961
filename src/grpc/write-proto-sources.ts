// -proto-out-dir: .proto sources written under DIR by their import names. The names may come from a server
// (reflection), so none may lead outside DIR.
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve, sep } from 'node:path';

export function writeProtoSources(dir: string, sources: readonly { readonly name: string; readonly text: string }[]): void {
  const root = resolve(dir);
  const paths = sources.map(({ name }) => {
    const path = resolve(root, name);
    if (!path.startsWith(`${root}${sep}`)) throw new Error(`the file name "${name}" points outside the directory`);
    return path;
  });
  sources.forEach(({ text }, i) => {
    const path = paths[i]!;
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, text);
  });
}
