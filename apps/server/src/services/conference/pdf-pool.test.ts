/**
 * The PDF worker (pdf-pool.ts, pdf-worker.ts), a real worker thread: it draws exactly the file the main
 * thread would (byte for byte), keeps one pack drawing and a bounded queue, refuses beyond it with a 503
 * that says when to come back, survives a pack that fails, and fails what is waiting when it is closed.
 */
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { PackRow } from '@mac/domain';
import { pdfInfo } from './pdf-inspect.js';
import { createPdfPool, PdfQueueFull, type PdfRenderer } from './pdf-pool.js';
import { renderPackPdf, type PackDocument } from './pdf.js';

function row(n: number): PackRow {
  return {
    entryId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    date: '2024-01-05',
    time: '',
    recordedAt: '2024-01-06T09:00:00Z',
    dateText: '5 Jan 2024',
    ageText: '4 years',
    agency: 'thames-valley-police',
    agencyName: 'Thames Valley Police',
    category: 'domestic-abuse-incident',
    categoryLabel: 'Domestic abuse incident',
    summary: `Row ${n} summary – “quoted” Zoë`,
    detail: `Row ${n} detail as recorded. `.repeat(8),
    impactOnChild: 'Upset',
    actionTaken: 'Referral',
    childsVoice: n % 3 === 0 ? 'Said she was scared' : '',
    source: { sourceRef: `STORM ${n}`, recordedBy: 'PC 123' },
  };
}

function pack(rows = 60, title = 'Chronology – Test Child – professional version'): PackDocument {
  return {
    kind: 'professional',
    title,
    subject: 'Conference pack',
    createdAt: new Date('2025-03-01T10:00:00Z'),
    cover: {
      childName: 'Test Child',
      dateOfBirth: '1 Feb 2020',
      ageAtConference: '5 years',
      conferenceDate: '12 Mar 2025',
      lead: 'Priya Shah, Oxfordshire Children’s Social Care',
      agencies: ['Thames Valley Police'],
      selection: 'All dates; all agencies',
      generatedBy: 'Priya Shah, Oxfordshire Children’s Social Care',
      generatedAt: '1 Mar 2025, 10:00',
      version: '0123456789abcdef',
    },
    rows: Array.from({ length: rows }, (_, i) => row(i + 1)),
    highlights: [{ id: 'h1', title: 'Repeated concern of one kind', severity: 'high', explanation: 'Three incidents in a year.', window: { from: '2024-01-05', to: '2024-03-05' }, agencyNames: ['Thames Valley Police'], entryIds: ['a'], reopened: false }],
    actions: [],
  };
}

let pool: PdfRenderer | null = null;
afterEach(async () => {
  await pool?.close();
  pool = null;
});

/** A pool whose worker waits before each pack while `held` (the shared cell) is 1. */
function heldPool(maxQueued: number) {
  const hold = new Int32Array(new SharedArrayBuffer(4));
  hold[0] = 1;
  let started = 0;
  const p = createPdfPool({ maxQueued, hold, onStarted: () => (started += 1) });
  return {
    pool: p,
    started: () => started,
    release() {
      Atomics.store(hold, 0, 0);
      Atomics.notify(hold, 0);
    },
  };
}

describe('the PDF worker', () => {
  it('draws byte for byte the file the main thread draws, with the embedded fonts and with the Helvetica fallback', async () => {
    pool = createPdfPool();
    for (const opts of [{}, { fontDir: null }]) {
      const here = await renderPackPdf(pack(), opts);
      const there = await pool.render(pack(), opts);
      expect(Buffer.isBuffer(there)).toBe(true);
      expect(there.byteLength).toBe(here.byteLength);
      expect(there.equals(here)).toBe(true);
    }
    expect(pdfInfo(await pool.render(pack(5, 'A title of its own'))).Title).toBe('A title of its own');
    // One thread for all of them.
    expect(pool.stats().started).toBe(1);
  }, 60_000);

  it('draws one pack at a time, queues up to its limit and refuses one more with a 503 and a Retry-After', async () => {
    const held = heldPool(2);
    pool = held.pool;
    const first = pool.render(pack(3, 'first'));
    await vi.waitFor(() => expect(held.started()).toBe(1), { timeout: 30_000 });
    const waiting = [pool.render(pack(3, 'second')), pool.render(pack(3, 'third'))];
    expect(pool.stats()).toMatchObject({ drawing: 1, queued: 2 });
    const refused = await pool.render(pack(3, 'fourth')).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(PdfQueueFull);
    expect(refused).toMatchObject({ status: 503, code: 'packs_busy', retryAfterSeconds: 5 });
    // Nothing of the refused one was queued; the others are drawn, in order, once the worker may go on.
    expect(pool.stats()).toMatchObject({ drawing: 1, queued: 2 });
    held.release();
    const titles = (await Promise.all([first, ...waiting])).map((pdf) => pdfInfo(pdf).Title);
    expect(titles).toEqual(['first', 'second', 'third']);
    expect(pool.stats()).toMatchObject({ drawing: 0, queued: 0 });
  }, 60_000);

  it('fails a pack that cannot be drawn with a clear error, and goes on with the next', async () => {
    pool = createPdfPool();
    const broken = { ...pack(), rows: null } as unknown as PackDocument;
    await expect(pool.render(broken)).rejects.toThrow(/the conference pack could not be drawn/);
    expect(pdfInfo(await pool.render(pack(2, 'after'))).Title).toBe('after');
  }, 60_000);

  it('when closed, fails the pack being drawn and those waiting, and refuses new ones', async () => {
    const held = heldPool(4);
    pool = held.pool;
    const failure = (p: Promise<Buffer>) => p.then(() => null, (err: Error) => err.message);
    const drawing = failure(pool.render(pack(2)));
    await vi.waitFor(() => expect(held.started()).toBe(1), { timeout: 30_000 });
    const waiting = failure(pool.render(pack(2)));
    await pool.close();
    expect(await drawing).toMatch(/shutting down/);
    expect(await waiting).toMatch(/shutting down/);
    await expect(pool.render(pack(2))).rejects.toThrow(/closed/);
  }, 60_000);
});
