/**
 * Text that shows nothing: Unicode's Default_Ignorable_Code_Point (zero-width space and joiners, LRM/RLM, ALM, soft
 * hyphen, the Hangul fillers U+115F, U+1160, U+3164, U+FFA0, variation selectors, tags…), the remaining format
 * characters (Cf), white space, and the braille blank. A name made only of these is blank in the browser and empty
 * boxes in the PDF, so names and other free text must keep something visible once they are removed.
 */
const invisibleCharacters = /[\p{Default_Ignorable_Code_Point}\p{Cf}\p{White_Space}\u2800]/gu;

export function isVisiblyEmpty(text: string): boolean {
  return text.replace(invisibleCharacters, '') === '';
}

/** The refusal of a text that shows nothing; `code` is the error code of the answer (api/messages.ts). */
export const visibleTextRule = {
  message: 'must hold a visible character (not only spaces, zero-width or other invisible characters)',
  params: { code: 'INVISIBLE_TEXT' },
} as const;
