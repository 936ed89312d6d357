import { z } from 'zod';

/** アカウントコード as it appears in a path: the characters the seed allows for manual numbering. */
export const accountCodeParam = z.object({
  code: z
    .string()
    .min(1)
    .max(10)
    .regex(/^[A-Za-z0-9!#$&()+,\-.:;<=>?@[\]_`{|}]+$/, 'alphanumerics and !#$&()+,-.:;<=>?@[]_`{|} only')
    .meta({ example: 'E0001' }),
});

/** One address slot: 半角, at most 100 characters. */
export const emailAddress = z.email().max(100);

/** Passwords are 半角 (printable ASCII), case-sensitive; the company sets the minimum length. */
export const passwordText = z
  .string()
  .max(64)
  .regex(/^[\x21-\x7e]*$/, 'half-width printable characters only (no spaces)');
