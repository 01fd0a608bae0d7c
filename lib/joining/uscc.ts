/**
 * 统一社会信用代码 (GB 32100-2015): 18 characters from a 31-character set (digits and capitals without I, O, Z, S,
 * V). Positions 1–2 name the registering authority and the kind of body, 3–8 the administrative division (six
 * digits), 9–17 the organisation code of GB 11714 (eight characters and its own check character), 18 the check
 * character of the whole. Safe for client components: no server imports.
 */
export const USCC_CHARSET = "0123456789ABCDEFGHJKLMNPQRTUWXY";
const USCC_WEIGHTS = [1, 3, 9, 27, 19, 26, 16, 17, 20, 29, 25, 13, 8, 24, 10, 30, 28] as const;
// GB 11714: digits are worth 0–9, letters A–Z 10–35.
const ORG_WEIGHTS = [3, 7, 9, 10, 5, 8, 4, 2] as const;

export type UsccProblem = "invalid_length" | "invalid_characters" | "invalid_division" | "org_check" | "check";

/** The 18th character for the first 17 (which must be in the charset). */
export function usccCheckChar(first17: string): string {
  let sum = 0;
  for (let i = 0; i < 17; i++) sum += USCC_CHARSET.indexOf(first17[i]!) * USCC_WEIGHTS[i]!;
  return USCC_CHARSET[(31 - (sum % 31)) % 31]!;
}

/** The 9th character of a GB 11714 organisation code for its first 8. */
export function orgCodeCheckChar(first8: string): string {
  let sum = 0;
  for (let i = 0; i < 8; i++) sum += parseInt(first8[i]!, 36) * ORG_WEIGHTS[i]!;
  const c = 11 - (sum % 11);
  return c === 10 ? "X" : c === 11 ? "0" : String(c);
}

/** What is wrong with an (upper-cased) code, or null when it is a valid USCC. */
export function usccProblem(code: string): UsccProblem | null {
  if (code.length !== 18) return "invalid_length";
  for (const ch of code) if (!USCC_CHARSET.includes(ch)) return "invalid_characters";
  if (!/^\d{6}$/.test(code.slice(2, 8))) return "invalid_division";
  if (orgCodeCheckChar(code.slice(8, 16)) !== code[16]) return "org_check";
  if (usccCheckChar(code.slice(0, 17)) !== code[17]) return "check";
  return null;
}
