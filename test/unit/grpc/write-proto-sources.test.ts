// -proto-out-dir takes file names from the server (reflection): none may write outside the directory.
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeProtoSources } from '../../../src/grpc/write-proto-sources.js';

const dir = mkdtempSync(join(tmpdir(), 'qurl-proto-sources-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('writeProtoSources', () => {
  it('writes each file under its import name, directories made as needed', () => {
    writeProtoSources(join(dir, 'out'), [{ name: 'a/b/c.proto', text: 'syntax = "proto3";\n' }, { name: 'top.proto', text: '' }]);
    expect(readFileSync(join(dir, 'out/a/b/c.proto'), 'utf8')).toBe('syntax = "proto3";\n');
    expect(existsSync(join(dir, 'out/top.proto'))).toBe(true);
  });

  it.each(['../escape.proto', 'a/../../escape.proto', '/etc/escape.proto', '.'])('refuses %j, writing nothing', (name) => {
    const out = join(dir, `refused-${Math.random().toString(36).slice(2)}`);
    expect(() => writeProtoSources(out, [{ name: 'fine.proto', text: '' }, { name, text: '' }])).toThrow(`the file name "${name}" points outside the directory`);
    expect(existsSync(join(out, 'fine.proto'))).toBe(false);
    expect(existsSync(join(dir, 'escape.proto'))).toBe(false);
  });
});
