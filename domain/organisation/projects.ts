import type { EntityManager } from '@mikro-orm/postgresql';
import { Company, Project, ProjectMember } from '../../entities';
import { assertPermitted } from '../access/policy';
import type { Principal } from '../access/principal';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError } from '../errors';
import type { CreateProjectInput, UpdateProjectInput } from './project-input';
import { lockProject, replaceMembers, resolveMembers } from './project-rules';
import { loadProjectView, projectView, type ProjectView } from './project-view';
import { recordEntityChange, snapshotOf } from '../audit/entity-audit';

const codeTaken = (code: string) => new ConflictError('PROJECT_CODE_TAKEN', `The project "${code}" exists.`, 'code');

/** Every project of the company by code, each with its members. */
export async function listProjects(em: EntityManager, principal: Principal): Promise<ProjectView[]> {
  assertPermitted(principal, 'reference:read');
  const projects = await em.find(Project, { company: principal.companyId }, { orderBy: { code: 'asc' } });
  const members = await em.find(ProjectMember, { project: { $in: projects } }, { populate: ['account'] });
  const byProject = new Map<string, ProjectMember[]>();
  for (const member of members) {
    byProject.set(member.project.id, [...(byProject.get(member.project.id) ?? []), member]);
  }
  return projects.map((project) => projectView(project, byProject.get(project.id) ?? []));
}

export async function getProject(em: EntityManager, principal: Principal, code: string): Promise<ProjectView> {
  assertPermitted(principal, 'reference:read');
  return loadProjectView(em, principal.companyId, code);
}

export async function createProject(
  em: EntityManager,
  principal: Principal,
  input: CreateProjectInput,
): Promise<ProjectView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  await refusingConflicts(
    () =>
      em.fork().transactional(async (tx) => {
        if (await tx.findOne(Project, { company: companyId, code: input.code })) throw codeTaken(input.code);
        const members = await resolveMembers(tx, companyId, input.members ?? []);
        const project = new Project(tx.getReference(Company, companyId, { wrapped: true }), input.code, input.name);
        tx.persist(project);
        await replaceMembers(tx, project, members);
        recordEntityChange(tx, principal, companyId, { type: 'project', kind: 'create' }, project, {});
      }),
    { unique: () => codeTaken(input.code) },
  );
  return loadProjectView(em, companyId, input.code);
}

/** Renames the project or replaces its whole membership; `members` is the complete new list. */
export async function updateProject(
  em: EntityManager,
  principal: Principal,
  code: string,
  input: UpdateProjectInput,
): Promise<ProjectView> {
  assertPermitted(principal, 'reference:write');
  const { companyId } = principal;
  await em.fork().transactional(async (tx) => {
    const project = await lockProject(tx, companyId, code);
    const before = snapshotOf(project);
    if (input.name !== undefined) project.name = input.name;
    if (input.members !== undefined) {
      await replaceMembers(tx, project, await resolveMembers(tx, companyId, input.members));
    }
    recordEntityChange(tx, principal, companyId, { type: 'project', kind: 'update' }, project, before);
  });
  return loadProjectView(em, companyId, code);
}

/** The membership goes with the project (the database cascades it). */
export async function deleteProject(em: EntityManager, principal: Principal, code: string): Promise<void> {
  assertPermitted(principal, 'reference:write');
  await em.fork().transactional(async (tx) => {
    const project = await lockProject(tx, principal.companyId, code);
    const before = snapshotOf(project);
    recordEntityChange(tx, principal, principal.companyId, { type: 'project', kind: 'delete' }, project, before);
    tx.remove(project);
  });
}
