import Mustache from 'mustache';
import type { Locale } from '../../entities';

/**
 * A mail's content as blocks, rendered twice from the same data: the text part (one line per block, as mail
 * clients have always shown it) and the HTML part (clickable links, details in a table, inline styles only,
 * since most mail clients drop <style> and never load stylesheets).
 */
export type MailBlock =
  | { kind: 'line'; text: string }
  | { kind: 'blank' }
  /** The main call to action: its own line in text, a button and the visible URL in HTML. */
  | { kind: 'action'; href: string; label: string }
  | { kind: 'field'; label: string; value: string }
  | { kind: 'link'; label: string; href: string };

export interface RenderedMail {
  subject: string;
  text: string;
  html: string;
}

function textLine(block: MailBlock): string {
  switch (block.kind) {
    case 'line':
      return block.text;
    case 'blank':
      return '';
    case 'action':
      return block.href;
    case 'field':
      return `${block.label}: ${block.value}`;
    case 'link':
      return `${block.label}: ${block.href}`;
  }
}

/** Consecutive fields form one table; blank lines only separate blocks in text. */
function htmlSections(blocks: MailBlock[]) {
  const sections: Record<string, unknown>[] = [];
  for (const block of blocks) {
    if (block.kind === 'blank') continue;
    if (block.kind === 'field') {
      const last = sections[sections.length - 1];
      if (last?.fields) (last.fields as MailBlock[]).push(block);
      else sections.push({ fields: [block] });
      continue;
    }
    sections.push({ [block.kind]: block });
  }
  return sections;
}

const htmlTemplate = `<!doctype html>
<html lang="{{locale}}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>{{subject}}</title></head>
<body style="margin:0;padding:0;background-color:#f5f6f8;">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0" style="background-color:#f5f6f8;">
<tr><td align="center" style="padding:24px 12px;">
<table role="presentation" width="600" cellpadding="0" cellspacing="0" style="max-width:600px;width:100%;background-color:#ffffff;border-top:6px solid #1f5fbf;font-family:'Hiragino Sans','Noto Sans JP','Yu Gothic',Meiryo,Arial,sans-serif;font-size:15px;line-height:1.7;color:#1c1f24;">
<tr><td style="padding:28px 32px;">
{{#sections}}
{{#line}}<p style="margin:0 0 12px 0;">{{text}}</p>{{/line}}
{{#action}}<p style="margin:20px 0 8px 0;"><a href="{{href}}" style="display:inline-block;background-color:#1f5fbf;color:#ffffff;text-decoration:none;font-weight:bold;padding:12px 28px;border-radius:6px;">{{label}}</a></p>
<p style="margin:0 0 20px 0;font-size:12px;color:#5b6270;word-break:break-all;"><a href="{{href}}" style="color:#1f5fbf;">{{href}}</a></p>{{/action}}
{{#fields.length}}<table role="presentation" cellpadding="0" cellspacing="0" style="margin:8px 0 16px 0;border-collapse:collapse;">
{{#fields}}<tr><td style="padding:6px 16px 6px 0;color:#5b6270;white-space:nowrap;">{{label}}</td><td style="padding:6px 0;font-family:Menlo,Consolas,monospace;font-size:16px;font-weight:bold;">{{value}}</td></tr>
{{/fields}}</table>{{/fields.length}}
{{#link}}<p style="margin:0 0 8px 0;">{{label}}: <a href="{{href}}" style="color:#1f5fbf;word-break:break-all;">{{href}}</a></p>{{/link}}
{{/sections}}
</td></tr>
</table>
</td></tr>
</table>
</body>
</html>
`;

export function renderMail(locale: Locale, subject: string, blocks: MailBlock[]): RenderedMail {
  return {
    subject,
    text: blocks.map(textLine).join('\n'),
    html: Mustache.render(htmlTemplate, { locale, subject, sections: htmlSections(blocks) }),
  };
}
