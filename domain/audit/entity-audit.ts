import { wrap, type EntityManager } from '@mikro-orm/postgresql';
import type { Principal } from '../access/principal';
import { actorOf, type AuditActor } from './actor';
import { recordAudit } from './audit-trail';
import { changesBetween } from './changes';

/** An entity's fields as the trail compares them: scalars as they are, a reference by its id. */
export type Snapshot = Record<string, unknown>;

/** Every row's bookkeeping, never a change of its own. */
const bookkeeping = new Set(['id', 'createdAt', 'updatedAt', 'company']);

export function snapshotOf(entity: object, omit: ReadonlySet<string> = new Set()): Snapshot {
  const snapshot: Snapshot = {};
  const fields = entity as Record<string, unknown>;
  for (const prop of wrap(entity, true).__meta.props) {
    if (bookkeeping.has(prop.name) || omit.has(prop.name) || prop.kind === '1:m' || prop.kind === 'm:n') continue;
    const value = fields[prop.name];
    snapshot[prop.name] = prop.kind === 'm:1' ? (value as { id: string } | undefined)?.id : value;
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
