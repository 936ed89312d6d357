import { LockMode, ref, type EntityManager } from '@mikro-orm/postgresql';
import { z } from 'zod';
import { Account, Company, Project, ProjectMember, projectRoles, type ProjectRole } from '../../entities';
import { refusingConflicts } from '../constraint-errors';
import { ConflictError, InputError, NotFoundError } from '../errors';
import { accountCodeParam } from '../input-schemas';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

/** プロジェクトコード: code and branch joined by a hyphen, 半角 23. */
const projectCode = z
  .string()
  .max(23)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH: half-width letters and digits joined by one hyphen')
  .meta({ example: 'P2026001-01' });
const projectName = z.string().trim().min(1).max(50);
const accountCode = accountCodeParam.shape.code;
const projectRole = z.enum(projectRoles).meta({ description: 'pm (at most one per project), pl or member' });

const memberInput = z.object({ accountCode, projectRole }).strict();
const memberList = z
  .array(memberInput)
  .max(500)
  .meta({ description: 'The whole membership; each account at most once, at most one pm' });

const memberSchema = z.object({
  accountCode: z.string(),
  lastName: z.string(),
  firstName: z.string(),
  projectRole,
});
const projectSchema = z
  .object({
    code: z.string(),
    name: z.string(),
    members: z.array(memberSchema).meta({ description: 'PM first, then PLs, then members, each by account code' }),
  })
  .meta({ id: 'Project' });

const createProjectBody = z
  .object({ code: projectCode, name: projectName, members: memberList.optional() })
  .strict()
  .meta({ id: 'CreateProjectRequest' });
const updateProjectBody = z
  .object({ name: projectName, members: memberList })
  .partial()
  .strict()
  .meta({ id: 'UpdateProjectRequest' });
const addMemberBody = memberInput.meta({ id: 'AddProjectMemberRequest' });
const changeMemberBody = z.object({ projectRole }).strict().meta({ id: 'ChangeProjectMemberRequest' });

const projectParam = z.object({ code: projectCode });
const memberParams = z.object({ code: projectCode, accountCode });

const roleOrder: Record<ProjectRole, number> = { pm: 0, pl: 1, member: 2 };

function projectView(project: Project, members: ProjectMember[]): z.infer<typeof projectSchema> {
  const views = members.map((member) => {
    const account = member.account.getEntity();
    return {
      accountCode: account.code,
      lastName: account.lastName,
      firstName: account.firstName,
      projectRole: member.projectRole,
    };
  });
  views.sort(
    (a, b) =>
      roleOrder[a.projectRole] - roleOrder[b.projectRole] ||
      (a.accountCode < b.accountCode ? -1 : a.accountCode > b.accountCode ? 1 : 0),
  );
  return { code: project.code, name: project.name, members: views };
}

async function loadView(em: EntityManager, companyId: string, code: string): Promise<z.infer<typeof projectSchema>> {
  const project = await em.findOne(Project, { company: companyId, code });
  if (!project) throw new NotFoundError(`No project "${code}".`, 'PROJECT_NOT_FOUND');
  const members = await em.find(ProjectMember, { project }, { populate: ['account'] });
  return projectView(project, members);
}

/** Loads the project locked, so that concurrent membership changes see each other (one PM at most). */
async function lockProject(em: EntityManager, companyId: string, code: string): Promise<Project> {
  const project = await em.findOne(Project, { company: companyId, code }, { lockMode: LockMode.PESSIMISTIC_WRITE });
  if (!project) throw new NotFoundError(`No project "${code}".`, 'PROJECT_NOT_FOUND');
  return project;
}

const onePm = (field: string) =>
  new ConflictError('PROJECT_HAS_PM', 'A project has at most one PM; change the current one first.', field);

/** Checks a whole membership list and resolves its accounts; errors name the offending entry. */
async function resolveMembers(
  em: EntityManager,
  companyId: string,
  members: z.infer<typeof memberList>,
): Promise<{ account: Account; projectRole: ProjectRole }[]> {
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

async function replaceMembers(
  em: EntityManager,
  project: Project,
  members: { account: Account; projectRole: ProjectRole }[],
): Promise<void> {
  await em.nativeDelete(ProjectMember, { project });
  for (const member of members) em.persist(new ProjectMember(ref(project), ref(member.account), member.projectRole));
}

/** Projects and their members (PM, PL, member). A member account cannot be deleted. */
export function registerProjectRoutes(target: RouteTarget): void {
  const codeTaken = (code: string) => new ConflictError('PROJECT_CODE_TAKEN', `The project "${code}" exists.`, 'code');

  defineRoute(target, {
    method: 'get',
    path: '/api/projects',
    summary: 'Every project with its members',
    tag: 'Projects',
    access: { permission: 'reference:read' },
    responses: { 200: { description: 'By code', schema: z.object({ items: z.array(projectSchema) }) } },
    handler: async ({ em, auth }) => {
      const projects = await em.find(Project, { company: auth.companyId }, { orderBy: { code: 'asc' } });
      const members = await em.find(ProjectMember, { project: { $in: projects } }, { populate: ['account'] });
      const byProject = new Map<string, ProjectMember[]>();
      for (const member of members) {
        byProject.set(member.project.id, [...(byProject.get(member.project.id) ?? []), member]);
      }
      return {
        status: 200,
        body: { items: projects.map((project) => projectView(project, byProject.get(project.id) ?? [])) },
      };
    },
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/projects/:code',
    summary: 'One project with its members',
    tag: 'Projects',
    access: { permission: 'reference:read' },
    params: projectParam,
    responses: { 200: { description: 'The project', schema: projectSchema }, 404: { description: 'No such project' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await loadView(em, auth.companyId, params.code) }),
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/projects',
    summary: 'Add a project, optionally with its members',
    tag: 'Projects',
    access: { permission: 'reference:write' },
    body: createProjectBody,
    responses: {
      201: { description: 'Created', schema: projectSchema },
      409: { description: 'The code is used (PROJECT_CODE_TAKEN), or more than one PM (PROJECT_HAS_PM)' },
    },
    handler: async ({ em, auth, body }) => {
      await refusingConflicts(
        () =>
          em.fork().transactional(async (tx) => {
            if (await tx.findOne(Project, { company: auth.companyId, code: body.code })) throw codeTaken(body.code);
            const members = await resolveMembers(tx, auth.companyId, body.members ?? []);
            const project = new Project(
              tx.getReference(Company, auth.companyId, { wrapped: true }),
              body.code,
              body.name,
            );
            tx.persist(project);
            await replaceMembers(tx, project, members);
          }),
        { unique: () => codeTaken(body.code) },
      );
      return { status: 201, body: await loadView(em, auth.companyId, body.code) };
    },
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/projects/:code',
    summary: 'Rename a project or replace its whole membership',
    tag: 'Projects',
    access: { permission: 'reference:write' },
    params: projectParam,
    body: updateProjectBody,
    responses: {
      200: { description: 'Changed', schema: projectSchema },
      404: { description: 'No such project' },
      409: { description: 'More than one PM (PROJECT_HAS_PM)' },
    },
    handler: async ({ em, auth, params, body }) => {
      await em.fork().transactional(async (tx) => {
        const project = await lockProject(tx, auth.companyId, params.code);
        if (body.name !== undefined) project.name = body.name;
        if (body.members !== undefined) {
          await replaceMembers(tx, project, await resolveMembers(tx, auth.companyId, body.members));
        }
      });
      return { status: 200, body: await loadView(em, auth.companyId, params.code) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/projects/:code',
    summary: 'Delete a project and its membership',
    tag: 'Projects',
    access: { permission: 'reference:write' },
    params: projectParam,
    responses: { 204: { description: 'Deleted' }, 404: { description: 'No such project' } },
    handler: async ({ em, auth, params }) => {
      await em.fork().transactional(async (tx) => {
        const project = await lockProject(tx, auth.companyId, params.code);
        tx.remove(project);
      });
      return { status: 204 };
    },
  });

  defineRoute(target, {
    method: 'post',
    path: '/api/projects/:code/members',
    summary: 'Add one member to a project',
    tag: 'Projects',
    access: { permission: 'reference:write' },
    params: projectParam,
    body: addMemberBody,
    responses: {
      201: { description: 'Added; the whole project', schema: projectSchema },
      404: { description: 'No such project' },
      409: { description: 'Already a member (ALREADY_MEMBER), or the project has a PM (PROJECT_HAS_PM)' },
    },
    handler: async ({ em, auth, params, body }) => {
      const alreadyMember = () =>
        new ConflictError('ALREADY_MEMBER', `"${body.accountCode}" is already a member.`, 'accountCode');
      await refusingConflicts(
        () =>
          em.fork().transactional(async (tx) => {
            const project = await lockProject(tx, auth.companyId, params.code);
            const account = await tx.findOne(Account, { company: auth.companyId, code: body.accountCode });
            if (!account) throw new InputError('UNKNOWN_ACCOUNT', `No account "${body.accountCode}".`, 'accountCode');
            if (await tx.count(ProjectMember, { project, account })) throw alreadyMember();
            if (body.projectRole === 'pm' && (await tx.count(ProjectMember, { project, projectRole: 'pm' }))) {
              throw onePm('projectRole');
            }
            tx.persist(new ProjectMember(ref(project), ref(account), body.projectRole));
          }),
        { unique: alreadyMember },
      );
      return { status: 201, body: await loadView(em, auth.companyId, params.code) };
    },
  });

  defineRoute(target, {
    method: 'patch',
    path: '/api/projects/:code/members/:accountCode',
    summary: "Change a member's project role",
    tag: 'Projects',
    access: { permission: 'reference:write' },
    params: memberParams,
    body: changeMemberBody,
    responses: {
      200: { description: 'Changed; the whole project', schema: projectSchema },
      404: { description: 'No such project or member' },
      409: { description: 'The project has another PM (PROJECT_HAS_PM)' },
    },
    handler: async ({ em, auth, params, body }) => {
      await em.fork().transactional(async (tx) => {
        const project = await lockProject(tx, auth.companyId, params.code);
        const member = await findMember(tx, project, params.accountCode);
        if (
          body.projectRole === 'pm' &&
          (await tx.count(ProjectMember, { project, projectRole: 'pm', id: { $ne: member.id } }))
        ) {
          throw onePm('projectRole');
        }
        member.projectRole = body.projectRole;
      });
      return { status: 200, body: await loadView(em, auth.companyId, params.code) };
    },
  });

  defineRoute(target, {
    method: 'delete',
    path: '/api/projects/:code/members/:accountCode',
    summary: 'Remove one member from a project',
    tag: 'Projects',
    access: { permission: 'reference:write' },
    params: memberParams,
    responses: { 204: { description: 'Removed' }, 404: { description: 'No such project or member' } },
    handler: async ({ em, auth, params }) => {
      await em.fork().transactional(async (tx) => {
        const project = await lockProject(tx, auth.companyId, params.code);
        tx.remove(await findMember(tx, project, params.accountCode));
      });
      return { status: 204 };
    },
  });
}

async function findMember(em: EntityManager, project: Project, accountCode: string): Promise<ProjectMember> {
  const member = await em.findOne(ProjectMember, { project, account: { code: accountCode } });
  if (!member) throw new NotFoundError(`"${accountCode}" is not a member of "${project.code}".`, 'MEMBER_NOT_FOUND');
  return member;
}
