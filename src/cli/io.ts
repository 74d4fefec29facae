/** What a command may touch of the outside world; tests pass their own. */
export interface CommandIo {
  cwd: string;
  stdout(text: string): void;
  /** Writes UTF-8 bytes as they are (a replayed report); without it they are decoded and go to `stdout`. */
  stdoutBytes?(bytes: Uint8Array): void;
  stderr(text: string): void;
  /** Reads all of standard input (for `--input -` and `--stdin`). */
  readStdin(): Promise<string>;
  /** Whether standard output / standard error are terminals (colour, progress, the success line). */
  stdoutIsTTY?: boolean;
  stderrIsTTY?: boolean;
  /** The environment variables that matter to the CLI (NO_COLOR, FORCE_COLOR); default none. */
  env?: Readonly<Record<string, string | undefined>>;
}

export function processIo(): CommandIo {
  return {
    cwd: process.cwd(),
    stdout: (text) => process.stdout.write(text),
    stdoutBytes: (bytes) => process.stdout.write(bytes),
    stderr: (text) => process.stderr.write(text),
    readStdin: async () => {
      const chunks: Buffer[] = [];
      for await (const chunk of process.stdin) chunks.push(chunk as Buffer);
      return Buffer.concat(chunks).toString('utf8');
    },
    stdoutIsTTY: process.stdout.isTTY === true,
    stderrIsTTY: process.stderr.isTTY === true,
    env: process.env,
  };
}
