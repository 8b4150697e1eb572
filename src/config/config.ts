import { readFileSync } from 'node:fs';
import { parseEnv } from 'node:util';
import { Environment, validateEnvironment } from './environment.js';

export { Environment, validateEnvironment };

/** `.env` in the working directory, if there is one; variables already set win over it. */
function dotEnv(): Record<string, string> {
  try {
    return parseEnv(readFileSync('.env', 'utf8')) as Record<string, string>;
  } catch {
    return {};
  }
}

/**
 * The settings, read and validated once at start-up: the only place that touches
 * process.env. The result is passed into the application (AppModule.forRoot); tests build
 * theirs with `overrides` instead of changing the process environment.
 */
export function loadEnvironment(overrides: Record<string, string | undefined> = {}): Environment {
  return validateEnvironment({ ...dotEnv(), ...process.env, ...overrides });
}
