/** RFC 5322's limit on a line, which an 8bit body must respect too. */
const MAX_LINE = 998;

function decodeQuotedPrintable(body: string): Buffer {
  const joined = body.replace(/=\r?\n/g, '');
  const bytes: number[] = [];
  for (let index = 0; index < joined.length; index += 1) {
    const hex = joined[index] === '=' ? /^[0-9A-Fa-f]{2}$/.exec(joined.slice(index + 1, index + 3))?.[0] : undefined;
    if (hex) {
      bytes.push(parseInt(hex, 16));
      index += 2;
    } else {
      bytes.push(...Buffer.from(joined[index], 'utf8'));
    }
  }
  return Buffer.from(bytes);
}

/**
 * The message as it goes into DATA_DIR/outbox: nodemailer encodes a body with long lines as
 * quoted-printable, wrapping a long link with `=` soft breaks, so the link in `cat` output (or
 * pasted from it) is broken. A single-part text body is written back as 8bit UTF-8, one line
 * per line, which mail programs read as well; anything else is left as nodemailer made it.
 */
export function readableEml(raw: Buffer): Buffer {
  const text = raw.toString('utf8');
  const end = text.search(/\r?\n\r?\n/);
  if (end < 0) return raw;
  const head = text.slice(0, end);
  const separator = /^\r?\n\r?\n/.exec(text.slice(end))![0];
  const body = text.slice(end + separator.length);
  const unfolded = head.replace(/\r?\n[ \t]+/g, ' ');
  if (!/^Content-Type:\s*text\/plain/im.test(unfolded)) return raw;
  const encoding = /^Content-Transfer-Encoding:\s*(\S+)/im.exec(unfolded)?.[1]?.toLowerCase();
  let decoded: string;
  if (encoding === 'quoted-printable') decoded = decodeQuotedPrintable(body).toString('utf8');
  else if (encoding === 'base64') decoded = Buffer.from(body.replace(/\s+/g, ''), 'base64').toString('utf8');
  else return raw;
  const newline = separator.startsWith('\r') ? '\r\n' : '\n';
  const lines = decoded.split(/\r?\n/);
  if (lines.some((line) => Buffer.byteLength(line) > MAX_LINE)) return raw;
  const newHead = head.replace(/^Content-Transfer-Encoding:[^\r\n]*/im, 'Content-Transfer-Encoding: 8bit');
  return Buffer.from(`${newHead}${separator}${lines.join(newline)}`, 'utf8');
}
