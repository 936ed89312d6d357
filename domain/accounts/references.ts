import type { EntityManager } from '@mikro-orm/postgresql';
import { Department, Partner, Rank, ReportingDepartment, Role, type PartnerKind } from '../../entities';

/**
 * The company's reference rows a registration looks up by code (departments on both charts, roles,
 * partners, ranks). One registration asks the database for each; an import of thousands of rows loads
 * them once (`preloadReferences`) and the same rules (account-rules.ts) read them from memory.
 */
export interface ReferenceLookup {
  department(code: string): Promise<Department | null>;
  reportingDepartment(code: string): Promise<ReportingDepartment | null>;
  role(code: string): Promise<Role | null>;
  partner(kind: PartnerKind, code: string): Promise<Partner | null>;
  rank(code: string): Promise<Rank | null>;
  activeRankCount(): Promise<number>;
}

export function queryReferences(em: EntityManager, companyId: string): ReferenceLookup {
  return {
    department: (code) => em.findOne(Department, { company: companyId, code }),
    reportingDepartment: (code) => em.findOne(ReportingDepartment, { company: companyId, code }),
    role: (code) => em.findOne(Role, { company: companyId, code }),
    partner: (kind, code) => em.findOne(Partner, { company: companyId, kind, code }),
    rank: (code) => em.findOne(Rank, { company: companyId, code }),
    activeRankCount: () => em.count(Rank, { company: companyId, active: true }),
  };
}

/** Every reference row of the company in five queries, managed by `em`. */
export async function preloadReferences(em: EntityManager, companyId: string): Promise<ReferenceLookup> {
  const byCode = <T extends { code: string }>(rows: T[]) => new Map(rows.map((row) => [row.code, row]));
  const departments = byCode(await em.find(Department, { company: companyId }));
  const reporting = byCode(await em.find(ReportingDepartment, { company: companyId }));
  const roles = byCode(await em.find(Role, { company: companyId }));
  const partners = new Map((await em.find(Partner, { company: companyId })).map((p) => [`${p.kind}:${p.code}`, p]));
  const ranks = byCode(await em.find(Rank, { company: companyId }));
  const activeRanks = [...ranks.values()].filter((rank) => rank.active).length;
  return {
    department: async (code) => departments.get(code) ?? null,
    reportingDepartment: async (code) => reporting.get(code) ?? null,
    role: async (code) => roles.get(code) ?? null,
    partner: async (kind, code) => partners.get(`${kind}:${code}`) ?? null,
    rank: async (code) => ranks.get(code) ?? null,
    activeRankCount: async () => activeRanks,
  };
}
