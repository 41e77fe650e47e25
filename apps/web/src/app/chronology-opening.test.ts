import { describe, expect, it } from 'vitest';
import { createApi } from '../api.js';
import { FIRST_PAGE, openChronology, takeOpening } from './chronology-opening.js';

const ID = '0b7f7c1e-4d3a-4f5e-9c2b-1a2b3c4d5e6f';

/** The REST API over a fetch that answers only when told to, recording what was asked. */
function server() {
  const asked: string[] = [];
  const pending: Array<{ path: string; answer: (status: number, body: unknown) => void }> = [];
  const fetchImpl = ((input: RequestInfo | URL) =>
    new Promise<Response>((resolve) => {
      const path = String(input);
      asked.push(path);
      pending.push({ path, answer: (status, body) => resolve(new Response(JSON.stringify(body), { status, headers: { 'Content-Type': 'application/json' } })) });
    })) as typeof fetch;
  const answer = (prefix: string, status: number, body: unknown) => {
    const at = pending.findIndex((p) => p.path.startsWith(prefix));
    if (at === -1) throw new Error(`nothing asked for ${prefix}; asked: ${asked.join(', ')}`);
    pending.splice(at, 1)[0]!.answer(status, body);
  };
  return { api: createApi({ fetchImpl }), asked, answer };
}

describe('opening a chronology', () => {
  it('asks for the chronology and its first page together, before either answers', async () => {
    const s = server();
    const opening = openChronology(s.api, ID);
    expect(s.asked).toEqual([`/api/chronologies/${ID}?openHighlights=none`, `/api/chronologies/${ID}/entries?limit=${FIRST_PAGE}`]);
    s.answer(`/api/chronologies/${ID}/entries`, 200, { entries: [], next: 'more' });
    s.answer(`/api/chronologies/${ID}`, 200, { id: ID });
    expect(await opening.detail).toEqual({ id: ID });
    expect(await opening.firstPage).toEqual({ entries: [], complete: false });
  });

  it('says when the first page holds every entry, and gives no page (not an error) when it cannot be read', async () => {
    const s = server();
    const whole = openChronology(s.api, ID);
    s.answer(`/api/chronologies/${ID}/entries`, 200, { entries: [] });
    s.answer(`/api/chronologies/${ID}`, 200, { id: ID });
    expect(await whole.firstPage).toEqual({ entries: [], complete: true });
    const refused = openChronology(s.api, ID);
    s.answer(`/api/chronologies/${ID}/entries`, 404, { error: { code: 'not_found', message: 'No such chronology' } });
    s.answer(`/api/chronologies/${ID}`, 404, { error: { code: 'not_found', message: 'No such chronology' } });
    expect(await refused.firstPage).toBeNull();
    await expect(refused.detail).rejects.toMatchObject({ status: 404 });
  });

  it('is taken by one page only, and only for its own chronology: any other page asks afresh', () => {
    const s = server();
    const asked = openChronology(s.api, ID);
    expect(takeOpening(s.api, asked, '1c8e2d3f-0000-4000-8000-000000000000')).not.toBe(asked);
    expect(takeOpening(s.api, asked, ID)).toBe(asked);
    const again = takeOpening(s.api, asked, ID);
    expect(again).not.toBe(asked);
    expect(s.asked.filter((p) => p === `/api/chronologies/${ID}?openHighlights=none`)).toHaveLength(2);
  });
});
