import { UsageError } from '../core/usage-error.js';
import type { CommandIo } from './io.js';

/** What a command's failure prints (a usage error, or an internal error without its stack unless SKILLHUB_DEBUG is set), and the exit code 2. */
export function reportCommandError(name: string, error: unknown, io: CommandIo): number {
  if (error instanceof UsageError) {
    io.stderr(`skillhub ${name}: ${error.message}\n`);
    return 2;
  }
  const detail = process.env['SKILLHUB_DEBUG'] ? (error as Error).stack : (error as Error).message;
  io.stderr(`skillhub ${name}: internal error: ${detail}\n(set SKILLHUB_DEBUG=1 for a stack trace)\n`);
  return 2;
}
