import { accessSync, constants } from 'node:fs';
import { inCi, leaveOut } from './left-out.js';

/** The Chromium the browser tests drive (Debian's by default; TEST_CHROMIUM_PATH for another). */
export const CHROMIUM = process.env.TEST_CHROMIUM_PATH || '/usr/bin/chromium';

function chromiumInstalled(): boolean {
  try {
    accessSync(CHROMIUM, constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/**
 * Whether the tests that need a browser run. They are left out, saying so, when no Chromium is
 * at CHROMIUM; in CI (CI=true) they always run, so a missing browser fails the run instead of
 * hiding it.
 */
export function runBrowserTests(what: string): boolean {
  if (inCi() || chromiumInstalled()) return true;
  leaveOut(what, `no Chromium at ${CHROMIUM} (apt-get install chromium, or set TEST_CHROMIUM_PATH)`);
  return false;
}
