import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  formatNhsNumber,
  isValidNhsNumber,
  isValidUpn,
  nhsCheckDigit,
  normaliseNhsNumber,
  normaliseUpn,
  upnCheckLetter,
} from './identifiers.js';

describe('NHS number', () => {
  // 943 476 5919 is NHS England's published example; 401 023 2137 was computed by hand:
  // 4×10 + 0×9 + 1×8 + 0×7 + 2×6 + 3×5 + 2×4 + 1×3 + 3×2 = 92; 92 mod 11 = 4; 11 − 4 = 7.
  it.each(['9434765919', '943 476 5919', '4010232137', ' 943 476 5919 '])('accepts %j', (s) => {
    expect(isValidNhsNumber(s)).toBe(true);
  });

  it('rejects a wrong check digit', () => {
    expect(isValidNhsNumber('9434765918')).toBe(false);
    expect(isValidNhsNumber('4010232138')).toBe(false);
  });

  it('rejects numbers whose check digit would be 10', () => {
    // 000000006: 6×2 = 12; 12 mod 11 = 1; 11 − 1 = 10, so no valid number begins 000000006.
    expect(nhsCheckDigit('000000006')).toBeNull();
    for (let d = 0; d <= 9; d++) expect(isValidNhsNumber(`000000006${d}`)).toBe(false);
    // 000000005: 5×2 = 10; 11 − 10 = 1.
    expect(nhsCheckDigit('000000005')).toBe(1);
    expect(isValidNhsNumber('0000000051')).toBe(true);
  });

  it('maps check 11 to 0', () => {
    // 000000011: 1×3 + 1×2 = 5 → 6. 100000001: 1×10 + 1×2 = 12 → remainder 1 → 10 (none). 000000000: 0 → 11 → 0.
    expect(nhsCheckDigit('000000000')).toBe(0);
    expect(nhsCheckDigit('000000011')).toBe(6);
    expect(nhsCheckDigit('100000001')).toBeNull();
    // 000000022: 2×3 + 2×2 = 10 → 1; 000000033: 15 → 4 → 7; 110000000: 19 → 8 → 3.
    expect(nhsCheckDigit('110000000')).toBe(3);
    expect(nhsCheckDigit('943476591')).toBe(9);
    expect(nhsCheckDigit('401023213')).toBe(7);
  });

  it.each(['943476591', '94347659190', '943476591a', '943-476-5919', '', 'abcdefghij'])('rejects %j', (s) => {
    expect(isValidNhsNumber(s)).toBe(false);
  });

  it('finds exactly one valid last digit, or none, for any first nine', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{9}$/), (nine) => {
        const valid = [...'0123456789'].filter((d) => isValidNhsNumber(nine + d));
        expect(valid.length).toBeLessThanOrEqual(1);
        expect(valid.length === 1).toBe(nhsCheckDigit(nine) !== null);
      }),
    );
  });

  it('normalises and formats', () => {
    expect(normaliseNhsNumber('943 476 5919')).toBe('9434765919');
    expect(normaliseNhsNumber('943 476 591')).toBeNull();
    expect(formatNhsNumber('9434765919')).toBe('943 476 5919');
    expect(formatNhsNumber('94 34 76 59 19')).toBe('943 476 5919');
    expect(formatNhsNumber('unknown')).toBe('unknown');
  });
});

describe('Unique Pupil Number', () => {
  // B801200005001, from python-stdnum's documentation, checked by hand:
  // 8×2 + 0×3 + 1×4 + 2×5 + 0×6 + 0×7 + 0×8 + 0×9 + 5×10 + 0×11 + 0×12 + 1×13 = 93; 93 mod 23 = 1 → B.
  // H208123456789: 2×2 + 0 + 8×4 + 1×5 + 2×6 + 3×7 + 4×8 + 5×9 + 6×10 + 7×11 + 8×12 + 9×13 = 501;
  //   501 mod 23 = 18 → alphabet ABCDEFGHJKLMNPQRTUVWXYZ index 18 = V. So V208123456789.
  // Temporary UPN ending in A (index 0): 801200005 00 A → 8×2 + 1×4 + 2×5 + 5×10 + 0×13 = 80; 80 mod 23 = 11 → M.
  it.each(['B801200005001', 'b801200005001', 'B 801 2000 05 001', 'V208123456789', 'M80120000500A'])('accepts %j', (s) => {
    expect(isValidUpn(s)).toBe(true);
  });

  it('computes the check letter', () => {
    expect(upnCheckLetter('801200005001')).toBe('B');
    expect(upnCheckLetter('208123456789')).toBe('V');
    expect(upnCheckLetter('80120000500A')).toBe('M');
  });

  it.each([
    ['A801200005001', 'wrong check letter'],
    ['B80120000500', 'too short'],
    ['B8012000050011', 'too long'],
    ['B80120000A001', 'letter in the middle'],
    ['I801200005001', 'I is never a check letter'],
    ['M80120000500I', 'I is not allowed in a temporary UPN'],
    ['M80120000500S', 'S is not allowed'],
    ['8801200005001', 'check character must be a letter'],
    ['', 'empty'],
  ])('rejects %j (%s)', (s) => {
    expect(isValidUpn(s)).toBe(false);
  });

  it('detects every single-character change', () => {
    fc.assert(
      fc.property(fc.stringMatching(/^\d{12}$/), fc.integer({ min: 1, max: 12 }), fc.integer({ min: 1, max: 9 }), (body, pos, delta) => {
        const upn = upnCheckLetter(body) + body;
        expect(isValidUpn(upn)).toBe(true);
        const changed = upn.slice(0, pos) + String((Number(upn[pos]) + delta) % 10) + upn.slice(pos + 1);
        expect(isValidUpn(changed)).toBe(false);
      }),
    );
  });

  it('normalises case and spaces', () => {
    expect(normaliseUpn(' b801 2000 05001')).toBe('B801200005001');
  });
});
