import express, { type Express, type RequestHandler } from 'express';
import { existsSync } from 'node:fs';
import { resolve } from 'node:path';

/**
 * The admin console's built files (console/dist: `npm run setup`, `npm run up`, `npm test` and `npm run build`
 * produce them), under /admin, with every other /admin path answered by its index.html so the console's router
 * takes over on a reload. Only files and a page that loads them: helmet's CSP (script-src 'self') holds, as the
 * build has no inline script. From dist/api/ in production the same relative path reaches dist/console/dist.
 */
export const consoleDirectory = resolve(__dirname, '../console/dist');

export function mountConsole(app: Express, directory = consoleDirectory): void {
  const index = resolve(directory, 'index.html');
  // Hashed file names: the assets never change under one name; the page itself is always asked again.
  app.use(
    '/admin/assets',
    express.static(resolve(directory, 'assets'), { immutable: true, maxAge: '365d', index: false }),
  );
  const page: RequestHandler = (req, res, next) => {
    // A missing asset is a 404, not the page.
    if (req.path.startsWith('/admin/assets/')) return next();
    if (!existsSync(index)) {
      res
        .status(503)
        .type('text/plain')
        .send('The admin console is not built: run "npm run setup" (or "npm run build" for production).');
      return;
    }
    res.set('Cache-Control', 'no-cache').sendFile(index);
  };
  app.get('/admin', page);
  app.get('/admin/*path', page);
}
