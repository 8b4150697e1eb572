/** Recognising PostgreSQL failures, whether they come wrapped by TypeORM or straight from `pg`. */
interface PgLikeError {
  code?: string;
  constraint?: string;
  detail?: string;
  driverError?: PgLikeError;
  message?: string;
}

const UNAVAILABLE_SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EPIPE', 'ENOTFOUND', 'EHOSTUNREACH']);
const UNAVAILABLE_MESSAGES = [
  'Connection terminated',
  'timeout exceeded when trying to connect',
  'Client has encountered a connection error',
  'Connection is not established',
  'Cannot use a pool after calling end',
  'Too many connections',
];

function driverErrorOf(error: unknown): PgLikeError | undefined {
  if (typeof error !== 'object' || error === null) return undefined;
  const candidate = error as PgLikeError;
  return candidate.driverError ?? candidate;
}

/** The SQLSTATE of a failed query (e.g. "23505"), when the error is one. */
export function sqlState(error: unknown): string | undefined {
  const code = driverErrorOf(error)?.code;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** The name of the constraint a failed query violated, if PostgreSQL said. */
export function violatedConstraint(error: unknown): string | undefined {
  return driverErrorOf(error)?.constraint;
}

/** True when the database could not be reached or went away: answer 503, not 500. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const driverError = driverErrorOf(error);
  if (!driverError) return false;
  const code = driverError.code ?? '';
  if (UNAVAILABLE_SOCKET_CODES.has(code)) return true;
  if (code.startsWith('08') || ['57P01', '57P02', '57P03', '53300'].includes(code)) return true;
  const message = driverError.message ?? (error as PgLikeError).message ?? '';
  return UNAVAILABLE_MESSAGES.some((fragment) => message.includes(fragment));
}
