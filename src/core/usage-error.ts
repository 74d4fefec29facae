/** A problem with how the CLI was called (or its configuration): one line, exit code 2. */
export class UsageError extends Error {}
