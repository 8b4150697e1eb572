import { INestApplicationContext } from '@nestjs/common';
import { TokenService } from '../tokens/token.service.js';

/**
 * simplejwt's `manage.py flushexpiredtokens`: deletes the records of refresh tokens whose expiry
 * has passed (blacklisted or not; an expired token is refused anyway) and says how many. The
 * server also does it every hour; this is for a cron job or a one-off clean-up.
 */
export async function flushExpiredTokens(context: INestApplicationContext, say: (line: string) => void): Promise<void> {
  const deleted = await context.get(TokenService).flushExpired();
  say(`Deleted ${deleted} expired refresh token${deleted === 1 ? '' : 's'}.`);
}
