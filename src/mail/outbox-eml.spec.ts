import nodemailer from 'nodemailer';
import { readableEml } from './outbox-eml.js';

async function compose(text: string): Promise<Buffer> {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  const info = await transport.sendMail({ from: 'webmaster@localhost', to: 'alice@example.com', subject: 'Password reset', text });
  return (info as unknown as { message: Buffer }).message;
}

describe('readableEml', () => {
  const link = 'http://localhost:3000/#/password/reset/confirm/MTIzNDU/cz8k1q-0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3';

  it('keeps a long link on one line that nodemailer would wrap with quoted-printable soft breaks', async () => {
    const text = `Hello alice,\n\nReset your password at ${link}\n\nuid: MTIzNDU\ntoken: cz8k1q-0a1b2c3d4e5f60718293a4b5c6d7e8f9a0b1c2d3\n`;
    const raw = await compose(text);
    expect(raw.toString()).toContain('Content-Transfer-Encoding: quoted-printable');
    expect(raw.toString()).not.toContain(link);

    const eml = readableEml(raw).toString();
    expect(eml).toContain('Content-Transfer-Encoding: 8bit');
    expect(eml).not.toContain('quoted-printable');
    expect(eml.split('\n')).toContain(`Reset your password at ${link}`);
    expect(eml.slice(eml.indexOf('\n\n') + 2)).toBe(text);
    expect(eml).toMatch(/^Subject: Password reset$/m);
  });

  it('decodes non-ASCII text as UTF-8', async () => {
    const text = `Grüße, Zoë — ${'lang '.repeat(20)}\n`;
    const eml = readableEml(await compose(text)).toString('utf8');
    expect(eml.slice(eml.indexOf('\n\n') + 2)).toBe(text);
  });

  it('leaves a message alone when it is already plain, or a line would be too long for 8bit', async () => {
    const short = await compose('Short lines only.\n');
    expect(readableEml(short)).toEqual(short);
    const huge = await compose(`${'x'.repeat(1200)}\n`);
    expect(readableEml(huge)).toEqual(huge);
  });
});
