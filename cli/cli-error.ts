/** Exit codes: 0 done, 1 failures in the run (or the service failed), 2 usage or authentication errors. */
export const exitCodes = { done: 0, failures: 1, usage: 2 } as const;

/** A failure the CLI reports in one line and exits with `exitCode`. */
export class CliError extends Error {
  constructor(
    message: string,
    readonly exitCode: number = exitCodes.usage,
  ) {
    super(message);
  }
}

/** The request never got an answer (connection refused or reset): the one failure a start may retry. */
export class NoAnswer extends CliError {
  constructor(url: string, cause: unknown) {
    const reason = cause instanceof Error ? ((cause.cause as Error | undefined)?.message ?? cause.message) : cause;
    super(`${url}: ${String(reason)}`, exitCodes.failures);
  }
}
