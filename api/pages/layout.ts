import type { Locale } from '../../entities';

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`);
}

export interface PageContent {
  locale: Locale;
  title: string;
  /** Paragraphs of plain text; escaped here. */
  paragraphs: string[];
  tone?: 'info' | 'success' | 'error';
  /** A form that POSTs back to the same URL with one button. */
  button?: string;
}

/** A small self-contained page (no scripts, no external assets), for the few screens an employee sees. */
export function renderPage(page: PageContent): string {
  const accent = { info: '#1f5fbf', success: '#1d7a46', error: '#b42318' }[page.tone ?? 'info'];
  const form = page.button
    ? `<form method="post"><button type="submit">${escapeHtml(page.button)}</button></form>`
    : '';
  return `<!doctype html>
<html lang="${page.locale}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escapeHtml(page.title)}</title>
<style>
body{font-family:system-ui,-apple-system,"Hiragino Sans","Noto Sans JP",sans-serif;background:#f5f6f8;margin:0;color:#1c1f24}
main{max-width:34rem;margin:4rem auto;background:#fff;border-radius:12px;padding:2rem 2.25rem;box-shadow:0 1px 4px rgba(0,0,0,.08);border-top:6px solid ${accent}}
h1{font-size:1.35rem;margin:0 0 1rem}p{line-height:1.7}
button{font-size:1.05rem;padding:.75rem 2.5rem;border:0;border-radius:8px;background:${accent};color:#fff;cursor:pointer}
</style>
</head>
<body><main>
<h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${form}
</main></body>
</html>`;
}
