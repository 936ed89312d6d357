import { chmodSync, mkdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { homedir } from 'node:os';
import { dirname, join } from 'node:path';

export interface StoredLogin {
  url: string;
  token: string;
  company?: string;
  user?: string;
}

/** `$XDG_CONFIG_HOME/wfc/config.json` (default `~/.config/wfc/config.json`), readable by its owner only. */
export function configPath(env: NodeJS.ProcessEnv = process.env): string {
  return join(env.XDG_CONFIG_HOME || join(homedir(), '.config'), 'wfc', 'config.json');
}

export function saveLogin(login: StoredLogin, env: NodeJS.ProcessEnv = process.env): string {
  const path = configPath(env);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  writeFileSync(path, JSON.stringify(login, null, 2), { mode: 0o600 });
  chmodSync(path, 0o600);
  return path;
}

/** Removes the stored login (`wfc logout`); answers whether there was one. */
export function forgetLogin(env: NodeJS.ProcessEnv = process.env): boolean {
  const path = configPath(env);
  const existed = Object.keys(storedLogin(env)).length > 0;
  rmSync(path, { force: true });
  return existed;
}

export function storedLogin(env: NodeJS.ProcessEnv = process.env): Partial<StoredLogin> {
  try {
    return JSON.parse(readFileSync(configPath(env), 'utf8')) as Partial<StoredLogin>;
  } catch {
    return {};
  }
}

/** The API's base URL and token: WFC_URL / WFC_TOKEN first, then the stored login. */
export function currentLogin(env: NodeJS.ProcessEnv = process.env): { url?: string; token?: string } {
  const stored = storedLogin(env);
  return { url: env.WFC_URL || stored.url, token: env.WFC_TOKEN || stored.token };
}
