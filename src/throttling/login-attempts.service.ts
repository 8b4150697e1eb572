import { Injectable, Logger } from '@nestjs/common';
import { normalizeUsername, USERNAME_MAX_LENGTH } from '../common/auth/usernames.js';
import { ThrottledError } from '../common/errors/domain-errors.js';
import { Environment } from '../config/environment.js';
import { CounterStore } from './counter-store.js';

/** The counters a login attempt is held to, named as the log lines name them. */
type LimitName = 'username_address' | 'address' | 'username';

/**
 * Brute-force protection for jwt/create, per LOGIN_FAILURE_WINDOW seconds: at most
 * LOGIN_FAILURE_LIMIT failures for one username from one address, LOGIN_ADDRESS_FAILURE_LIMIT
 * from one address (any usernames) and LOGIN_USER_FAILURE_LIMIT for one username (any
 * addresses). Past one of them every attempt it covers is refused with 429, even with the right
 * password; a stranger's failures lock the owner out only at the per-username ceiling.
 */
@Injectable()
export class LoginAttemptsService {
  private readonly logger = new Logger('Security');

  constructor(
    private readonly store: CounterStore,
    private readonly env: Environment,
  ) {}

  /**
   * Runs `authenticate` as one attempt: counted as a failure before it runs, so concurrent
   * attempts cannot all get past a limit, and taken back when it finds the user (which also
   * clears this username's failures from this address, as django-axes does) or throws.
   */
  async attempt<T>(username: string, address: string, authenticate: () => Promise<T | null>): Promise<T | null> {
    const counters = this.counters(username, address);
    const windowMs = this.env.LOGIN_FAILURE_WINDOW * 1000;
    const reserved = await this.store.incrementBelowLimits(counters, windowMs);
    const logged = { username: username.slice(0, USERNAME_MAX_LENGTH), address };
    if (!reserved.added) {
      const retryAfter = Math.max(1, Math.ceil(reserved.msLeft / 1000));
      this.logger.warn({ event: 'login_throttled', ...logged, limit: counters[reserved.reached].name, retryAfter }, 'login throttled');
      throw new ThrottledError(retryAfter);
    }
    let user: T | null;
    try {
      user = await authenticate();
    } catch (error) {
      await this.store.decrement(counters.map(({ key }) => key));
      throw error;
    }
    if (user === null) {
      // How many failures each counter holds now, this one included.
      const failures = Object.fromEntries(counters.map(({ name }, index) => [name, reserved.counts[index]]));
      this.logger.warn({ event: 'login_failed', ...logged, failures }, 'login failed');
      return null;
    }
    const [pair, ...others] = counters;
    await Promise.all([this.store.delete(pair.key), this.store.decrement(others.map(({ key }) => key))]);
    this.logger.debug({ event: 'login_succeeded', ...logged }, 'login succeeded');
    return user;
  }

  /** The per-username-and-address counter first. */
  private counters(username: string, address: string): Array<{ name: LimitName; key: string; limit: number }> {
    // Case and compatibility forms (fullwidth letters) of one name share its counters; no account
    // has a name longer than USERNAME_MAX_LENGTH, so longer ones may share a counter.
    const user = normalizeUsername(username).toLowerCase().slice(0, USERNAME_MAX_LENGTH);
    const { LOGIN_FAILURE_LIMIT } = this.env;
    return [
      { name: 'username_address', key: `login-fail:pair:${address}/${user}`, limit: LOGIN_FAILURE_LIMIT },
      { name: 'address', key: `login-fail:addr:${address}`, limit: this.env.LOGIN_ADDRESS_FAILURE_LIMIT ?? 10 * LOGIN_FAILURE_LIMIT },
      { name: 'username', key: `login-fail:user:${user}`, limit: this.env.LOGIN_USER_FAILURE_LIMIT ?? 10 * LOGIN_FAILURE_LIMIT },
    ];
  }
}
