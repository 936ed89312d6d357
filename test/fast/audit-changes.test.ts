import { changesBetween } from '../../domain/audit/changes';

/** A field differs exactly when its value serialises differently; secrets show only that they changed. */
describe('audit changes', () => {
  const values: unknown[] = [
    null,
    undefined,
    '',
    'true',
    '1',
    'null',
    '佐藤',
    true,
    false,
    0,
    1,
    Number.NaN,
    new Date('2026-04-01T00:00:00Z'),
    '2026-04-01T00:00:00.000Z',
    { a: 1 },
    ['x'],
  ];

  it('compares every pair of values as their JSON would', () => {
    const normalised = (value: unknown) =>
      JSON.stringify(value instanceof Date ? value.toISOString() : (value ?? null));
    for (const before of values) {
      for (const after of values) {
        const expected = normalised(before) === normalised(after) ? [] : ['field'];
        expect(changesBetween({ field: before }, { field: after }).map((change) => change.field)).toEqual(expected);
      }
    }
  });

  it('a create lists every field with a value, a secret as changed only', () => {
    expect(changesBetween({}, { lastName: '佐藤', disabled: false, note: undefined, passwordHash: 'x' })).toEqual([
      { field: 'lastName', before: null, after: '佐藤' },
      { field: 'disabled', before: null, after: false },
      { field: 'passwordHash', changed: true },
    ]);
  });
});
