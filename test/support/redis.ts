import { Socket } from 'node:net';
import { inCi, leaveOut } from './left-out.js';

export const REDIS_URL = process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

/** Whether a Redis server answers PING at REDIS_URL (CI machines run one; a laptop may not). */
async function redisAnswers(): Promise<boolean> {
  const { hostname, port } = new URL(REDIS_URL);
  return new Promise((resolve) => {
    const socket = new Socket();
    socket.setTimeout(1000);
    socket.once('data', (data) => {
      socket.destroy();
      resolve(data.toString().startsWith('+PONG'));
    });
    socket.once('error', () => resolve(false));
    socket.once('timeout', () => {
      socket.destroy();
      resolve(false);
    });
    socket.connect(Number(port || 6379), hostname, () => socket.write('PING\r\n'));
  });
}

/**
 * Whether the tests that need Redis run. They are left out, saying so, when no Redis answers;
 * in CI (CI=true) they always run, so a missing Redis fails the run instead of hiding it.
 */
export async function runRedisTests(what: string): Promise<boolean> {
  if (inCi() || (await redisAnswers())) return true;
  leaveOut(what, `no Redis answers at ${REDIS_URL} (start one, or set TEST_REDIS_URL)`);
  return false;
}
