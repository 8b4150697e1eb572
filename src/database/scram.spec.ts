import { ScramError, ScramVerifier } from './scram.js';

/** RFC 7677, section 3: user "user", password "pencil". */
const EXAMPLE = {
  salt: Buffer.from('W22ZaJ0SNY7soEsUEjb6gQ==', 'base64'),
  serverNonce: '%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0',
  clientFirst: 'n,,n=user,r=rOprNGfwEbeRWgbNEkqO',
  serverFirst: 'r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,s=W22ZaJ0SNY7soEsUEjb6gQ==,i=4096',
  clientFinal: 'c=biws,r=rOprNGfwEbeRWgbNEkqO%hvYDpWUa2RaTCAfuxFIlj)hNlF$k0,p=dHzbZapWIk4jUhN+Ute9ytag9zjfMHgsqmmiz7AndVQ=',
  serverFinal: 'v=6rriTRBi23WpRR/wtup+mMhUZUn/dB5nLTJRsjl95G4=',
};

describe('ScramVerifier (SCRAM-SHA-256, server side)', () => {
  const exchange = (password: string) => new ScramVerifier(password, EXAMPLE.salt, 4096).exchange(EXAMPLE.serverNonce);

  it("answers RFC 7677's example exchange as the RFC does", () => {
    const scram = exchange('pencil');
    expect(scram.serverFirstMessage(EXAMPLE.clientFirst)).toBe(EXAMPLE.serverFirst);
    expect(scram.serverFinalMessage(EXAMPLE.clientFinal)).toBe(EXAMPLE.serverFinal);
  });

  it('refuses a proof made with another password', () => {
    const scram = exchange('pencil2');
    scram.serverFirstMessage(EXAMPLE.clientFirst);
    expect(scram.serverFinalMessage(EXAMPLE.clientFinal)).toBeNull();
  });

  it('refuses a final message that does not continue the exchange, or comes first', () => {
    const scram = exchange('pencil');
    scram.serverFirstMessage(EXAMPLE.clientFirst);
    expect(() => scram.serverFinalMessage(EXAMPLE.clientFinal.replace('r=rOpr', 'r=xOpr'))).toThrow(ScramError);
    expect(() => scram.serverFinalMessage(EXAMPLE.clientFinal.replace('c=biws', 'c=eSws'))).toThrow(ScramError);
    expect(scram.serverFinalMessage(EXAMPLE.clientFinal.replace('p=dHzb', 'p=AAAA'))).toBeNull();
    expect(() => exchange('pencil').serverFinalMessage(EXAMPLE.clientFinal)).toThrow(ScramError);
    expect(() => exchange('pencil').serverFirstMessage('p=tls-server-end-point,,n=user,r=abc')).toThrow(ScramError);
  });
});
