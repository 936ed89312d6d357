import { Reference, ReferenceKind, type EntityManager, type EntityProperty, type Knex } from '@mikro-orm/postgresql';
import { insertJsonRows } from './json-rows';

interface Column {
  prop: EntityProperty;
  name: string;
  type: string;
}

const columnsOf = new WeakMap<object, { table: string; columns: Column[] }>();

/** The table and columns an entity class writes on insert: its scalars and the ids of its many-to-one references. */
function tableOf(em: EntityManager, entity: object): { table: string; columns: Column[] } {
  const known = columnsOf.get(entity.constructor);
  if (known) return known;
  const meta = em.getMetadata().find(entity.constructor.name);
  if (!meta) throw new Error(`${entity.constructor.name} is not an entity`);
  const columns = meta.props
    .filter(
      (prop) =>
        prop.persist !== false &&
        !prop.formula &&
        (prop.kind === ReferenceKind.SCALAR || prop.kind === ReferenceKind.MANY_TO_ONE),
    )
    .map((prop) => {
      if (prop.fieldNames.length !== 1) throw new Error(`${meta.className}.${prop.name}: one column expected`);
      return { prop, name: prop.fieldNames[0]!, type: prop.columnTypes[0]! };
    });
  const table = { table: meta.tableName, columns };
  columnsOf.set(entity.constructor, table);
  return table;
}

/**
 * The entity's row with only the columns that hold a value: json_to_recordset reads a missing key as NULL, and an
 * account leaves about half of its columns empty, which would otherwise be named in every row of the JSON.
 */
function rowOf(em: EntityManager, entity: Record<string, unknown>, columns: Column[]): Record<string, unknown> {
  const platform = em.getPlatform();
  const row: Record<string, unknown> = {};
  for (const { prop, name } of columns) {
    const value = entity[prop.name];
    if (value === undefined || value === null) continue;
    if (prop.kind === ReferenceKind.MANY_TO_ONE) {
      row[name] = (Reference.unwrapReference(value as object) as { id: unknown }).id;
    } else if (prop.customType) row[name] = prop.customType.convertToDatabaseValue(value, platform);
    else row[name] = value;
  }
  return row;
}

/**
 * New entities written together, one multi-row INSERT per entity class (the rows as one JSON parameter,
 * lib/json-rows.ts), instead of one by one through the unit of work: an import chunk registers hundreds of
 * accounts with the same rules as one registration, and the unit of work's change sets cost more than the
 * database's work. Classes are written in the order their first entity was added (an account before its
 * history rows). The entities are not managed afterwards: the caller reads them, it does not change them.
 */
export class NewRows {
  private readonly byClass = new Map<object, Record<string, unknown>[]>();

  add(entity: object): void {
    const rows = this.byClass.get(entity.constructor);
    if (rows) rows.push(entity as Record<string, unknown>);
    else this.byClass.set(entity.constructor, [entity as Record<string, unknown>]);
  }

  /** Inserts every entity added since the last write, in `em`'s transaction. */
  async write(em: EntityManager): Promise<void> {
    const batches = [...this.byClass.values()];
    this.byClass.clear();
    for (const entities of batches) {
      const { table, columns } = tableOf(em, entities[0]!);
      await insertJsonRows(
        em,
        table,
        columns.map(({ name, type }) => `${name} ${type}`).join(', '),
        entities.map((entity) => rowOf(em, entity, columns)),
        { transaction: em.getTransactionContext<Knex.Transaction>() },
      );
    }
  }
}
