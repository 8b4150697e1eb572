import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadEnvironment } from './config.js';

describe('loadEnvironment', () => {
  const started = process.cwd();
  let directory: string;

  beforeEach(() => {
    directory = mkdtempSync(join(tmpdir(), 'storedeal-env-'));
    process.chdir(directory);
  });
  afterEach(() => {
    process.chdir(started);
    rmSync(directory, { recursive: true, force: true });
  });

  it('reads .env under the process environment and the overrides, without changing process.env', () => {
    writeFileSync('.env', 'PORT=9123\nDB_POOL_SIZE=3\n# a comment\nFRONTEND_URL="https://shop.example.com"\n');
    const before = { ...process.env };
    const env = loadEnvironment({ DB_POOL_SIZE: '7' });
    expect(env.PORT).toBe(process.env.PORT ? Number(process.env.PORT) : 9123);
    expect(env.DB_POOL_SIZE).toBe(7);
    expect(env.FRONTEND_URL).toBe('https://shop.example.com');
    expect(process.env).toEqual(before);
  });

  it('works without a .env file', () => {
    expect(loadEnvironment({ NODE_ENV: 'test' }).NODE_ENV).toBe('test');
  });
});
