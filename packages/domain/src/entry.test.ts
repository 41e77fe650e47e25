import { describe, expect, it } from 'vitest';
import {
  AMENDABLE_FIELDS,
  ENTRY_FIELDS,
  IMMUTABLE_FIELDS,
  LIMITS,
  applyPatch,
  entryInputSchema,
  entryPatchSchema,
  entrySchema,
  fieldErrors,
  newEntry,
  withdrawEntry,
  withdrawSchema,
} from './entry.js';
import { buildEntry } from './testing.js';

function errorsOf(schema: { safeParse(v: unknown): { success: boolean; error?: unknown } }, value: unknown) {
  const r = schema.safeParse(value);
  if (r.success) throw new Error('expected the value to be refused');
  return fieldErrors(r.error as never);
}

const validInput = { date: '05/04/2023', category: 'Domestic abuse incident', summary: 'Police called to the home' };

describe('entry fields', () => {
  it('lists the contract fields in order, and the immutable ones', () => {
    expect(ENTRY_FIELDS).toEqual([
      'id', 'date', 'time', 'agency', 'category', 'summary', 'detail', 'impactOnChild', 'actionTaken', 'sourceRef',
      'recordedBy', 'restricted', 'authorId', 'recordedAt', 'status', 'withdrawnReason', 'sharing', 'sharingReason',
      'riskLevel', 'score', 'areaGrades', 'childsVoice', 'seenAlone', 'personIds', 'householdEventId',
    ]);
    expect(IMMUTABLE_FIELDS).toEqual(['id', 'agency', 'authorId', 'recordedAt', 'restricted', 'householdEventId']);
    for (const f of AMENDABLE_FIELDS) expect(ENTRY_FIELDS).toContain(f);
    for (const f of IMMUTABLE_FIELDS) expect(AMENDABLE_FIELDS).not.toContain(f);
    expect(LIMITS).toEqual({
      summary: 200, detail: 10_000, impactOnChild: 10_000, actionTaken: 10_000,
      sourceRef: 200, recordedBy: 200, withdrawnReason: 1000, sharingReason: 1000, childsVoice: 10_000,
    });
  });
});

describe('entrySchema (a stored entry)', () => {
  it('accepts a complete valid entry, and every builder entry', () => {
    expect(entrySchema.parse(buildEntry())).toEqual(buildEntry({ id: expect.any(String) as unknown as string }));
    expect(entrySchema.safeParse(buildEntry({ date: '?2021-03..2022', time: '23:59' })).success).toBe(true);
    expect(entrySchema.safeParse(buildEntry({ recordedAt: '2023-04-06T10:00:00+01:00' })).success).toBe(true);
    expect(entrySchema.safeParse(buildEntry({ status: 'withdrawn', withdrawnReason: 'Duplicate' })).success).toBe(true);
    expect(entrySchema.safeParse(buildEntry({ sharing: 'professionals', sharingReason: 'Third-party information' })).success).toBe(true);
  });

  it('requires every field', () => {
    const { detail: _detail, ...rest } = buildEntry();
    expect(errorsOf(entrySchema, rest)).toEqual([{ field: 'detail', message: 'detail is required' }]);
  });

  it('wants the date canonical and real', () => {
    expect(errorsOf(entrySchema, buildEntry({ date: '05/04/2023' }))).toEqual([
      { field: 'date', message: 'date must be stored in canonical form ("2023-04-05")' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ date: '2023-02-29' }))).toEqual([
      {
        field: 'date',
        message: 'date: 2023-02-29 is not a real date: February 2023 has 28 days',
        understood: 'day 29 of February 2023',
      },
    ]);
  });

  it.each(['24:00', '9:30', '12:60', '12.30', ' 12:30'])('refuses time %j', (time) => {
    expect(errorsOf(entrySchema, buildEntry({ time }))[0]?.field).toBe('time');
  });

  it.each(['', '00:00', '09:30', '23:59'])('accepts time %j', (time) => {
    expect(entrySchema.safeParse(buildEntry({ time })).success).toBe(true);
  });

  it('checks category, agency, id and recordedAt', () => {
    expect(errorsOf(entrySchema, buildEntry({ category: 'Self-harm' }))[0]).toEqual({
      field: 'category',
      message: 'category "Self-harm" is not a category slug of the vocabulary',
    });
    expect(errorsOf(entrySchema, buildEntry({ agency: 'Thames Valley Police' }))[0]?.field).toBe('agency');
    expect(errorsOf(entrySchema, buildEntry({ agency: '-police' }))[0]?.field).toBe('agency');
    expect(entrySchema.safeParse(buildEntry({ agency: 'a'.repeat(63) })).success).toBe(true);
    expect(errorsOf(entrySchema, buildEntry({ agency: 'a'.repeat(64) }))[0]?.field).toBe('agency');
    expect(errorsOf(entrySchema, buildEntry({ id: 'entry-1' }))).toEqual([{ field: 'id', message: 'id must be a UUID' }]);
    expect(errorsOf(entrySchema, buildEntry({ recordedAt: '2023-04-06' }))[0]?.field).toBe('recordedAt');
    expect(errorsOf(entrySchema, buildEntry({ authorId: '' }))[0]).toEqual({ field: 'authorId', message: 'authorId must not be empty' });
  });

  it('checks the summary: present, trimmed, one line, at most 200 characters', () => {
    expect(errorsOf(entrySchema, buildEntry({ summary: '' }))).toEqual([{ field: 'summary', message: 'summary must not be empty' }]);
    expect(errorsOf(entrySchema, buildEntry({ summary: ' padded' }))).toEqual([
      { field: 'summary', message: 'summary must not start or end with spaces' },
    ]);
    for (const summary of ['two\nlines', 'two\rlines', 'two\r\nlines']) {
      expect(errorsOf(entrySchema, buildEntry({ summary }))).toEqual([{ field: 'summary', message: 'summary must be a single line' }]);
    }
    expect(errorsOf(entrySchema, buildEntry({ summary: 'x'.repeat(214) }))).toEqual([
      { field: 'summary', message: 'summary must be 200 characters or fewer (it has 214)' },
    ]);
    // Characters, not UTF-16 units: 200 emoji fit (400 units), 201 do not, and a lone surrogate counts as one.
    expect(entrySchema.safeParse(buildEntry({ summary: '👶'.repeat(200) })).success).toBe(true);
    expect(errorsOf(entrySchema, buildEntry({ summary: '👶'.repeat(201) }))).toEqual([
      { field: 'summary', message: 'summary must be 200 characters or fewer (it has 201)' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ summary: `${'👶'.repeat(200)}\ud83d` }))).toEqual([
      { field: 'summary', message: 'summary must be 200 characters or fewer (it has 201)' },
    ]);
  });

  it('ties status to withdrawnReason and sharing to sharingReason', () => {
    expect(errorsOf(entrySchema, buildEntry({ status: 'withdrawn' }))).toEqual([
      { field: 'withdrawnReason', message: 'withdrawnReason is required when an entry is withdrawn' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ withdrawnReason: 'why' }))).toEqual([
      { field: 'withdrawnReason', message: 'withdrawnReason must be empty while the entry is active' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ sharing: 'professionals' }))).toEqual([
      { field: 'sharingReason', message: 'sharingReason is required when an entry is shared with professionals only' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ status: 'deleted' as 'active' }))).toEqual([
      { field: 'status', message: 'status must be "active" or "withdrawn"' },
    ]);
  });

  it('refuses unknown fields by name', () => {
    expect(errorsOf(entrySchema, { ...buildEntry(), colour: 'red' })).toEqual([
      { field: 'colour', message: 'colour is not a field of an entry' },
    ]);
  });

  it('checks the long text limits', () => {
    expect(entrySchema.safeParse(buildEntry({ detail: 'x'.repeat(10_000) })).success).toBe(true);
    expect(errorsOf(entrySchema, buildEntry({ detail: 'x'.repeat(10_001) }))).toEqual([
      { field: 'detail', message: 'detail must be 10000 characters or fewer (it has 10001)' },
    ]);
    expect(entrySchema.safeParse(buildEntry({ detail: 'line one\nline two' })).success).toBe(true);
  });
});

describe('entryInputSchema (a new entry)', () => {
  it('normalises date, category and text, and fills defaults', () => {
    expect(entryInputSchema.parse({ ...validInput, time: '9:05', summary: '  Police called to the home ' })).toEqual({
      date: '2023-04-05',
      time: '09:05',
      category: 'domestic-abuse-incident',
      summary: 'Police called to the home',
      detail: '',
      impactOnChild: '',
      actionTaken: '',
      sourceRef: '',
      recordedBy: '',
      restricted: false,
      sharing: 'undecided',
      sharingReason: '',
      childsVoice: '',
      seenAlone: '',
    });
  });

  it('leaves a new entry undecided for the family unless it says, and knows no fourth level', () => {
    expect(entryInputSchema.parse(validInput).sharing).toBe('undecided');
    expect(entryInputSchema.parse({ ...validInput, sharing: 'family' }).sharing).toBe('family');
    expect(errorsOf(entryInputSchema, { ...validInput, sharing: 'everyone' })).toEqual([
      { field: 'sharing', message: 'sharing must be "family", "professionals" or "undecided"' },
    ]);
    // Stored entries of every level stay valid, those recorded before `undecided` existed included.
    for (const sharing of ['family', 'undecided'] as const) expect(entrySchema.safeParse(buildEntry({ sharing })).success).toBe(true);
  });

  it('reports every problem at once, each naming its field', () => {
    expect(
      errorsOf(entryInputSchema, { date: '31/02/2023', time: '25:00', category: 'nope', summary: 'x'.repeat(214), agency: 'x' }),
    ).toEqual([
      { field: 'date', message: 'date: 31/02/2023 is not a real date: February 2023 has 28 days', understood: 'day 31 of February 2023' },
      { field: 'time', message: 'time must be empty or HH:MM on the 24-hour clock, 00:00 to 23:59 (it is "25:00")' },
      { field: 'category', message: 'category "nope" is not in the vocabulary (give a category slug or label)' },
      { field: 'summary', message: 'summary must be 200 characters or fewer (it has 214)' },
      { field: 'agency', message: 'agency cannot be changed: it is fixed when the entry is recorded' },
    ]);
  });

  it('says what is missing', () => {
    expect(errorsOf(entryInputSchema, {})).toEqual([
      { field: 'date', message: 'date is required' },
      { field: 'category', message: 'category is required' },
      { field: 'summary', message: 'summary is required' },
    ]);
    expect(errorsOf(entryInputSchema, { ...validInput, summary: '   ' })).toEqual([
      { field: 'summary', message: 'summary must not be empty' },
    ]);
    expect(errorsOf(entryInputSchema, { ...validInput, date: 5 })).toEqual([{ field: 'date', message: 'date must be text' }]);
  });

  it('needs a reason for professionals-only sharing', () => {
    expect(errorsOf(entryInputSchema, { ...validInput, sharing: 'professionals' })).toEqual([
      { field: 'sharingReason', message: 'sharingReason is required when an entry is shared with professionals only' },
    ]);
    expect(entryInputSchema.parse({ ...validInput, sharing: 'professionals', sharingReason: 'Police intelligence' }).sharing).toBe(
      'professionals',
    );
  });

  it('carries restricted', () => {
    expect(entryInputSchema.parse({ ...validInput, restricted: true }).restricted).toBe(true);
    expect(errorsOf(entryInputSchema, { ...validInput, restricted: 'yes' })).toEqual([
      { field: 'restricted', message: 'restricted must be true or false' },
    ]);
  });
});

describe('newEntry', () => {
  it('builds a valid stored entry from a parsed input', () => {
    const input = entryInputSchema.parse({ ...validInput, detail: 'Detail', restricted: true });
    const entry = newEntry(input, {
      id: '00000000-0000-4000-8000-000000000abc',
      agency: 'thames-valley-police',
      authorId: 'user-7',
      recordedAt: '2023-04-06T09:00:00.000Z',
    });
    expect(entrySchema.parse(entry)).toEqual(entry);
    expect(entry).toMatchObject({
      agency: 'thames-valley-police',
      authorId: 'user-7',
      status: 'active',
      withdrawnReason: '',
      restricted: true,
      detail: 'Detail',
    });
  });

  it('drops a sharing reason given for family or undecided sharing', () => {
    for (const sharing of ['family', 'undecided'] as const) {
      const input = entryInputSchema.parse({ ...validInput, sharing, sharingReason: 'stray' });
      const entry = newEntry(input, { id: '00000000-0000-4000-8000-000000000abc', agency: 'a', authorId: 'u', recordedAt: '2023-04-06T09:00:00Z' });
      expect(entry.sharingReason).toBe('');
    }
  });
});

describe('entryPatchSchema and applyPatch', () => {
  it('accepts amendable fields and normalises them', () => {
    expect(entryPatchSchema.parse({ date: '04/2023', category: 'SELF-HARM' })).toEqual({ date: '2023-04', category: 'self-harm' });
  });

  it.each(['agency', 'authorId', 'id', 'recordedAt', 'restricted'])('refuses to patch %s, naming it', (field) => {
    expect(errorsOf(entryPatchSchema, { summary: 'ok', [field]: 'x' })).toEqual([
      { field, message: `${field} cannot be changed: it is fixed when the entry is recorded` },
    ]);
  });

  it('refuses status and withdrawnReason: withdrawal has its own operation', () => {
    expect(errorsOf(entryPatchSchema, { status: 'withdrawn', withdrawnReason: 'x' })).toEqual([
      { field: 'status', message: 'status cannot be amended: withdraw the entry instead' },
      { field: 'withdrawnReason', message: 'withdrawnReason cannot be amended: withdraw the entry instead' },
    ]);
  });

  it('needs at least one change', () => {
    expect(errorsOf(entryPatchSchema, {})).toEqual([{ field: '', message: 'an amendment must change at least one field' }]);
    expect(errorsOf(entryPatchSchema, { summary: undefined })).toEqual([
      { field: '', message: 'an amendment must change at least one field' },
    ]);
  });

  it('validates values as for a new entry', () => {
    expect(errorsOf(entryPatchSchema, { date: '2023-13' })[0]).toMatchObject({ field: 'date' });
    expect(errorsOf(entryPatchSchema, { summary: '' })).toEqual([{ field: 'summary', message: 'summary must not be empty' }]);
    expect(errorsOf(entryPatchSchema, { sharing: 'professionals', sharingReason: ' ' })).toEqual([
      { field: 'sharingReason', message: 'sharingReason is required when an entry is shared with professionals only' },
    ]);
  });

  it('applies a patch and lists only the fields that really changed', () => {
    const entry = buildEntry({ summary: 'Old', detail: 'Same' });
    const patch = entryPatchSchema.parse({ summary: 'New', detail: 'Same', date: '05/04/2023' });
    const { entry: next, changed } = applyPatch(entry, patch);
    expect(changed).toEqual(['summary']);
    expect(next).toEqual({ ...entry, summary: 'New' });
    expect(entry.summary).toBe('Old');
  });

  it('clears the professionals-only reason when sharing returns to family', () => {
    const entry = buildEntry({ sharing: 'professionals', sharingReason: 'Intelligence' });
    const { entry: next, changed } = applyPatch(entry, entryPatchSchema.parse({ sharing: 'family' }));
    expect(next.sharingReason).toBe('');
    expect(changed).toEqual(['sharing', 'sharingReason']);
    expect(entrySchema.safeParse(next).success).toBe(true);
  });

  it('leaves an invalid result for entrySchema to catch', () => {
    const { entry: next } = applyPatch(buildEntry(), entryPatchSchema.parse({ sharing: 'professionals' }));
    expect(entrySchema.safeParse(next).success).toBe(false);
  });
});

describe('withdrawal', () => {
  it('validates a reason', () => {
    expect(withdrawSchema.parse({ reason: '  Entered on the wrong child ' })).toEqual({ reason: 'Entered on the wrong child' });
    expect(errorsOf(withdrawSchema, { reason: '' })).toEqual([{ field: 'reason', message: 'reason must not be empty' }]);
    expect(errorsOf(withdrawSchema, { reason: 'x'.repeat(1001) })).toEqual([
      { field: 'reason', message: 'reason must be 1000 characters or fewer (it has 1001)' },
    ]);
    expect(errorsOf(withdrawSchema, {})).toEqual([{ field: 'reason', message: 'reason is required' }]);
  });

  it('withdraws once, with the reason', () => {
    const entry = buildEntry();
    const withdrawn = withdrawEntry(entry, ' Duplicate of an earlier entry ');
    expect(withdrawn).toEqual({ ...entry, status: 'withdrawn', withdrawnReason: 'Duplicate of an earlier entry' });
    expect(entrySchema.safeParse(withdrawn).success).toBe(true);
    expect(() => withdrawEntry(withdrawn, 'again')).toThrow(/already withdrawn/);
    expect(() => withdrawEntry(entry, ' ')).toThrow(/reason is required/);
  });
});

describe('fieldErrors', () => {
  it('prefixes a message that does not name its field', () => {
    expect(
      fieldErrors({ issues: [{ code: 'custom', path: ['detail'], message: 'too rude', input: '' }] }),
    ).toEqual([{ field: 'detail', message: 'detail: too rude' }]);
  });
});

describe("the child's voice (childsVoice, seenAlone)", () => {
  it('accepts a stored entry with both fields, and one without them (an older client): absent means empty', () => {
    const voiced = buildEntry({ childsVoice: '"I hide under my bed when they shout"', seenAlone: 'yes' });
    expect(entrySchema.parse(voiced)).toMatchObject({ childsVoice: voiced.childsVoice, seenAlone: 'yes' });
    for (const seenAlone of ['yes', 'no', 'not-applicable', ''] as const) expect(entrySchema.safeParse(buildEntry({ seenAlone })).success).toBe(true);
    const { childsVoice: _v, seenAlone: _s, ...older } = buildEntry();
    expect(entrySchema.parse(older)).toMatchObject({ childsVoice: '', seenAlone: '' });
  });

  it('refuses a seenAlone outside its list and a childsVoice over its limit, naming the field', () => {
    expect(errorsOf(entrySchema, buildEntry({ seenAlone: 'maybe' as never }))).toEqual([
      { field: 'seenAlone', message: 'seenAlone must be "yes", "no", "not-applicable" or empty' },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ seenAlone: 'Yes' as never }))[0]?.field).toBe('seenAlone');
    expect(errorsOf(entrySchema, buildEntry({ seenAlone: true as never }))[0]?.field).toBe('seenAlone');
    expect(errorsOf(entrySchema, buildEntry({ childsVoice: 'x'.repeat(LIMITS.childsVoice + 1) }))).toEqual([
      { field: 'childsVoice', message: `childsVoice must be ${LIMITS.childsVoice} characters or fewer (it has ${LIMITS.childsVoice + 1})` },
    ]);
    expect(errorsOf(entrySchema, buildEntry({ childsVoice: 7 as never }))[0]).toEqual({ field: 'childsVoice', message: 'childsVoice must be text' });
    expect(entrySchema.safeParse(buildEntry({ childsVoice: 'x'.repeat(LIMITS.childsVoice) })).success).toBe(true);
  });

  it('takes both on a new entry (trimmed words, empty by default) and onto the stored entry', () => {
    const input = entryInputSchema.parse({ ...validInput, childsVoice: '  Said she misses her dad  ', seenAlone: 'not-applicable' });
    expect(input).toMatchObject({ childsVoice: 'Said she misses her dad', seenAlone: 'not-applicable' });
    const entry = newEntry(input, { id: buildEntry().id, agency: 'thames-valley-police', authorId: 'u', recordedAt: '2023-04-06T09:00:00.000Z' });
    expect(entry).toMatchObject({ childsVoice: 'Said she misses her dad', seenAlone: 'not-applicable' });
    expect(entrySchema.safeParse(entry).success).toBe(true);
    expect(errorsOf(entryInputSchema, { ...validInput, seenAlone: 'sometimes' })).toEqual([
      { field: 'seenAlone', message: 'seenAlone must be "yes", "no", "not-applicable" or empty' },
    ]);
    expect(errorsOf(entryInputSchema, { ...validInput, seenAlone: null })[0]?.field).toBe('seenAlone');
  });

  it('amends and clears them, reporting exactly what changed; a bad value in a patch is refused by name', () => {
    const entry = buildEntry();
    const patch = entryPatchSchema.parse({ childsVoice: 'Drew a picture of home', seenAlone: 'no' });
    const amended = applyPatch(entry, patch);
    expect(amended.changed).toEqual(['childsVoice', 'seenAlone']);
    expect(amended.entry).toMatchObject({ childsVoice: 'Drew a picture of home', seenAlone: 'no' });
    const cleared = applyPatch(amended.entry, entryPatchSchema.parse({ childsVoice: '', seenAlone: '' }));
    expect(cleared.changed).toEqual(['childsVoice', 'seenAlone']);
    expect(cleared.entry).toMatchObject({ childsVoice: '', seenAlone: '' });
    expect(errorsOf(entryPatchSchema, { seenAlone: 'unknown' })).toEqual([
      { field: 'seenAlone', message: 'seenAlone must be "yes", "no", "not-applicable" or empty' },
    ]);
  });
});
