// What an update may do to a chronology's analysis document (issue 15): change the one Y.Text `summary`,
// with plain text, within the domain's length limit, written by the chronology's lead professional only
// (the same rule as `PUT …/analysis`, packages/domain decideAnalysisWrite). Judged on the shadow, like
// entries (update-inspector.ts): a refused update leaves the live document untouched, whole.
//
// Unlike entries, text is deleted as well as written: a deletion is allowed inside the summary, nowhere else.

import * as Y from 'yjs';
import { ANALYSIS_LIMITS, decideAnalysisWrite } from '@mac/domain';
import { ANALYSIS_TEXT_KEY } from './analysis-model.js';
import { refusal, type Refusal } from './errors.js';
import type { InspectContext } from './update-inspector.js';

export type TextAnalysis = { ok: true; clients: number[] } | ({ ok: false } & Refusal);

const refuse = (reason: string): TextAnalysis => ({ ok: false, ...refusal('UPDATE_REFUSED', reason) });

function isEmpty(type: Y.AbstractType<any>): boolean {
  return type._start === null && type._map.size === 0;
}

export function analyseTextTransaction(doc: Y.Doc, tr: Y.Transaction, ctx: InspectContext): TextAnalysis {
  for (const [key, type] of doc.share) {
    if (key !== ANALYSIS_TEXT_KEY && !isEmpty(type)) return refuse('the analysis document holds only the summary text');
  }
  const text = doc.getText(ANALYSIS_TEXT_KEY);

  const clients: number[] = [];
  const newItems: Y.Item[] = [];
  for (const [client, after] of tr.afterState) {
    const before = tr.beforeState.get(client) ?? 0;
    if (after <= before) continue;
    clients.push(client);
    const structs = doc.store.clients.get(client) ?? [];
    for (let i = Y.findIndexSS(structs, before); i < structs.length; i++) {
      const struct = structs[i]!;
      if (!(struct instanceof Y.Item)) return refuse('the analysis document holds no collected (GC) structs');
      newItems.push(struct);
    }
  }
  if (clients.length === 0 && tr.deleteSet.clients.size === 0) return { ok: true, clients };
  if (ctx.readOnly) return refuse('read-only access: only the lead professional writes the analysis');
  const decision = decideAnalysisWrite(ctx.principal, ctx.chronology);
  if (!decision.allowed) return refuse(decision.reason);

  for (const item of newItems) {
    if (item.parent !== text || item.parentSub !== null) return refuse('the analysis document holds only the summary text');
    if (!(item.content instanceof Y.ContentString) && !(item.content instanceof Y.ContentDeleted)) return refuse('the summary holds only plain text');
  }
  for (const [client, ranges] of tr.deleteSet.clients) {
    const structs = doc.store.clients.get(client) ?? [];
    for (const { clock, len } of ranges) {
      for (let i = Y.findIndexSS(structs, clock); i < structs.length && structs[i]!.id.clock < clock + len; i++) {
        const struct = structs[i]!;
        if (!(struct instanceof Y.Item) || struct.parent !== text) return refuse('only the summary text may be deleted from');
      }
    }
  }
  if (text.length > ANALYSIS_LIMITS.text) return refuse(`text must be ${ANALYSIS_LIMITS.text.toLocaleString('en-GB')} characters or fewer`);
  return { ok: true, clients };
}
