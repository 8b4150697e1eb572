import { MailService } from '../../src/mail/mail.service.js';
import { TestApp } from './test-app.js';

/**
 * Waits until every mail the app handed to sendLater is in the outbox (or failed): reset and
 * activation requests answer before their mail is written.
 */
export function allMailSent(app: TestApp): Promise<void> {
  return app.app.get(MailService).whenIdle();
}
