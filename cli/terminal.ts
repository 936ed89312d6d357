import { createInterface } from 'node:readline/promises';
import { Writable } from 'node:stream';
import { CliError } from './cli-error';

/**
 * An output that can be muted: readline echoes every key it reads to its output, so while a password is typed
 * the echo goes nowhere. (Node 20's readline/promises has no option for hidden input.)
 */
export function mutableOutput(target: NodeJS.WritableStream): { stream: Writable; mute(): void } {
  let muted = false;
  const stream = new Writable({
    write(chunk: Buffer, _encoding, done) {
      if (!muted) target.write(chunk);
      done();
    },
  });
  return { stream, mute: () => (muted = true) };
}

/**
 * Asks one question on stderr and reads the answer from stdin: on a terminal readline puts it in raw mode
 * (the terminal's own echo is off) and, for a hidden answer, echoes nothing; from a pipe it reads one line.
 */
export async function ask(question: string, options: { hidden?: boolean; cancelled: string }): Promise<string> {
  const output = mutableOutput(process.stderr);
  const rl = createInterface({ input: process.stdin, output: output.stream, terminal: Boolean(process.stdin.isTTY) });
  const abort = new AbortController();
  rl.on('SIGINT', () => abort.abort());
  process.stderr.write(question);
  if (options.hidden) output.mute();
  try {
    return await rl.question('', { signal: abort.signal });
  } catch (error) {
    if (abort.signal.aborted) throw new CliError(options.cancelled);
    throw error;
  } finally {
    rl.close();
    if (options.hidden || abort.signal.aborted) process.stderr.write('\n');
  }
}

export async function readAll(input: NodeJS.ReadableStream): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of input) chunks.push(typeof chunk === 'string' ? Buffer.from(chunk) : chunk);
  return Buffer.concat(chunks);
}
