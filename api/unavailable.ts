import type { Request, Response } from 'express';
import type { Locale } from '../entities';
import type { Logger } from '../lib/logger';
import { retryAfterSeconds } from './operations-routes';
import { renderPage } from './pages/layout';
import { errorMessage, headerLanguage } from './messages';

const pageTexts: Record<Locale, { title: string; paragraphs: string[] }> = {
  ja: {
    title: '只今ご利用いただけません',
    paragraphs: [
      'システムが一時的に応答していません。操作はまだ完了しておらず、何も変更されていません。',
      'しばらくしてから、もう一度お試しください。メールのリンクはそのままお使いいただけます。',
    ],
  },
  en: {
    title: 'Temporarily unavailable',
    paragraphs: [
      'The service is not responding right now. Nothing was completed or changed.',
      'Please try again in a few minutes; the link in your mail still works.',
    ],
  },
};

/** The employee pages (HTML forms), as opposed to the JSON API. */
function isEmployeePage(req: Request): boolean {
  return req.path.startsWith('/verify/') || req.path === '/login' || req.path.startsWith('/login/');
}

/**
 * The language of the employee pages without the database: the page's own `lang` (login forms carry it),
 * else the browser's preference, else Japanese.
 */
function pageLocale(req: Request): Locale {
  const requested = (req.query.lang ?? (req.body as { lang?: unknown } | undefined)?.lang) as unknown;
  if (requested === 'en' || requested === 'ja') return requested;
  return req.acceptsLanguages('ja', 'en') === 'en' ? 'en' : 'ja';
}

/**
 * A dependency (PostgreSQL, Temporal) is unreachable: 503 with Retry-After, as an HTML page in the employee's
 * language on the employee pages and as the usual error body on the API. The failed transaction changed
 * nothing, so a verification token is still unused and the same link works once the database is back.
 */
export function sendUnavailable(req: Request, res: Response, logger: Logger, error: unknown): void {
  logger.warn({ err: error, method: req.method, route: req.route?.path }, 'dependency unavailable');
  res.status(503).set('Retry-After', String(retryAfterSeconds)).set('Cache-Control', 'no-store');
  if (isEmployeePage(req)) {
    const locale = pageLocale(req);
    res.type('html').send(renderPage({ locale, tone: 'error', ...pageTexts[locale] }));
    return;
  }
  res.json({
    error: {
      code: 'SERVICE_UNAVAILABLE',
      message: errorMessage(
        'SERVICE_UNAVAILABLE',
        headerLanguage(req) ?? 'ja',
        'A service this request needs is not reachable right now; nothing was changed. Try again shortly.',
      ),
    },
  });
}
