import type { DestinationStream } from 'pino';

export type LogLine = Record<string, any>;

/** The app's log destination, kept in memory: one parsed JSON object per line. */
export class LogCapture implements DestinationStream {
  readonly lines: LogLine[] = [];

  write(chunk: string): void {
    for (const line of chunk.split('\n')) if (line) this.lines.push(JSON.parse(line));
  }

  of(requestId: string): LogLine[] {
    return this.lines.filter((line) => line.reqId === requestId);
  }
}
