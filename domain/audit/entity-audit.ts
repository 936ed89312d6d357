import { wrap, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/principal';
import { actorOf, type AuditActor } from './actor';
import { recordAudit } from './audit-trail';
import { changesBetween } from './changes';

/** An entity's fields as the trail compares them: scalars as they are, a reference by its id. */
export type Snapshot = Record<string, unknown>;

/** Every row's bookkeeping, never a change of its own. */
const bookkeeping = new Set(['id', 'createdAt', 'updatedAt', 'company']);

/** Which fields a snapshot of an entity class takes, by its metadata and the fields it omits. */
const fieldsByClass = new WeakMap<object, WeakMap<ReadonlySet<string>, { name: string; reference: boolean }[]>>();

function snapshotFields(
  meta: { props: readonly { name: string; kind: string }[] },
  omit: ReadonlySet<string>,
): { name: string; reference: boolean }[] {
  let byOmit = fieldsByClass.get(meta);
  if (!byOmit) fieldsByClass.set(meta, (byOmit = new WeakMap()));
  let fields = byOmit.get(omit);
  if (!fields) {
    fields = meta.props
      .filter(
        (prop) => !bookkeeping.has(prop.name) && !omit.has(prop.name) && prop.kind !== '1:m' && prop.kind !== 'm:n',
      )
      .map((prop) => ({ name: prop.name, reference: prop.kind === 'm:1' }));
    byOmit.set(omit, fields);
  }
  return fields;
}

const nothingOmitted: ReadonlySet<string> = new Set();

export function snapshotOf(entity: object, omit: ReadonlySet<string> = nothingOmitted): Snapshot {
  const snapshot: Snapshot = {};
  const values = entity as Record<string, unknown>;
  for (const { name, reference } of snapshotFields(wrap(entity, true).__meta, omit)) {
    const value = values[name];
    snapshot[name] = reference ? (value as { id: string } | undefined)?.id : value;
  }
  return snapshot;
}

export type ChangeKind = 'create' | 'update' | 'delete';

/**
 * Records a reference datum's or a setting's change (`role.update`, `rank.create`, `settings.update`, …) with the
 * fields that differ from `before` (a create's `before` is `{}`); an update that changed nothing records nothing.
 */
export function recordEntityChange(
  em: EntityManager,
  who: Principal | AuditActor,
  companyId: string,
  change: { type: string; kind: ChangeKind },
  entity: { id: string; code: string; name?: string },
  before: Snapshot,
  omit?: ReadonlySet<string>,
): void {
  const changes = changesBetween(before, change.kind === 'delete' ? {} : snapshotOf(entity, omit));
  if (change.kind === 'update' && changes.length === 0) return;
  recordAudit(em, {
    companyId,
    actor: 'kind' in who ? who : actorOf(who),
    action: `${change.type}.${change.kind}`,
    target: { type: change.type, id: entity.id, code: entity.code, ...(entity.name ? { name: entity.name } : {}) },
    changes,
  });
}
