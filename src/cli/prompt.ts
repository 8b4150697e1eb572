import { createInterface, Interface } from 'node:readline';

type WritableInterface = Interface & { _writeToOutput: (text: string) => void };

/** Terminal questions for interactive commands; passwords are not echoed on a TTY. */
export class Prompter {
  private readonly rl: WritableInterface;
  private readonly lines: string[] = [];
  private waiting?: { resolve: (line: string) => void; reject: (error: Error) => void };
  private ended = false;
  private muted = false;

  constructor() {
    this.rl = createInterface({ input: process.stdin, output: process.stdout, terminal: Boolean(process.stdin.isTTY) }) as WritableInterface;
    const write = this.rl._writeToOutput.bind(this.rl);
    this.rl._writeToOutput = (text: string) => {
      if (!this.muted) write(text);
    };
    this.rl.on('line', (line) => {
      if (this.waiting) {
        this.waiting.resolve(line);
        this.waiting = undefined;
      } else {
        this.lines.push(line);
      }
    });
    this.rl.on('close', () => {
      this.ended = true;
      this.waiting?.reject(new Error('Input ended before an answer was given.'));
    });
  }

  async ask(question: string, hidden = false): Promise<string> {
    process.stdout.write(question);
    this.muted = hidden;
    try {
      const buffered = this.lines.shift();
      if (buffered !== undefined) return buffered;
      if (this.ended) throw new Error('Input ended before an answer was given.');
      return await new Promise<string>((resolve, reject) => {
        this.waiting = { resolve, reject };
      });
    } finally {
      this.muted = false;
      if (hidden) process.stdout.write('\n');
    }
  }

  close(): void {
    this.rl.close();
  }
}
