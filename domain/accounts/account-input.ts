import { z } from 'zod';
import { accountTypes, inputMethods, locales, workStyles } from '../../entities';
import { isCalendarDate } from '../../lib/calendar';
import {
  accountCodeParam,
  allowedTextPattern,
  emailAddress,
  forbiddenCharactersMessage,
  newAccountCode,
  passwordText,
} from '../input-schemas';
import { isVisiblyEmpty, visibleTextRule } from '../visible-text';

/**
 * The fields of 【アカウント登録】 with the seed's lengths and character classes. Rules that need the
 * company's settings or other rows (numbering, partner kind, inactive ranks, work-style policy…) are
 * checked in account-rules.ts; both answer 400 with the field.
 */

/** 全て: any characters but the forbidden ones, and something visible (a name of zero-width spaces is refused). */
const anyText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .regex(allowedTextPattern, forbiddenCharactersMessage)
    .refine((text) => !isVisiblyEmpty(text), visibleTextRule);

/**
 * 姓(カナ)/名(カナ): the seed's attribute is 全て (any characters), at most 10. Hiragana is stored as
 * katakana, the form the account list searches and sorts by; anything else is kept as typed.
 */
const kana = anyText(10).transform((text) =>
  text.replace(/[\u3041-\u3096]/g, (char) => String.fromCharCode(char.charCodeAt(0) + 0x60)),
);

export const calendarDate = z.string().refine(isCalendarDate, 'a date as YYYY-MM-DD');
/** Years 1000–9999, like calendar dates (PostgreSQL has no year 0). */
const yearMonth = z.string().regex(/^[1-9][0-9]{3}-(0[1-9]|1[0-2])$/, 'a month as YYYY-MM');

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

export const rankRowInput = z
  .object({ effectiveMonth: yearMonth, rankCode: z.string().min(1).max(10) })
  .strict()
  .meta({ id: 'RankRowInput' });
export const rankChangeInput = z.object({ rankCode: z.string().min(1).max(10) }).strict();
export const rankRowParams = z.object({ code: accountCodeParam.shape.code, month: yearMonth });

const emailSlots = z
  .array(emailAddress.nullable())
  .max(3)
  .meta({ description: 'メールアドレス1, 2, 3 in order; null leaves a slot empty' });

/** `CODE-BRANCH`, half-width, at most 11. */
export const partnerCode = z
  .string()
  .max(11)
  .regex(/^[A-Za-z0-9]+-[A-Za-z0-9]+$/, 'CODE-BRANCH, half-width alphanumerics joined by a hyphen');

/** 勤務設定: every field, as an account shows them; input may give any of them. */
export const workSettings = z.object({
  effortAttendanceMatching: z.boolean(),
  workStyle: z.enum(workStyles).nullable(),
  attendanceInputMethod: z.enum(inputMethods),
  attendanceInputSkip: z.boolean(),
  effortInputMethod: z.enum(inputMethods),
  effortInputSkip: z.boolean(),
  discretionaryLabour: z.boolean(),
  excludedFromUtilization: z.boolean(),
});

const workInput = workSettings.partial().strict();
export type WorkInput = z.infer<typeof workInput>;

const editableFields = {
  lastName: anyText(10),
  firstName: anyText(10),
  lastNameKana: kana.nullable(),
  firstNameKana: kana.nullable(),
  shortName: anyText(6).meta({ description: '氏名略名: required, at most 6 (the list shows it)' }),
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
  work: workInput,
  note: anyText(100).nullable(),
};

export const createAccountInput = z
  .object({
    code: newAccountCode
      .refine((code) => !/^\.+$/.test(code), 'a code of dots alone is not allowed')
      .optional()
      .meta({ description: 'Required with manual numbering; not accepted with automatic numbering' }),
    type: z.enum(accountTypes),
    partnerCode: partnerCode
      .optional()
      .meta({ description: 'Optional for contractor and customer (of that kind), refused for own' }),
    current: assignmentInput,
    ...editableFields,
    lastNameKana: editableFields.lastNameKana.optional(),
    firstNameKana: editableFields.firstNameKana.optional(),
    emails: emailSlots.optional(),
    locale: editableFields.locale.optional(),
    disabled: z.boolean().optional(),
    loginDisabled: z.boolean().optional(),
    smartphoneOnly: z.boolean().optional(),
    mustChangePassword: z.boolean().optional(),
    azureAdId: editableFields.azureAdId.optional(),
    mfaEnabled: z.boolean().optional(),
    password: editableFields.password.optional().meta({
      description:
        'Optional: without one the account is 未発行 (unissued) and gets its password by issuance (PDF or e-mail)',
    }),
    ranks: z.array(rankRowInput).max(120).optional().meta({
      description:
        '社員ランク history rows; an own account needs at least one when the company has ranks. Later changes: /api/accounts/{code}/ranks',
    }),
    work: workInput.optional(),
    note: editableFields.note.optional(),
  })
  .strict()
  .meta({ id: 'CreateAccountRequest' });
export type CreateAccountInput = z.infer<typeof createAccountInput>;

export const updateAccountInput = z
  .object({
    ...editableFields,
    partnerCode: partnerCode.nullable().meta({ description: 'null removes the contractor/customer' }),
    current: assignmentInput.meta({ description: 'Corrects the current assignment (recorded in the history)' }),
    type: z.enum(accountTypes).meta({ description: 'Only the current value: the type is fixed after creation' }),
  })
  .partial()
  .strict();
export type UpdateAccountInput = z.infer<typeof updateAccountInput>;
