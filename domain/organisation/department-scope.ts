import type { EntityManager } from '@mikro-orm/postgresql';
import { wholeCompanyCode } from '../../entities';

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * The departments an account with this コントロール部門 may see: the control department and every
 * department below it. The root `0` (全社) sees every department of the company. An unknown id, or one
 * of another company, sees nothing.
 */
export async function visibleDepartmentIds(
  em: EntityManager,
  companyId: string,
  controlDepartmentId: string,
): Promise<string[]> {
  if (!uuidPattern.test(controlDepartmentId)) return [];
  const rows = await em.execute<{ id: string }[]>(
    `WITH RECURSIVE control AS (
       SELECT id, code FROM department WHERE company_id = ? AND id = ?
     ), scope AS (
       SELECT d.id FROM department d JOIN control c ON d.id = c.id
       UNION
       SELECT d.id FROM department d JOIN scope s ON d.parent_id = s.id WHERE d.company_id = ?
     )
     SELECT id FROM scope WHERE NOT EXISTS (SELECT 1 FROM control WHERE code = ?)
     UNION
     SELECT id FROM department WHERE company_id = ? AND EXISTS (SELECT 1 FROM control WHERE code = ?)`,
    [companyId, controlDepartmentId, companyId, wholeCompanyCode, companyId, wholeCompanyCode],
  );
  return rows.map((row) => row.id);
}
