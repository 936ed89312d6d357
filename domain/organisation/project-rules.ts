import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { Account, Project, ProjectMember, type ProjectRole } from '../../entities';
import { ConflictError, InputError, NotFoundError } from '../errors';
import type { MemberInput } from './project-input';

/** Loads the project locked, so that concurrent membership changes see each other (one PM at most). */
export async function lockProject(em: EntityManager, companyId: string, code: string): Promise<Project> {
  const project = await em.findOne(Project, { company: companyId, code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!project) throw new NotFoundError(`No project "${code}".`, 'PROJECT_NOT_FOUND');
  return project;
}

export async function findMember(em: EntityManager, project: Project, accountCode: string): Promise<ProjectMember> {
  const member = await em.findOne(ProjectMember, { project, account: { code: accountCode } });
  if (!member) throw new NotFoundError(`"${accountCode}" is not a member of "${project.code}".`, 'MEMBER_NOT_FOUND');
  return member;
}

export const onePm = (field: string) =>
  new ConflictError('PROJECT_HAS_PM', 'A project has at most one PM; change the current one first.', field);

export interface ResolvedMember {
  account: Account;
  projectRole: ProjectRole;
}

/** Checks a whole membership list and resolves its accounts; errors name the offending entry. */
export async function resolveMembers(
  em: EntityManager,
  companyId: string,
  members: MemberInput[],
): Promise<ResolvedMember[]> {
  const seen = new Set<string>();
  members.forEach((member, index) => {
    if (seen.has(member.accountCode)) {
      throw new InputError(
        'DUPLICATE_MEMBER',
        `"${member.accountCode}" is listed twice.`,
        `members.${index}.accountCode`,
      );
    }
    seen.add(member.accountCode);
  });
  const pmIndexes = members.flatMap((member, index) => (member.projectRole === 'pm' ? [index] : []));
  if (pmIndexes.length > 1) throw onePm(`members.${pmIndexes[1]}.projectRole`);
  const accounts = await em.find(Account, { company: companyId, code: { $in: [...seen] } });
  const byCode = new Map(accounts.map((account) => [account.code, account]));
  return members.map((member, index) => {
    const account = byCode.get(member.accountCode);
    if (!account) {
      throw new InputError('UNKNOWN_ACCOUNT', `No account "${member.accountCode}".`, `members.${index}.accountCode`);
    }
    return { account, projectRole: member.projectRole };
  });
}

export async function replaceMembers(em: EntityManager, project: Project, members: ResolvedMember[]): Promise<void> {
  await em.nativeDelete(ProjectMember, { project });
  for (const member of members) em.persist(new ProjectMember(ref(project), ref(member.account), member.projectRole));
}
