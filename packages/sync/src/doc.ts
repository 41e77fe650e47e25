// @mac/sync/doc: what the browser and the server share about a chronology's documents: the entries map
// and its typed reads and writes, the documents' names, and the websocket close codes. Browser-safe:
// it reaches only Yjs and @mac/domain (scripts/dependency-rules.ts checks it), so importing it never
// brings the rooms, the database or Node's built-ins into a bundle.
export {
  amendEntry,
  ENTRIES_KEY,
  entryFromStored,
  entryText,
  isEntryText,
  readStoredFields,
  storedFieldsOf,
  storedEntryOf,
  getEntriesMap,
  LOCAL_ORIGIN,
  readEntries,
  readEntriesById,
  readEntry,
  readStoredEntry,
  touchedEntryIds,
  withdrawEntry,
  writeNewEntry,
  type EntryValue,
  type StoredEntry,
} from './doc-model.js';
export { analysisDocName, parseDocName, restrictedDocName, sharedDocName, type ParsedDocName } from './doc-names.js';
export { ANALYSIS_TEXT_KEY, getAnalysisText, replaceText } from './analysis-model.js';
export { CLOSE, closeName, closeReason, MAX_CLOSE_REASON_BYTES, mustResync, type CloseCode, type CloseName } from './close-codes.js';
