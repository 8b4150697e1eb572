import { appendFileSync } from 'node:fs';
import { join } from 'node:path';

/** Where test files record what they left out; set by test/support/left-out.global-setup.ts for the run. */
export const LEFT_OUT_DIR_VARIABLE = 'STOREDEAL_TEST_LEFT_OUT_DIR';

/**
 * Records that `what` does not run on this machine, and why, and says so at once. The run's
 * end repeats every such line (test/support/left-out.global-setup.ts), and fails under CI=true.
 */
export function leaveOut(what: string, why: string): void {
  const line = `${what} — ${why}`;
  process.stderr.write(`\n!! Left out: ${line}\n\n`);
  const dir = process.env[LEFT_OUT_DIR_VARIABLE];
  if (dir) appendFileSync(join(dir, `${process.pid}.txt`), `${line}\n`);
}

/** Under CI nothing may be left out: the tests run and fail if what they need is missing. */
export const inCi = (): boolean => process.env.CI === 'true';
