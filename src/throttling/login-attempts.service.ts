import { Injectable } from '@nestjs/common';
import { ThrottledError } from '../common/errors/domain-errors.js';
import { Environment } from '../config/environment.js';
import { CounterStore } from './counter-store.js';

/**
 * Brute-force protection for jwt/create: after LOGIN_FAILURE_LIMIT failures for a username
 * or from an address within LOGIN_FAILURE_WINDOW seconds, every attempt (even with the
 * right password) is refused with 429 until the window passes.
 */
@Injectable()
export class LoginAttemptsService {
  constructor(
    private readonly store: CounterStore,
    private readonly env: Environment,
  ) {}

  private keys(username: string, address: string): string[] {
    return [`login-fail:user:${username.toLowerCase()}`, `login-fail:addr:${address}`];
  }

  async assertAllowed(username: string, address: string): Promise<void> {
    const states = await Promise.all(this.keys(username, address).map((key) => this.store.peek(key)));
    const blocking = states.filter((state) => state.count >= this.env.LOGIN_FAILURE_LIMIT);
    if (blocking.length > 0) {
      const msLeft = Math.max(...blocking.map((state) => state.msLeft));
      throw new ThrottledError(Math.max(1, Math.ceil(msLeft / 1000)));
    }
  }

  async recordFailure(username: string, address: string): Promise<void> {
    const windowMs = this.env.LOGIN_FAILURE_WINDOW * 1000;
    await Promise.all(this.keys(username, address).map((key) => this.store.increment(key, windowMs)));
  }
}
