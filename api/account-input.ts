import { z } from 'zod';
import { accountTypes, inputMethods, locales, workStyles } from '../entities';
import { isCalendarDate } from '../lib/calendar';
import { accountCodeParam, emailAddress, passwordText } from './input-schemas';

/**
 * The fields of 【アカウント登録】 with the seed's lengths and character classes. Rules that need the
 * company's settings or other rows (numbering, partner kind, inactive ranks, work-style policy…) are
 * checked in account-rules.ts; both answer 400 with the field.
 */

/** 全て: any characters but control characters. */
const anyText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(/^[^\p{Cc}]*$/u, 'control characters are not allowed');

/** Kana: full-width or half-width katakana (with ー・ and spaces). */
const kana = z
  .string()
  .trim()
  .min(1)
  .max(10)
  .regex(/^[\p{Script=Katakana}ーｰ・･ \u3000]+$/u, 'katakana only');

const calendarDate = z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD');
const yearMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

const departmentCode = z
  .string()
  .min(1)
  .max(10)
  .regex(/^[\x21-\x7e]+$/, 'half-width characters only');
const reportingDepartmentCode = z
  .string()
  .min(1)
  .max(11)
  .regex(/^[\x21-\x7e]+$/, 'half-width characters only');

export const assignmentInput = z
  .object({
    effectiveDate: calendarDate,
    departmentCode,
    controlDepartmentCode: departmentCode,
    reportingControlDepartmentCode: reportingDepartmentCode,
    roleCode: z.string().min(1).max(20),
  })
  .strict()
  .meta({ id: 'AssignmentInput' });
export type AssignmentInput = z.infer<typeof assignmentInput>;

export const rankRowInput = z.object({ effectiveMonth: yearMonth, rankCode: z.string().min(1).max(10) }).strict();

const emailSlots = z
  .array(emailAddress.nullable())
  .max(3)
  .meta({ description: 'メールアドレス1, 2, 3 in order; null leaves a slot empty' });

/** `CODE-BRANCH`, half-width, at most 11. */
export const partnerCode = z
  .string()
  .max(11)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH, half-width alphanumerics joined by a hyphen');

const workInput = z
  .object({
    effortAttendanceMatching: z.boolean(),
    workStyle: z.enum(workStyles).nullable(),
    attendanceInputMethod: z.enum(inputMethods),
    attendanceInputSkip: z.boolean(),
    effortInputMethod: z.enum(inputMethods),
    effortInputSkip: z.boolean(),
    discretionaryLabour: z.boolean(),
    excludedFromUtilization: z.boolean(),
  })
  .partial()
  .strict();
export type WorkInput = z.infer<typeof workInput>;

const editableFields = {
  lastName: anyText(10),
  firstName: anyText(10),
  lastNameKana: kana.nullable(),
  firstNameKana: kana.nullable(),
  shortName: anyText(6).nullable(),
  emails: emailSlots,
  locale: z.enum(locales).nullable(),
  disabled: z.boolean(),
  loginDisabled: z.boolean(),
  smartphoneOnly: z.boolean(),
  password: passwordText.min(1).max(50).meta({ description: '半角, case-sensitive, at least the company minimum' }),
  mustChangePassword: z.boolean(),
  azureAdId: z
    .string()
    .max(100)
    .regex(/^[\x21-\x7e]+$/, 'half-width characters only')
    .nullable(),
  mfaEnabled: z.boolean(),
  ranks: z.array(rankRowInput).max(120).meta({ description: '社員ランク history rows; replaces the stored rows' }),
  work: workInput,
  note: anyText(100).nullable(),
};

export const createAccountInput = z
  .object({
    code: accountCodeParam.shape.code
      .refine((code) => !/^\.+$/.test(code), 'a code of dots alone is not allowed')
      .optional()
      .meta({ description: 'Required with manual numbering; not accepted with automatic numbering' }),
    type: z.enum(accountTypes),
    partnerCode: partnerCode.optional().meta({ description: 'Required for contractor and customer, refused for own' }),
    current: assignmentInput,
    ...editableFields,
    lastNameKana: editableFields.lastNameKana.optional(),
    firstNameKana: editableFields.firstNameKana.optional(),
    shortName: editableFields.shortName.optional(),
    emails: emailSlots.optional(),
    locale: editableFields.locale.optional(),
    disabled: z.boolean().optional(),
    loginDisabled: z.boolean().optional(),
    smartphoneOnly: z.boolean().optional(),
    mustChangePassword: z.boolean().optional(),
    azureAdId: editableFields.azureAdId.optional(),
    mfaEnabled: z.boolean().optional(),
    ranks: editableFields.ranks.optional(),
    work: workInput.optional(),
    note: editableFields.note.optional(),
  })
  .strict()
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccountInput = z.infer<typeof createAccountInput>;

export const updateAccountInput = z
  .object({
    ...editableFields,
    partnerCode: partnerCode,
    current: assignmentInput.meta({ description: 'Corrects the current assignment (recorded in the history)' }),
    type: z.enum(accountTypes).meta({ description: 'Only the current value: the type is fixed after creation' }),
  })
  .partial()
  .strict()
  .meta({ id: 'UpdateAccountRequest' });
export type UpdateAccountInput = z.infer<typeof updateAccountInput>;
