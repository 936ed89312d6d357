import { isSelfOrDescendant, orderAsTree, type TreeNode } from '../domain/organisation/org-tree';

const node = (id: string, parentId: string | null, sortOrder = 0): TreeNode => ({ id, code: id, parentId, sortOrder });

describe('orderAsTree', () => {
  it('puts every parent before its children and orders siblings by sort order, then code', () => {
    const placed = orderAsTree([
      node('200', '0', 1),
      node('110', '100'),
      node('100', '0', 1),
      node('0', null),
      node('050', '0', 2),
      node('101', '100'),
    ]);
    expect(placed.map(({ node: unit, depth, path }) => [unit.code, depth, path.join('/')])).toEqual([
      ['0', 0, '0'],
      ['100', 1, '0/100'],
      ['101', 2, '0/100/101'],
      ['110', 2, '0/100/110'],
      ['200', 1, '0/200'],
      ['050', 1, '0/050'],
    ]);
  });

  it('leaves out units caught in a cycle instead of looping', () => {
    expect(orderAsTree([node('0', null), node('a', 'b'), node('b', 'a')]).map(({ node: unit }) => unit.code)).toEqual([
      '0',
    ]);
  });
});

describe('isSelfOrDescendant', () => {
  const chart = [node('0', null), node('1', '0'), node('11', '1'), node('111', '11'), node('2', '0')];

  it.each([
    ['1', '1', true],
    ['1', '11', true],
    ['1', '111', true],
    ['1', '2', false],
    ['1', '0', false],
    ['11', '1', false],
  ])('moving %s under %s closes a cycle: %s', (moving, under, expected) => {
    expect(isSelfOrDescendant(chart, moving, under)).toBe(expected);
  });
});
