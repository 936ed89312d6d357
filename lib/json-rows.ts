import type { EntityManager, Knex } from '@mikro-orm/postgresql';

/**
 * Runs `sql`, whose one `?` stands for `rows` as a JSON array, with the rows bound as a real parameter rather than
 * inlined: MikroORM's `execute` writes every parameter into the SQL text, escaping it character by character,
 * which for thousands of rows with JSON cells cost more CPU than the database's work. Inside `transaction` when
 * one is given.
 */
export async function runWithJsonRows(
  em: EntityManager,
  sql: string,
  rows: readonly Record<string, unknown>[],
  transaction?: Knex.Transaction,
): Promise<void> {
  const query = em
    .getConnection()
    .getKnex()
    .raw(sql, [JSON.stringify(rows)]);
  if (transaction) query.transacting(transaction);
  await query;
}

/**
 * Inserts rows in one statement with the rows as one JSON parameter (runWithJsonRows). `columns` lists each
 * column with its SQL type (`'id uuid, cells jsonb'`), the rows' keys; `options.values` writes a column with an
 * SQL expression over the row's values instead of its value; `options.inOrder` inserts the rows in their order
 * (`with ordinality … order by`), for a table whose trigger numbers them. The parameter is `json`, not `jsonb`:
 * it is read once, by json_to_recordset, so building its binary form first only doubled the parsing.
 */
export async function insertJsonRows(
  em: EntityManager,
  table: string,
  columns: string,
  rows: readonly Record<string, unknown>[],
  options: { values?: Readonly<Record<string, string>>; transaction?: Knex.Transaction; inOrder?: boolean } = {},
): Promise<void> {
  if (rows.length === 0) return;
  const names = columns.split(',').map((definition) => definition.trim().split(/\s+/)[0]!);
  const values = names.map((name) => options.values?.[name] ?? name).join(', ');
  const source = `json_to_recordset(?::json) as (${columns})`;
  await runWithJsonRows(
    em,
    options.inOrder
      ? `insert into ${table} (${names.join(', ')})
         select ${values} from rows from (${source}) with ordinality as r(${names.join(', ')}, row_order)
          order by row_order`
      : `insert into ${table} (${names.join(', ')}) select ${values} from ${source}`,
    rows,
    options.transaction,
  );
}
