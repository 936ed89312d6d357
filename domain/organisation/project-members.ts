import { ref, type EntityManager } from '@mikro-orm/postgresql';
import { Account, ProjectMember } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, InputError } from '../errors';
import type { ChangeMemberInput, MemberInput } from './project-input';
import { findMember, lockProject, onePm } from './project-rules';
import { loadProjectView, type ProjectView } from './project-view';

/** Adds one account to a project; the answer is the whole project. */
export async function addProjectMember(
  em: EntityManager,
  principal: Principal,
  projectCode: string,
  input: MemberInput,
): Promise<ProjectView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  const alreadyMember = () =>
    new ConflictError('ALREADY_MEMBER', `"${input.accountCode}" is already a member.`, 'accountCode');
  await refusingConflicts(
    () =>
      em.fork().transactional(async (tx) => {
        const project = await lockProject(tx, companyId, projectCode);
        const account = await tx.findOne(Account, { company: companyId, code: input.accountCode });
        if (!account) throw new InputError('UNKNOWN_ACCOUNT', `No account "${input.accountCode}".`, 'accountCode');
        if (await tx.count(ProjectMember, { project, account })) throw alreadyMember();
        if (input.projectRole === 'pm' && (await tx.count(ProjectMember, { project, projectRole: 'pm' }))) {
          throw onePm('projectRole');
        }
        tx.persist(new ProjectMember(ref(project), ref(account), input.projectRole));
      }),
    { unique: alreadyMember },
  );
  return loadProjectView(em, companyId, projectCode);
}

/** Changes a member's project role; the answer is the whole project. */
export async function changeProjectMember(
  em: EntityManager,
  principal: Principal,
  projectCode: string,
  accountCode: string,
  input: ChangeMemberInput,
): Promise<ProjectView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  await em.fork().transactional(async (tx) => {
    const project = await lockProject(tx, companyId, projectCode);
    const member = await findMember(tx, project, accountCode);
    if (
      input.projectRole === 'pm' &&
      (await tx.count(ProjectMember, { project, projectRole: 'pm', id: { $ne: member.id } }))
    ) {
      throw onePm('projectRole');
    }
    member.projectRole = input.projectRole;
  });
  return loadProjectView(em, companyId, projectCode);
}

export async function removeProjectMember(
  em: EntityManager,
  principal: Principal,
  projectCode: string,
  accountCode: string,
): Promise<void> {
  assertPermitted(principal, 'reference:write');
  await em.fork().transactional(async (tx) => {
    const project = await lockProject(tx, principal.companyId, projectCode);
    tx.remove(await findMember(tx, project, accountCode));
  });
}
