import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { inCi, LEFT_OUT_DIR_VARIABLE } from './left-out.js';

/**
 * Vitest's global setup: test files that cannot run here (no Redis, no Chromium) record it
 * through leaveOut(); at the end of the run this lists them all, so a green run says what it did
 * not cover. Under CI=true a left-out test fails the run.
 */
export default function setup(): () => void {
  const dir = mkdtempSync(join(tmpdir(), 'storedeal-left-out-'));
  // Test workers are forked after this, with this environment.
  process.env[LEFT_OUT_DIR_VARIABLE] = dir;
  return () => {
    const lines = [...new Set(readdirSync(dir).flatMap((file) => readFileSync(join(dir, file), 'utf8').split('\n').filter(Boolean)))].sort();
    rmSync(dir, { recursive: true, force: true });
    if (lines.length === 0) return;
    const summary = `Left out of this run (${lines.length}):\n${lines.map((line) => `  - ${line}`).join('\n')}`;
    if (inCi()) throw new Error(`${summary}\nCI=true: every test must run.`);
    process.stderr.write(`\n${summary}\nThe rest passed or failed as shown above; install what is missing to run them too.\n\n`);
  };
}
