import { validateEnvironment } from './environment.js';

describe('validateEnvironment', () => {
  it('applies defaults', () => {
    const env = validateEnvironment({});
    expect(env.PORT).toBe(8000);
    expect(env.DATA_DIR).toBe('./data');
    expect(env.JWT_ACCESS_LIFETIME).toBe(300);
    expect(env.SEND_ACTIVATION_EMAIL).toBe(false);
    expect(env.API_DOCS).toBe(true);
  });

  it('turns the API docs off with API_DOCS=false', () => {
    expect(validateEnvironment({ API_DOCS: 'false' }).API_DOCS).toBe(false);
    expect(() => validateEnvironment({ API_DOCS: 'hidden' })).toThrow('API_DOCS="hidden"');
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

  it('refuses a REDIS_URL or SMTP_URL its client could not use, naming the variable and not its value', () => {
    const EXAMPLES: Record<string, string> = {
      SMTP_URL: 'smtp://user:password@smtp.example.com:587 (smtp:// or smtps://)',
      REDIS_URL: 'redis://:password@127.0.0.1:6379/0 (redis:// or rediss://, or a Unix socket path)',
    };
    // nodemailer quotes such a value back in its error ("Cannot create property 'mailer' on string …"),
    // ioredis takes it for a host name and logs it on every retry.
    for (const [name, value] of [
      ['SMTP_URL', 'S3cretPass'],
      ['SMTP_URL', 'smtp//mailer:S3cretPass@smtp.example.com'],
      ['SMTP_URL', 'https://mailer:S3cretPass@smtp.example.com'],
      ['REDIS_URL', 'S3cretPass'],
      ['REDIS_URL', 'redis://:S3cretPass@127.0.0.1:notaport'],
    ]) {
      let message = '';
      try {
        validateEnvironment({ [name]: value });
      } catch (error) {
        message = (error as Error).message;
      }
      expect(message, value).toBe(`Invalid configuration:\n  ${name}=(${value.length} characters, not shown): ${name} must be a URL like ${EXAMPLES[name]}`);
      expect(message, value).not.toContain('S3cretPass');
    }
    expect(() => validateEnvironment({ SMTP_URL: 'bad', REDIS_URL: 'bad', PORT: 'eighty' })).toThrow(/PORT="eighty"[\s\S]*REDIS_URL=[\s\S]*SMTP_URL=/);
  });

  it('accepts the URLs the clients take', () => {
    const env = validateEnvironment({ SMTP_URL: 'smtps://mailer:pa%40ss@smtp.example.com:465', REDIS_URL: 'rediss://:pw@cache.internal:6380/1' });
    expect(env.SMTP_URL).toBe('smtps://mailer:pa%40ss@smtp.example.com:465');
    expect(validateEnvironment({ REDIS_URL: '/run/redis/redis.sock', SMTP_URL: 'smtp://127.0.0.1:1025' }).REDIS_URL).toBe('/run/redis/redis.sock');
  });
});
