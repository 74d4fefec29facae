/** Whether the process was started with a Node or V8 flag containing `fragment` (on its command line or in NODE_OPTIONS): a run then leaves that flag as the user set it. */
export function startedWithFlag(fragment: string): boolean {
  return [...process.execArgv, process.env['NODE_OPTIONS'] ?? ''].some((arg) => arg.includes(fragment));
}
