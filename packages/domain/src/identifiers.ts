// Child identifiers that agencies share to be sure they mean the same child. A mistyped number
// matching another child is a real risk, so both are checked against their check character.

// ---------------------------------------------------------------------------------------------
// NHS number: 10 digits, the last a modulus-11 check digit over the first nine (weights 10 down to 2).
// A remainder giving check digit 10 is never issued, so such numbers are invalid.

/** The 10 digits with spaces removed, or null when what is left is not 10 digits. */
export function normaliseNhsNumber(s: string): string | null {
  const digits = s.replace(/ /g, '');
  return /^\d{10}$/.test(digits) ? digits : null;
}

/** The check digit for the first nine digits, or null when it would be 10 (no valid number). */
export function nhsCheckDigit(firstNine: string): number | null {
  if (!/^\d{9}$/.test(firstNine)) throw new RangeError('nhsCheckDigit expects nine digits');
  let sum = 0;
  for (let i = 0; i < 9; i++) sum += Number(firstNine[i]) * (10 - i);
  const check = 11 - (sum % 11);
  if (check === 11) return 0;
  return check === 10 ? null : check;
}

export function isValidNhsNumber(s: string): boolean {
  const digits = normaliseNhsNumber(s);
  if (digits === null) return false;
  const check = nhsCheckDigit(digits.slice(0, 9));
  return check !== null && check === Number(digits[9]);
}

/** `943 476 5919`, the 3-3-4 grouping NHS guidance uses; anything else is returned unchanged. */
export function formatNhsNumber(s: string): string {
  const digits = normaliseNhsNumber(s);
  return digits === null ? s : `${digits.slice(0, 3)} ${digits.slice(3, 6)} ${digits.slice(6)}`;
}

// ---------------------------------------------------------------------------------------------
// Unique Pupil Number (DfE): 13 characters. The first is a check letter; then a 3-digit local
// authority number, a 4-digit establishment number, 2 digits for the year of issue and a 3-digit
// serial. A temporary UPN ends in a letter instead of its last digit.
// Check letter: each of characters 2–13 is given its index in the alphabet below (letters A–Z
// without I, O and S, then the digits 0–9) and multiplied by its position (2–13); the sum modulo
// 23 indexes the check letter. As 0–9 sit at 23–32, a digit counts as its own value modulo 23.
// Algorithm as published by DfE ("Unique pupil numbers", gov.uk), implemented as in python-stdnum's
// stdnum.gb.upn. The local authority number is not checked against a list, which new authorities
// would make stale.

const UPN_ALPHABET = 'ABCDEFGHJKLMNPQRTUVWXYZ0123456789';

export function normaliseUpn(s: string): string {
  return s.replace(/ /g, '').toUpperCase();
}

/** The check letter for characters 2–13 of a UPN. */
export function upnCheckLetter(body: string): string {
  if (!/^\d{11}[0-9A-HJ-NP-RT-Z]$/.test(body)) throw new RangeError('upnCheckLetter expects 11 digits and a digit or letter');
  let sum = 0;
  for (let i = 0; i < 12; i++) sum += UPN_ALPHABET.indexOf(body[i]!) * (i + 2);
  return UPN_ALPHABET[sum % 23]!;
}

export function isValidUpn(s: string): boolean {
  const upn = normaliseUpn(s);
  if (!/^[A-HJ-NP-RT-Z]\d{11}[0-9A-HJ-NP-RT-Z]$/.test(upn)) return false;
  return upnCheckLetter(upn.slice(1)) === upn[0];
}
