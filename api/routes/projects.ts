import { z } from 'zod';
import {
  changeMemberInput,
  createProjectInput,
  memberAccountCode,
  memberInput,
  projectCode,
  projectRole,
  updateProjectInput,
} from '../../domain/organisation/project-input';
import { addProjectMember, changeProjectMember, removeProjectMember } from '../../domain/organisation/project-members';
import {
  createProject,
  deleteProject,
  getProject,
  listProjects,
  updateProject,
} from '../../domain/organisation/projects';
import { defineRoute } from '../route';
import type { RouteTarget } from './types';

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

const createProjectBody = createProjectInput.meta({ id: 'CreateProjectRequest' });
const updateProjectBody = updateProjectInput.meta({ id: 'UpdateProjectRequest' });
const addMemberBody = memberInput.meta({ id: 'AddProjectMemberRequest' });
const changeMemberBody = changeMemberInput.meta({ id: 'ChangeProjectMemberRequest' });

const projectParam = z.object({ code: projectCode });
const memberParams = z.object({ code: projectCode, accountCode: memberAccountCode });

/** Projects and their members (PM, PL, member). A member account cannot be deleted. */
export function registerProjectRoutes(target: RouteTarget): void {
  defineRoute(target, {
    method: 'get',
    path: '/api/projects',
    summary: 'Every project with its members',
    tag: 'Projects',
    access: { permission: 'reference:read' },
    responses: { 200: { description: 'By code', schema: z.object({ items: z.array(projectSchema) }) } },
    handler: async ({ em, auth }) => ({ status: 200, body: { items: await listProjects(em, auth) } }),
  });

  defineRoute(target, {
    method: 'get',
    path: '/api/projects/:code',
    summary: 'One project with its members',
    tag: 'Projects',
    access: { permission: 'reference:read' },
    params: projectParam,
    responses: { 200: { description: 'The project', schema: projectSchema }, 404: { description: 'No such project' } },
    handler: async ({ em, auth, params }) => ({ status: 200, body: await getProject(em, auth, params.code) }),
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
    handler: async ({ em, auth, body }) => ({ status: 201, body: await createProject(em, auth, body) }),
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
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await updateProject(em, auth, params.code, body),
    }),
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
      await deleteProject(em, auth, params.code);
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
    handler: async ({ em, auth, params, body }) => ({
      status: 201,
      body: await addProjectMember(em, auth, params.code, body),
    }),
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
    handler: async ({ em, auth, params, body }) => ({
      status: 200,
      body: await changeProjectMember(em, auth, params.code, params.accountCode, body),
    }),
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
      await removeProjectMember(em, auth, params.code, params.accountCode);
      return { status: 204 };
    },
  });
}
