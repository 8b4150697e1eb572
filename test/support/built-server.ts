import { ChildProcess, execFileSync, spawn } from 'node:child_process';
import { join } from 'node:path';

const ROOT = join(import.meta.dirname, '..', '..');
const MAIN = join(ROOT, 'dist', 'src', 'main.js');

/** The server's build, brought up to date when a source changed (scripts/build.mjs compares a hash of them), so a test runs today's code. */
export function ensureBuilt(): void {
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs'), '--server'], { cwd: ROOT, stdio: ['ignore', 'ignore', 'inherit'] });
}

export interface RunningServer {
  url: string;
  pid: number;
  /** Every JSON log line the server wrote so far. */
  lines: Array<Record<string, unknown>>;
  stop(): Promise<void>;
}

/** `node dist/src/main.js` as production runs it, with `env`; resolves once it listens. */
export async function startBuiltServer(env: Record<string, string>, port: number): Promise<RunningServer> {
  ensureBuilt();
  const child: ChildProcess = spawn('node', [MAIN], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'production', LOG_LEVEL: 'info', HOST: '127.0.0.1', PORT: String(port), ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const lines: Array<Record<string, unknown>> = [];
  let errors = '';
  let buffered = '';
  child.stdout!.on('data', (chunk: Buffer) => {
    buffered += chunk.toString();
    const complete = buffered.split('\n');
    buffered = complete.pop()!;
    for (const line of complete) {
      try {
        lines.push(JSON.parse(line));
      } catch {
        // not a log line
      }
    }
  });
  child.stderr!.on('data', (chunk: Buffer) => (errors += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`the server exited: ${errors}`);
    const up = await fetch(`${url}/health/ready`).then(
      (response) => response.ok,
      () => false,
    );
    if (up) break;
    if (Date.now() > deadline) throw new Error(`the server did not come up: ${errors}`);
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
  return {
    url,
    pid: child.pid!,
    lines,
    stop: async () => {
      if (child.exitCode !== null) return;
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
    },
  };
}

/** `node dist/src/cli.js …` with `env`; throws with its output when it fails. */
export function runCli(args: string[], env: Record<string, string>): string {
  ensureBuilt();
  return execFileSync('node', [join(ROOT, 'dist', 'src', 'cli.js'), ...args], {
    cwd: ROOT,
    env: { ...process.env, ...env },
    encoding: 'utf8',
    stdio: ['ignore', 'pipe', 'pipe'],
  });
}
