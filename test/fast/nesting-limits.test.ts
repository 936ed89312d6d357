import { nestsDeeperThan } from '../../api/json-body';
import { findForbiddenText } from '../../domain/input-schemas';

const nested = (depth: number) => Buffer.from('['.repeat(depth) + ']'.repeat(depth));

/** The JSON depth check runs on raw bytes in one loop; the text check walks parsed values with its own stack. */
describe('nesting limits without recursion', () => {
  it('counts brackets outside strings only, escaped quotes included', () => {
    expect(nestsDeeperThan(nested(32), 32)).toBe(false);
    expect(nestsDeeperThan(nested(33), 32)).toBe(true);
    expect(nestsDeeperThan(Buffer.from(`{"a":"${'[{'.repeat(100)}\\"[[["}`), 2)).toBe(false);
    expect(nestsDeeperThan(Buffer.from('{"名前":[{"x":"\\\\"},[[1]]]}'), 3)).toBe(true);
    expect(nestsDeeperThan(nested(1_000_000), 32)).toBe(true);
  });

  it('finds forbidden text in document order, and walks a value nested 1,000,000 deep', () => {
    expect(findForbiddenText({ a: 'ok', 'k\u0000': 'x', b: 'bad\u0007' })).toBe('key');
    expect(findForbiddenText({ a: 'bad\u0007', 'k\u0000': 'x' })).toBe('a');
    expect(findForbiddenText({ emails: ['ok', 'x\u202E'] })).toBe('emails.1');
    expect(findForbiddenText('\u0000')).toBe('value');
    let deep: unknown = 'end\u0000';
    for (let depth = 0; depth < 1_000_000; depth++) deep = [deep];
    expect(findForbiddenText(deep)?.split('.').length).toBe(1_000_000);
  });
});
