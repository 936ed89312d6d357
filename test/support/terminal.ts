import { spawn } from 'node:child_process';

export interface TerminalRun {
  code: number;
  /** Everything the terminal showed (stdout and stderr, `\r\n` line ends), as a person would see it. */
  screen: string;
}

const quote = (word: string) => `'${word.replace(/'/g, `'\\''`)}'`;

/**
 * Runs a command in a real pseudo-terminal (util-linux `script`), typing each reply once its prompt has
 * appeared, as a person at the keyboard would: keys typed before the program takes the terminal would be
 * echoed by the terminal itself. The terminal's echo is on (stdin here is a pipe), so whatever the program
 * does not hide is on the screen.
 */
export function inTerminal(
  argv: string[],
  options: { cwd: string; env: NodeJS.ProcessEnv; replies?: { after: string; type: string }[] },
): Promise<TerminalRun> {
  return new Promise((done, fail) => {
    const child = spawn('script', ['-qefc', argv.map(quote).join(' '), '/dev/null'], {
      cwd: options.cwd,
      env: { TERM: 'xterm', ...options.env },
      stdio: ['pipe', 'pipe', 'pipe'],
    });
    const replies = [...(options.replies ?? [])];
    let screen = '';
    let answeredUpTo = 0;
    const onOutput = (chunk: Buffer) => {
      screen += chunk.toString();
      const next = replies[0];
      if (next && screen.indexOf(next.after, answeredUpTo) >= 0) {
        answeredUpTo = screen.length;
        replies.shift();
        child.stdin.write(next.type);
      }
    };
    child.stdout.on('data', onOutput);
    child.stderr.on('data', onOutput);
    child.once('error', fail);
    child.once('close', (code) => {
      child.stdin.destroy();
      done({ code: code ?? -1, screen });
    });
  });
}
