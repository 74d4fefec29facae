/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIo {
  cwd: string;
  stdout(text: string): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `--input -`). */
  readStdin(): Promise<string>;
}

export function processIo(): CommandIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
  };
}
