// Small pieces every page of a chronology shares: loading the chronology, the caption with the
// child's name, and turning an error into words.
import { html, type TemplateResult } from 'lit';
import { ApiError, type Api, type ChronologyDetail } from '../api.js';
import { chronologyPath } from '../app/router.js';

export type Loaded = { ok: true; chronology: ChronologyDetail } | { ok: false; message: string };

export async function loadChronology(api: Api, id: string): Promise<Loaded> {
  try {
    return { ok: true, chronology: await api.chronology(id) };
  } catch (err) {
    return { ok: false, message: errorText(err, 'This chronology does not exist, or you do not have access to it.') };
  }
}

/** An error as a sentence; `notFound` for a 404 (which also answers "no access": the server does not say which). */
export function errorText(err: unknown, notFound = 'It could not be found, or you do not have access to it.'): string {
  if (err instanceof ApiError && err.status === 404) return notFound;
  return err instanceof Error ? err.message : String(err);
}

export function childName(c: ChronologyDetail): string {
  return `${c.child.givenName} ${c.child.familyName}`;
}

export function backToChronology(c: { id: string }): TemplateResult {
  return html`<a class="back-link" href=${chronologyPath(c.id)}>Back to the chronology</a>`;
}

export function notAvailable(message: string): TemplateResult {
  return html`<a class="back-link" href="/">Back to your caseload</a>
    <h1 class="heading-l" tabindex="-1">Chronology not available</h1>
    <p>${message}</p>`;
}

/** Saves a file the browser already holds (a Blob) under `fileName`: an object URL and a temporary download link. */
export function saveFile(blob: Blob, fileName: string, host: ParentNode & Node): void {
  const url = URL.createObjectURL(blob);
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.hidden = true;
  host.appendChild(a);
  a.click();
  a.remove();
  // The download has started from the click; the URL is not needed after this turn.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
