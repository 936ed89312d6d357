import { createAccountInput } from '../../domain/accounts/account-input';
import { hasForbiddenCharacters, issueErrorCode, newAccountCode, plainText } from '../../domain/input-schemas';
import { isVisiblyEmpty } from '../../domain/visible-text';

/** The name rule (issue 17): what shows nothing is refused; so are lone surrogates; real names pass. */
describe('visible text', () => {
  const invisible = {
    'zero-width space': '\u200b',
    'zero-width joiner and non-joiner': '\u200d\u200c',
    'RLM and LRM': '\u200f\u200e',
    'Arabic letter mark (ALM)': '\u061c',
    'Hangul fillers': '\u3164\u115f\u1160\uffa0',
    'word joiner and BOM': '\u2060\ufeff',
    'soft hyphen': '\u00ad',
    'ideographic space': '\u3000',
    'variation selector': '\ufe0f',
    'tag characters': '\u{e0041}\u{e007f}',
    'braille blank': '\u2800',
    'Mongolian vowel separator': '\u180e',
  };
  it.each(Object.entries(invisible))('%s only is visibly empty and refused as INVISIBLE_TEXT', (_, text) => {
    expect(isVisiblyEmpty(text)).toBe(true);
    expect(isVisiblyEmpty(`${text}${text}`)).toBe(true);
    const parsed = plainText(20).safeParse(text);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(parsed.error.issues.map(issueErrorCode)).toContain('INVISIBLE_TEXT');
  });

  it.each(['山田', 'ヤマダ', 'O’Brien', 'Zoë', '이영희', 'a\u200bb', '👩‍💻', '𠮷野'])('%s is a name', (text) => {
    expect(isVisiblyEmpty(text)).toBe(false);
    expect(plainText(20).safeParse(text).success).toBe(true);
  });

  it('account names follow the same rule (API and CSV import share the schema)', () => {
    const parsed = createAccountInput.shape.lastName.safeParse('\u200b\u200f');
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(issueErrorCode(parsed.error.issues[0]!)).toBe('INVISIBLE_TEXT');
  });
});

describe('forbidden characters', () => {
  it.each([
    ['a lone high surrogate', 'a\ud800b', true],
    ['a lone low surrogate', '\udc00', true],
    ['a surrogate pair', '𠮷', false],
    ['NUL', 'a\u0000', true],
    ['C1 control', '\u0085', true],
    ['bidi override', '\u202e', true],
    ['plain text', '山田 太郎', false],
  ])('%s', (_, text, forbidden) => {
    expect(hasForbiddenCharacters(text)).toBe(forbidden);
  });
});

describe('new account codes', () => {
  it.each(['=1+2', '@SUM(1;2)', '+1+2', '-2+3'])('%s is refused as FORMULA_START', (code) => {
    const parsed = newAccountCode.safeParse(code);
    expect(parsed.success).toBe(false);
    if (!parsed.success) expect(issueErrorCode(parsed.error.issues[0]!)).toBe('FORMULA_START');
  });
  it.each(['E0001', 'a=b', '1+2', 'x-y@z', '[1]'])('%s is a code', (code) => {
    expect(newAccountCode.safeParse(code).success).toBe(true);
  });
});
