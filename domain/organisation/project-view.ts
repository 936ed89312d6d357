import type { EntityManager } from '@mikro-orm/postgresql';
import { Project, ProjectMember, type ProjectRole } from '../../entities';
import { NotFoundError } from '../errors';

export interface ProjectMemberView {
  accountCode: string;
  lastName: string;
  firstName: string;
  projectRole: ProjectRole;
}

export interface ProjectView {
  code: string;
  name: string;
  /** PM first, then PLs, then members, each by account code. */
  members: ProjectMemberView[];
}

const roleOrder: Record<ProjectRole, number> = { pm: 0, pl: 1, member: 2 };

/** `members` must have their accounts loaded. */
export function projectView(project: Project, members: ProjectMember[]): ProjectView {
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

export async function loadProjectView(em: EntityManager, companyId: string, code: string): Promise<ProjectView> {
  const project = await em.findOne(Project, { company: companyId, code });
  if (!project) throw new NotFoundError(`No project "${code}".`, 'PROJECT_NOT_FOUND');
  const members = await em.find(ProjectMember, { project }, { populate: ['account'] });
  return projectView(project, members);
}
