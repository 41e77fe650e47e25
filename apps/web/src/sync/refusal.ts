// Why a change was refused (a 44xx close from /sync), in plain words for the person whose change it
// was. The status shows it under "Change not saved"; the server's own short reason is kept, as it
// is the most precise account of what went wrong.
import { CLOSE } from '@mac/sync/doc';

function sentence(text: string): string {
  const t = text.trim().replace(/[.\s]+$/, '');
  return `${t.charAt(0).toUpperCase()}${t.slice(1)}.`;
}

export function refusalMessage(code: number, reason: string): string {
  const why = reason.trim();
  switch (code) {
    case CLOSE.UPDATE_REFUSED:
      return why ? `The server refused it: ${why}.` : 'The server refused it: you can only change your own agency’s entries, and nothing can be deleted.';
    case CLOSE.MISSING_DEPENDENCIES:
      return 'It was based on an out-of-date copy of the chronology.';
    case CLOSE.MESSAGE_TOO_LARGE:
      return 'It was too large to send. Try a shorter text.';
    case CLOSE.OUTDATED_CLIENT:
      return 'This page is out of date: the server now stores entries differently. Reload the page, then make the change again.';
    case CLOSE.MALFORMED_MESSAGE:
      return 'The server could not read it.';
    default:
      return why ? sentence(why) : 'The server refused it.';
  }
}
