// @mac/sync: the chronology as a Yjs document, the inspection of every write on a shadow copy, and the
// room manager speaking the y-websocket protocol. See docs/architecture.md.
export { CLOSE, closeName, closeReason, mustResync, MAX_CLOSE_REASON_BYTES, type CloseCode, type CloseName } from './close-codes.js';
export { analysisDocName, parseDocName, restrictedDocName, sharedDocName, type ParsedDocName } from './doc-names.js';
export { ANALYSIS_TEXT_KEY, getAnalysisText, replaceText } from './analysis-model.js';
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
  readEntry,
  withdrawEntry,
  writeNewEntry,
  type EntryValue,
  type StoredEntry,
} from './doc-model.js';
export { UpdateRefusedError, type Refusal, type RefusalCode } from './errors.js';
export { DEFAULT_LIMITS, resolveLimits, type Limits } from './limits.js';
export { consoleLogger, type Logger } from './log.js';
export { newYDoc } from './new-doc.js';
export {
  updateLogPersistence,
  type AcceptedUpdate,
  type Persistence,
  type RefusedUpdate,
  type SequencedRow,
  type UpdateStore,
  type WriteMeta,
} from './persistence.js';
export { inspectTransaction, inspectUpdate, SHARING_FIELDS, type EntryChange, type InspectContext, type Verdict, type WriteIntent } from './update-inspector.js';
export { type Pace } from './large-write.js';
export { stampedUser, type Presence, type StampedUser } from './room-awareness.js';
export type { Room } from './room.js';
export type { ConnectionContext, ConnectionInfo } from './connection.js';
export type { LocalWrite, WriteGroup } from './room.js';
export { writeCost, type WriteCost } from './write-volume.js';
export { createRoomManager, type Admission, type RoomManager, type RoomManagerOptions, type RoomStats } from './room-manager.js';
export { RoomLoadRefused } from './room-refused.js';
export { DEFAULT_COMPACTION, type CompactionPolicy } from './compaction.js';
export { createStateMerger, type StateMerger } from './state-merger.js';
export { decodeBusMessage, encodeBusMessage, type BusAwareness, type BusHandlers, type BusMessage, type BusUpdate, type RoomBus } from './bus.js';
export { createDocFeed, type DocFeed, type DocFeedDeps, type SequencedUpdate } from './doc-feed.js';
