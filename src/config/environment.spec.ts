import { validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  it('applies defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(8000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.JWT_ACCESS_LIFETIME).toBe(300);
    expect(env.SEND_ACTIVATION_EMAIL).toBe(false);
  });

  it('parses numbers and booleans from strings', () => {
    const env = validateEnvironment({ PORT: '9000', HTTP_TIMEOUT: '20', SEND_ACTIVATION_EMAIL: '0' });
    expect(env.PORT).toBe(9000);
    expect(env.HTTP_TIMEOUT).toBe(20);
    expect(env.SEND_ACTIVATION_EMAIL).toBe(false);
  });

  it('names every bad variable', () => {
    expect(() => validateEnvironment({ PORT: 'eighty', TRUST_PROXY: 'perhaps' })).toThrow(/PORT="eighty"[\s\S]*TRUST_PROXY="perhaps"/);
  });

  it('requires JWT_SECRET in production', () => {
    expect(() => validateEnvironment({ NODE_ENV: 'production' })).toThrow(/JWT_SECRET is required/);
    expect(() => validateEnvironment({ NODE_ENV: 'production', JWT_SECRET: 'short' })).toThrow(/at least 32/);
  });

  it('never shows a secret in the message', () => {
    expect(() => validateEnvironment({ JWT_SECRET: 'hunter2-is-short' })).toThrow(
      'Invalid configuration:\n  JWT_SECRET=(16 characters, not shown): JWT_SECRET must be at least 32 characters long',
    );
    let message = '';
    try {
      validateEnvironment({ JWT_SECRET: 'hunter2-is-short', PORT: 'eighty' });
    } catch (error) {
      message = (error as Error).message;
    }
    expect(message).toContain('PORT="eighty"');
    expect(message).not.toContain('hunter2');
  });
});
