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
  /** A form with fields; the button label is `submit`. */
  form?: PageForm;
  /** A link shown under the text, e.g. to the company's portal. */
  link?: { href: string; label: string };
  /** Small links at the foot of the page: the login page, the other language. */
  footer?: { href: string; label: string; lang?: Locale }[];
}

export interface PageField {
  name: string;
  label?: string;
  type: 'text' | 'password' | 'hidden';
  value?: string;
  autocomplete?: string;
  /** A code typed as it is (企業コード, ログインID): no capital first letter, correction or spell check on phones. */
  verbatim?: boolean;
}

export interface PageForm {
  action: string;
  /** POST unless said otherwise; a GET form only carries what may appear in a URL. */
  method?: 'get' | 'post';
  fields: PageField[];
  submit: string;
}

function renderField(field: PageField): string {
  const value = field.value === undefined ? '' : ` value="${escapeHtml(field.value)}"`;
  const input = `<input type="${field.type}" name="${field.name}" id="${field.name}"${value}${
    field.autocomplete ? ` autocomplete="${field.autocomplete}"` : ''
  }${field.verbatim ? ' autocapitalize="none" autocorrect="off" spellcheck="false"' : ''}${
    field.type === 'hidden' ? '' : ' required'
  }>`;
  if (field.type === 'hidden' || !field.label) return input;
  return `<label for="${field.name}">${escapeHtml(field.label)}</label>${input}`;
}

function renderForm(form: PageForm): string {
  return `<form method="${form.method ?? 'post'}" action="${escapeHtml(form.action)}">${form.fields.map(renderField).join('')}<button type="submit">${escapeHtml(
    form.submit,
  )}</button></form>`;
}

/** A small self-contained page (no scripts, no external assets), for the few screens an employee sees. */
export function renderPage(page: PageContent): string {
  const accent = { info: '#1f5fbf', success: '#1d7a46', error: '#b42318' }[page.tone ?? 'info'];
  const button = page.button
    ? `<form method="post"><button type="submit">${escapeHtml(page.button)}</button></form>`
    : '';
  const form = page.form ? renderForm(page.form) : '';
  const link = page.link
    ? `<p><a class="action" href="${escapeHtml(page.link.href)}">${escapeHtml(page.link.label)}</a></p>`
    : '';
  const footer = page.footer?.length
    ? `<p class="footer">${page.footer
        .map(
          (item) =>
            `<a href="${escapeHtml(item.href)}"${item.lang ? ` lang="${item.lang}" hreflang="${item.lang}"` : ''}>${escapeHtml(item.label)}</a>`,
        )
        .join(' ')}</p>`
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
main{max-width:34rem;margin:2rem auto;background:#fff;border-radius:12px;padding:2rem 2.25rem;box-shadow:0 1px 4px rgba(0,0,0,.08);border-top:6px solid ${accent}}
h1{font-size:1.35rem;margin:0 0 1rem}p{line-height:1.7}
label{display:block;margin:.9rem 0 .3rem;font-weight:600}
input{width:100%;box-sizing:border-box;font-size:1rem;padding:.6rem;border:1px solid #c4c8cf;border-radius:6px}
form button{margin-top:1.4rem}
button{font-size:1.05rem;padding:.75rem 2.5rem;border:0;border-radius:8px;background:#1f5fbf;color:#fff;cursor:pointer}
a.action{display:inline-block;min-height:44px;line-height:44px;padding:0 1rem;border:1px solid ${accent};border-radius:8px;text-decoration:none;color:${accent}}
.footer{margin-top:1.5rem;font-size:.95rem}.footer a{display:inline-block;min-height:44px;line-height:44px;margin-right:1.25rem}
@media (max-width:30rem){main{margin:.75rem;padding:1.5rem 1.25rem}}
</style>
</head>
<body><main>
<h1>${escapeHtml(page.title)}</h1>
${page.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join('\n')}
${button}${form}${link}${footer}
</main></body>
</html>`;
}
