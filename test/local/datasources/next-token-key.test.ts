import { chmodSync, mkdtempSync, readFileSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadNextTokenKey } from '../../../local/datasources/next-token-key';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'token-key-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

describe('the nextToken key file', () => {
  it('is created once, 32 random bytes, mode 0600, and read back the same afterwards', () => {
    const key = loadNextTokenKey(dir);
    expect(key).toHaveLength(32);
    expect(readdirSync(dir)).toEqual(['next-token.key']); // no temporary file left
    expect(statSync(join(dir, 'next-token.key')).mode & 0o777).toBe(0o600);
    expect(loadNextTokenKey(dir).equals(key)).toBe(true);
    expect(readFileSync(join(dir, 'next-token.key')).equals(key)).toBe(true);
  });

  it('differs between data directories and between in-memory calls', () => {
    const other = mkdtempSync(join(tmpdir(), 'token-key-'));
    try {
      expect(loadNextTokenKey(dir).equals(loadNextTokenKey(other))).toBe(false);
    } finally {
      rmSync(other, { recursive: true, force: true });
    }
    expect(loadNextTokenKey(null).equals(loadNextTokenKey(null))).toBe(false);
  });

  it('takes a readable-by-others key file back to 0600', () => {
    const key = loadNextTokenKey(dir);
    chmodSync(join(dir, 'next-token.key'), 0o644);
    expect(loadNextTokenKey(dir).equals(key)).toBe(true);
    expect(statSync(join(dir, 'next-token.key')).mode & 0o777).toBe(0o600);
  });

  it.each([
    ['empty', Buffer.alloc(0)],
    ['truncated', Buffer.alloc(31, 1)],
    ['too long', Buffer.alloc(33, 1)],
  ])('refuses a %s key file and leaves it as it is', (_name, content) => {
    writeFileSync(join(dir, 'next-token.key'), content, { mode: 0o600 });
    expect(() => loadNextTokenKey(dir)).toThrow(`${join(dir, 'next-token.key')} holds ${content.length} bytes, not a 32-byte key`);
    expect(readFileSync(join(dir, 'next-token.key')).equals(content)).toBe(true);
  });
});
