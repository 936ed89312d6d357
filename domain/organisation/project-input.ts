import { z } from 'zod';
import { projectRoles } from '../../entities';
import { accountCodeParam, plainText } from '../input-schemas';

/** プロジェクトコード: code and branch joined by a hyphen, 半角 23. */
export const projectCode = z
  .string()
  .max(23)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH: half-width letters and digits joined by one hyphen')
  .meta({ example: 'P2026001-01' });
const projectName = plainText(50);
export const memberAccountCode = accountCodeParam.shape.code;
export const projectRole = z.enum(projectRoles).meta({ description: 'pm (at most one per project), pl or member' });

export const memberInput = z.object({ accountCode: memberAccountCode, projectRole }).strict();
export type MemberInput = z.infer<typeof memberInput>;

const memberList = z
  .array(memberInput)
  .max(500)
  .meta({ description: 'The whole membership; each account at most once, at most one pm' });

export const createProjectInput = z
  .object({ code: projectCode, name: projectName, members: memberList.optional() })
  .strict();
export type CreateProjectInput = z.infer<typeof createProjectInput>;

export const updateProjectInput = z.object({ name: projectName, members: memberList }).partial().strict();
export type UpdateProjectInput = z.infer<typeof updateProjectInput>;

export const changeMemberInput = z.object({ projectRole }).strict();
export type ChangeMemberInput = z.infer<typeof changeMemberInput>;
