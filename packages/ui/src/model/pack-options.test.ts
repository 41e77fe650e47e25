import { describe, expect, it } from 'vitest';
import { fileNameFrom, packFieldOf, validatePackForm } from './pack-options.js';

const members = ['oxfordshire-csc', 'thames-valley-police', 'northway-primary'];

describe('conference pack options', () => {
  it('turns the form into the request: canonical dates, agencies only when some are left out', () => {
    expect(validatePackForm({ kind: 'family', conferenceDate: '12/03/2025', from: '2024', to: '', agencies: members }, members)).toEqual({
      ok: true,
      body: { kind: 'family', conferenceDate: '2025-03-12', from: '2024' },
    });
    const some = validatePackForm({ kind: 'professional', conferenceDate: '2025-03-12', from: '', to: '03/2025', agencies: ['thames-valley-police'] }, members);
    expect(some).toEqual({ ok: true, body: { kind: 'professional', conferenceDate: '2025-03-12', to: '2025-03', agencies: ['thames-valley-police'] } });
  });

  it('lists every problem, in the order of the form', () => {
    const result = validatePackForm({ kind: '', conferenceDate: '03/2025', from: '2025', to: '2024', agencies: [] }, members);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => e.field)).toEqual(['kind', 'conferenceDate', 'to', 'agencies']);
    expect(result.errors[1]!.message).toBe('The date of the conference must be an exact day, for example 12/03/2025');
    const missing = validatePackForm({ kind: 'family', conferenceDate: '', from: '31/02/2024', to: '', agencies: members }, members);
    expect(missing.ok ? [] : missing.errors.map((e) => e.message)).toEqual(['Enter the date of the conference', expect.stringContaining('Entries from: 31/02/2024 is not a real date')]);
  });

  it('reads the server’s field names and the file name', () => {
    expect(packFieldOf('agencies.2')).toBe('agencies');
    expect(packFieldOf('conferenceDate')).toBe('conferenceDate');
    expect(packFieldOf('other')).toBeNull();
    expect(fileNameFrom('attachment; filename="conference-pack-family-2025-03-12.pdf"', 'pack.pdf')).toBe('conference-pack-family-2025-03-12.pdf');
    expect(fileNameFrom('attachment; filename="../x"', 'pack.pdf')).toBe('pack.pdf');
    expect(fileNameFrom(null, 'pack.pdf')).toBe('pack.pdf');
  });
});
