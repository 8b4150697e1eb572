import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ensureBuilt } from './support/built-server.js';
import { LogCapture } from './support/log-capture.js';
import { TestApp } from './support/test-app.js';
import { createUser } from './support/users.js';

const ROOT = join(import.meta.dirname, '..');
const SECRET = 'S3cretPass';
const JWT_SECRET = 'j'.repeat(48);

/** `node dist/src/main.js` with `env` until it exits (or, once its output matches `stopOn`, is stopped): its status and everything it wrote (stdout and stderr). */
async function runServer(env: Record<string, string>, stopOn?: RegExp): Promise<{ status: number | null; output: string }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'storedeal-config-'));
  try {
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'src', 'main.js')], {
      cwd: ROOT,
      env: { ...process.env, NODE_ENV: 'production', JWT_SECRET, LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: '0', DATA_DIR: dataDir, DATABASE_URL: '', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      timeout: 30_000,
    });
    let output = '';
    const take = (chunk: Buffer) => {
      output += chunk.toString();
      if (stopOn?.test(output)) child.kill('SIGTERM');
    };
    child.stdout!.on('data', take);
    child.stderr!.on('data', take);
    const status = await new Promise<number | null>((resolve) => child.once('exit', resolve));
    return { status, output };
  } finally {
    rmSync(dataDir, { recursive: true, force: true });
  }
}

describe('configuration errors never print a secret', () => {
  beforeAll(() => ensureBuilt(), 120_000);

  it('a DATABASE_URL whose server cannot be reached: one line naming the host, not the password', async () => {
    const { status, output } = await runServer({ DATABASE_URL: `postgres://shop:${SECRET}@127.0.0.1:1/shop` });
    expect(status).toBe(1);
    expect(output.trim()).toBe(
      'DATABASE_URL: no PostgreSQL server answers at 127.0.0.1:1 (ECONNREFUSED). Start it, correct DATABASE_URL, or unset DATABASE_URL to use the embedded database.',
    );
  });

  it('a REDIS_URL or SMTP_URL that is not a URL stops the start, naming the variable and not the value', async () => {
    for (const [name, value] of [
      ['SMTP_URL', SECRET],
      ['REDIS_URL', SECRET],
      ['REDIS_URL', `redis://:${SECRET}@127.0.0.1:notaport`],
    ]) {
      const { status, output } = await runServer({ [name]: value });
      expect(status, value).toBe(1);
      expect(output, value).toContain(`Invalid configuration:\n  ${name}=(${value.length} characters, not shown): ${name} must be a URL like `);
      expect(output, value).not.toContain(SECRET);
    }
  }, 60_000);

  it('an unreachable Redis is reported without its password', async () => {
    // Stopped once it has reported the refused connection a few times (ioredis retries).
    const { output } = await runServer({ REDIS_URL: `redis://:${SECRET}@127.0.0.1:1` }, /(ECONNREFUSED 127\.0\.0\.1:1[\s\S]*){3}/);
    expect(output).toContain('ECONNREFUSED 127.0.0.1:1');
    expect(output).not.toContain(SECRET);
  }, 60_000);

  it('an unreachable SMTP server is reported without its password', async () => {
    const capture = new LogCapture();
    const app = await TestApp.start({ SMTP_URL: `smtp://mailer:${SECRET}@127.0.0.1:1`, LOG_LEVEL: 'info' }, { logDestination: capture });
    try {
      const email = `smtp-${Date.now()}@example.com`;
      await createUser(app, { email });
      await app.post('/auth/users/reset_password/', { email });
      await expect.poll(() => JSON.stringify(capture.lines), { timeout: 10_000 }).toContain('ECONNREFUSED');
      expect(JSON.stringify(capture.lines)).not.toContain(SECRET);
    } finally {
      await app.close();
    }
  });
});

describe('mail in production without SMTP_URL', () => {
  const warnings = (capture: LogCapture) => capture.lines.filter((line) => line.level === 40 && /SMTP_URL is not set/.test(String(line.msg)));

  it('warns at start that mail only goes to DATA_DIR/outbox, where nobody receives it', async () => {
    const capture = new LogCapture();
    const app = await TestApp.start({ NODE_ENV: 'production', JWT_SECRET, LOG_LEVEL: 'warn' }, { logDestination: capture });
    try {
      const [warning, ...others] = warnings(capture);
      expect(others).toEqual([]);
      expect(warning).toMatchObject({ context: 'MailService' });
      expect(warning.msg).toContain(`written to ${join(app.dataDir, 'outbox')} as .eml files, and nobody receives them. Set SMTP_URL`);
    } finally {
      await app.close();
    }
  });

  it('says nothing with SMTP_URL set, or in development', async () => {
    const runs: Array<Record<string, string>> = [
      { NODE_ENV: 'production', JWT_SECRET, SMTP_URL: 'smtp://127.0.0.1:1' },
      { NODE_ENV: 'development', JWT_SECRET },
    ];
    for (const settings of runs) {
      const capture = new LogCapture();
      const app = await TestApp.start({ ...settings, LOG_LEVEL: 'warn' }, { logDestination: capture });
      try {
        expect(warnings(capture), settings.NODE_ENV).toEqual([]);
      } finally {
        await app.close();
      }
    }
  });
});
