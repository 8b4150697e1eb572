import { Environment, validateEnvironment } from './environment.js';

export { Environment, validateEnvironment };

/** Reads and validates the process environment: the only place that touches process.env. */
export function loadEnvironment(): Environment {
  return validateEnvironment(process.env);
}
