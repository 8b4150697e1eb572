import { createHash, createHmac, pbkdf2Sync, randomBytes, timingSafeEqual } from 'node:crypto';

/** PostgreSQL's default (scram_iterations). */
const ITERATIONS = 4096;

const hmac = (key: Buffer, text: string) => createHmac('sha256', key).update(text).digest();
const sha256 = (data: Buffer) => createHash('sha256').update(data).digest();

/** `a=1,b=2` → { a: '1', b: '2' } (SCRAM attributes; values may contain '=' but not ','). */
function attributes(message: string): Record<string, string> {
  return Object.fromEntries(
    message.split(',').map((part) => {
      const equals = part.indexOf('=');
      return equals < 1 ? [part, ''] : [part.slice(0, equals), part.slice(equals + 1)];
    }),
  );
}

export class ScramError extends Error {}

/**
 * The server side of SCRAM-SHA-256 (RFC 5802, RFC 7677) for one password, as PostgreSQL runs
 * it: the client proves it knows the password without sending it, and the server proves it
 * knows it too. No channel binding (the embedded database's socket has no TLS).
 */
export class ScramVerifier {
  private readonly storedKey: Buffer;
  private readonly serverKey: Buffer;

  constructor(
    password: string,
    private readonly salt: Buffer = randomBytes(16),
    private readonly iterations = ITERATIONS,
  ) {
    // PostgreSQL applies SASLprep to the password; the generated ones are ASCII, where it changes nothing.
    const saltedPassword = pbkdf2Sync(password, salt, iterations, 32, 'sha256');
    this.storedKey = sha256(hmac(saltedPassword, 'Client Key'));
    this.serverKey = hmac(saltedPassword, 'Server Key');
  }

  /** One client's exchange; `serverNonce` is only given by tests (RFC 7677's example). */
  exchange(serverNonce = randomBytes(18).toString('base64')): ScramExchange {
    return new ScramExchange(this.storedKey, this.serverKey, this.salt, this.iterations, serverNonce);
  }
}

export class ScramExchange {
  private clientFirstBare = '';
  private serverFirst = '';
  private gs2Header = '';
  private nonce = '';

  constructor(
    private readonly storedKey: Buffer,
    private readonly serverKey: Buffer,
    private readonly salt: Buffer,
    private readonly iterations: number,
    private readonly serverNonce: string,
  ) {}

  /** client-first-message (`n,,n=user,r=nonce`) → server-first-message. */
  serverFirstMessage(clientFirst: string): string {
    const match = /^([ny],(?:a=[^,]*)?,)(.*)$/.exec(clientFirst);
    if (!match) throw new ScramError('SCRAM: the client-first-message is malformed (channel binding is not supported)');
    const clientNonce = attributes(match[2]).r;
    if (!clientNonce) throw new ScramError('SCRAM: the client-first-message has no nonce');
    this.gs2Header = match[1];
    this.clientFirstBare = match[2];
    this.nonce = clientNonce + this.serverNonce;
    this.serverFirst = `r=${this.nonce},s=${this.salt.toString('base64')},i=${this.iterations}`;
    return this.serverFirst;
  }

  /** client-final-message → server-final-message (`v=…`), or null when the proof is wrong. */
  serverFinalMessage(clientFinal: string): string | null {
    if (!this.serverFirst) throw new ScramError('SCRAM: the client-final-message came first');
    const proofAt = clientFinal.lastIndexOf(',p=');
    if (proofAt < 0) throw new ScramError('SCRAM: the client-final-message has no proof');
    const withoutProof = clientFinal.slice(0, proofAt);
    const { c: binding, r: nonce } = attributes(withoutProof);
    if (binding !== Buffer.from(this.gs2Header).toString('base64') || nonce !== this.nonce) {
      throw new ScramError('SCRAM: the client-final-message does not continue this exchange');
    }
    const proof = Buffer.from(clientFinal.slice(proofAt + 3), 'base64');
    const authMessage = `${this.clientFirstBare},${this.serverFirst},${withoutProof}`;
    const clientSignature = hmac(this.storedKey, authMessage);
    if (proof.length !== clientSignature.length) return null;
    const clientKey = Buffer.from(proof.map((byte, index) => byte ^ clientSignature[index]));
    if (!timingSafeEqual(sha256(clientKey), this.storedKey)) return null;
    return `v=${hmac(this.serverKey, authMessage).toString('base64')}`;
  }
}
