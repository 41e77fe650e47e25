import { describe, expect, it } from 'vitest';
import { buildEntry } from '@mac/domain/testing';
import { EMPTY_ENTRY_FORM, dateFeedback, formChanged, editableDate, formFromEntry, validateAmend, validateCreate, withdrawalError } from './entry-form-model.js';

const good = { ...EMPTY_ENTRY_FORM, date: '05/04/2023', category: 'injury', summary: 'Bruise seen on left arm' };

describe('entry form', () => {
  it('accepts a good entry and gives the canonical date', () => {
    const result = validateCreate(good);
    expect(result.ok && result.input.date).toBe('2023-04-05');
  });

  it('asks for what is missing, in form order, in GOV.UK words', () => {
    const result = validateCreate(EMPTY_ENTRY_FORM);
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors.map((e) => [e.field, e.message])).toEqual([
      ['date', 'Enter the date of the event'],
      ['category', 'Select a category'],
      ['summary', 'Enter a summary of what happened'],
    ]);
  });

  it('refuses 31/02/2023 saying why', () => {
    const result = validateCreate({ ...good, date: '31/02/2023' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({ field: 'date', message: expect.stringContaining('February 2023 has 28 days') });
  });

  it('refuses a two-digit year rather than guessing the century', () => {
    const result = validateCreate({ ...good, date: '05/04/23' });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]!.message).toContain('four digits');
  });

  it('leaves a new entry undecided for the family unless the author decides', () => {
    const result = validateCreate(good);
    expect(result.ok && result.input.sharing).toBe('undecided');
    const undecided = validateCreate({ ...good, sharing: 'undecided', sharingReason: 'left over' });
    expect(undecided.ok && undecided.input.sharingReason).toBe('');
  });

  it('needs a reason for professionals-only sharing, and drops it for family sharing', () => {
    const refused = validateCreate({ ...good, sharing: 'professionals' });
    expect(!refused.ok && refused.errors[0]).toMatchObject({ field: 'sharingReason', message: 'Enter why this entry is for professionals only' });
    const family = validateCreate({ ...good, sharing: 'family', sharingReason: 'left over' });
    expect(family.ok && family.input.sharingReason).toBe('');
  });

  it('says how the summary is too long, with its label', () => {
    const result = validateCreate({ ...good, summary: 'x'.repeat(201) });
    expect(!result.ok && result.errors[0]!.message).toBe('Summary must be 200 characters or fewer (it has 201)');
  });

  it('shows stored dates the way people type them', () => {
    expect(editableDate('2023-04-05')).toBe('05/04/2023');
    expect(editableDate('2023-04')).toBe('04/2023');
    expect(editableDate('?2021')).toBe('?2021');
    expect(editableDate('2023-03-03..2023-04-09')).toBe('03/03/2023..09/04/2023');
  });

  it('amends only what changed', () => {
    const entry = buildEntry({ summary: 'Old summary', date: '2023-04-05' });
    const values = { ...formFromEntry(entry), summary: 'New summary' };
    const result = validateAmend(entry, values);
    expect(result).toEqual({ ok: true, changes: { summary: 'New summary' } });
  });

  it('says when nothing was changed', () => {
    const entry = buildEntry();
    const result = validateAmend(entry, formFromEntry(entry));
    expect(!result.ok && result.errors[0]!.field).toBe('form');
  });

  it('checks the amended entry as a whole', () => {
    const entry = buildEntry();
    const result = validateAmend(entry, { ...formFromEntry(entry), sharing: 'professionals', sharingReason: '' });
    expect(!result.ok && result.errors[0]!.field).toBe('sharingReason');
  });

  it('needs a reason to withdraw', () => {
    expect(withdrawalError('  ')).toBe('Enter why you are withdrawing this entry');
    expect(withdrawalError('Entered twice')).toBeNull();
  });

  it('says what it understood of a date as it is typed', () => {
    expect(dateFeedback('')).toBeNull();
    expect(dateFeedback('04/2023')).toEqual({ ok: true, message: 'We read this as: April 2023 (month only)' });
    expect(dateFeedback('31/02/2023')?.ok).toBe(false);
  });
});

describe('formChanged', () => {
  it('is false for an untouched form and for spaces only, true once anything is typed or chosen', () => {
    expect(formChanged({ ...EMPTY_ENTRY_FORM }, EMPTY_ENTRY_FORM)).toBe(false);
    expect(formChanged({ ...EMPTY_ENTRY_FORM, summary: '   ' }, EMPTY_ENTRY_FORM)).toBe(false);
    expect(formChanged({ ...EMPTY_ENTRY_FORM, summary: 'Seen at school' }, EMPTY_ENTRY_FORM)).toBe(true);
    expect(formChanged({ ...EMPTY_ENTRY_FORM, category: 'injury' }, EMPTY_ENTRY_FORM)).toBe(true);
    expect(formChanged({ ...EMPTY_ENTRY_FORM, restricted: true }, EMPTY_ENTRY_FORM)).toBe(true);
  });
});

describe("the child's voice in the form", () => {
  it('submits the words and the answer, and says in GOV.UK words what to do with a value outside the list', () => {
    const result = validateCreate({ ...good, childsVoice: ' "It hurt" ', seenAlone: 'yes' });
    expect(result.ok && [result.input.childsVoice, result.input.seenAlone]).toEqual(['"It hurt"', 'yes']);
    const bad = validateCreate({ ...good, seenAlone: 'maybe' as never });
    expect(bad.ok).toBe(false);
    if (bad.ok) return;
    expect(bad.errors).toEqual([{ field: 'seenAlone', message: 'Select whether the child was seen alone, or leave it unanswered' }]);
  });

  it('opens an entry with its answers (an older entry without them as empty) and amends only what changed', () => {
    const entry = buildEntry({ childsVoice: 'Said hello', seenAlone: 'no' });
    expect(formFromEntry(entry)).toMatchObject({ childsVoice: 'Said hello', seenAlone: 'no' });
    const { childsVoice: _v, seenAlone: _s, ...older } = entry;
    expect(formFromEntry(older as typeof entry)).toMatchObject({ childsVoice: '', seenAlone: '' });
    const amended = validateAmend(entry, { ...formFromEntry(entry), seenAlone: '' });
    expect(amended).toEqual({ ok: true, changes: { seenAlone: '' } });
  });
});
