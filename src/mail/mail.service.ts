import { randomBytes } from 'node:crypto';
import { writeFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { Injectable, Logger, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import nodemailer, { Transporter } from 'nodemailer';
import { ensurePrivateDir, PRIVATE_FILE_MODE, tightenTree } from '../common/private-files.js';
import { Environment } from '../config/environment.js';
import { readableEml } from './outbox-eml.js';

const SHUTDOWN_GRACE_MS = 5000;

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

/**
 * Real mail through SMTP when SMTP_URL is set; otherwise each message becomes an .eml file
 * in DATA_DIR/outbox/ (and a log line), so a developer can follow the link in it. The files
 * hold activation and reset links: 0600, in 0700 directories.
 */
@Injectable()
export class MailService implements OnModuleInit, OnModuleDestroy {
  private readonly logger = new Logger(MailService.name);
  private readonly transport: Transporter;
  private readonly outbox?: string;
  private outboxReady = false;

  constructor(private readonly env: Environment) {
    if (env.SMTP_URL) {
      this.transport = nodemailer.createTransport(env.SMTP_URL);
    } else {
      this.outbox = join(resolve(env.DATA_DIR), 'outbox');
      this.transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
    }
  }

  /** Mail handed to sendLater and not yet sent (or failed). */
  private readonly pending = new Set<Promise<void>>();

  /**
   * Sends without making the caller wait: a request that mails (a password reset) answers as fast
   * whether or not there was anything to send, and a slow or hung SMTP server holds no request.
   * A failure is logged; the caller never hears of it (Djoser's answer is 204 either way).
   */
  sendLater(message: MailMessage): void {
    const sending = this.send(message).catch((error: unknown) => {
      this.logger.error({ err: error }, `Could not send "${message.subject}" to ${message.to}`);
    });
    this.pending.add(sending);
    void sending.finally(() => this.pending.delete(sending));
  }

  /** Resolves once every mail handed to sendLater so far has been sent or has failed. */
  async whenIdle(): Promise<void> {
    while (this.pending.size > 0) await Promise.all([...this.pending]);
  }

  onModuleInit(): void {
    if (this.outbox && this.env.NODE_ENV === 'production') {
      this.logger.warn(
        `SMTP_URL is not set: no mail leaves this server. Activation, password reset, username reset and order mails ` +
          `are only written to ${this.outbox} as .eml files, and nobody receives them. Set SMTP_URL, e.g. smtp://user:password@smtp.example.com:587`,
      );
    }
  }

  async send(message: MailMessage): Promise<void> {
    const info = await this.transport.sendMail({ from: this.env.DEFAULT_FROM_EMAIL, ...message });
    if (!this.outbox) {
      this.logger.log(`Sent "${message.subject}" to ${message.to}`);
      return;
    }
    if (!this.outboxReady) {
      // Once per process; older versions left DATA_DIR, the outbox and its mails readable by everyone.
      ensurePrivateDir(resolve(this.env.DATA_DIR));
      ensurePrivateDir(this.outbox);
      tightenTree(this.outbox);
      this.outboxReady = true;
    }
    const file = join(this.outbox, `${Date.now()}-${randomBytes(4).toString('hex')}.eml`);
    // A new file ('wx'), so it is created with this mode.
    await writeFile(file, readableEml((info as unknown as { message: Buffer }).message), { mode: PRIVATE_FILE_MODE, flag: 'wx' });
    this.logger.log(`Wrote "${message.subject}" for ${message.to} to ${file}`);
  }

  /** Mail still being sent gets a few seconds to go out before the transport closes. */
  async onModuleDestroy(): Promise<void> {
    let timer: NodeJS.Timeout | undefined;
    const deadline = new Promise<void>((resolve) => (timer = setTimeout(resolve, SHUTDOWN_GRACE_MS)));
    await Promise.race([this.whenIdle(), deadline]);
    clearTimeout(timer);
    this.transport.close();
  }
}
