// @mac/ui: Lit web components for the chronology, and the pure view logic they are built on.
export { defineMacElements, MAC_ELEMENTS } from './define.js';
export { MacTimeline, type TimelineHighlight } from './components/mac-timeline.js';
export { MacEntryTable } from './components/mac-entry-table.js';
export { MacFilters } from './components/mac-filters.js';
export { MacEntryForm } from './components/mac-entry-form.js';
export type { PersonChoice } from './components/people-fields.js';
export { MacEntryDetails } from './components/mac-entry-details.js';
export { MacPresence } from './components/mac-presence.js';
export { MacStatus } from './components/mac-status.js';
export { MacPatterns, type HighlightLike } from './components/mac-patterns.js';
export { MacChildsVoice } from './components/mac-childs-voice.js';
export { voiceTable, voiceWarning, type VoiceTableRow } from './components/voice-table.js';
export { householdDescription, isHouseholdEvent } from './components/household-marks.js';
export { type HistoryItem, fieldLabel, fieldValue } from './components/history.js';
export { formatInstant } from './model/instant.js';
export { errorSummary, focusErrorSummary, type SummaryError } from './components/error-summary.js';
export { symbol } from './components/symbols.js';
export { cssProps, type CssProps } from './directives/css-props.js';
export { tokens } from './styles/tokens.js';
export { base } from './styles/base.js';
export { forms } from './styles/forms.js';
export { tables } from './styles/tables.js';
export { banners } from './styles/banners.js';
export { pageStyles } from './styles/page-styles.js';
export { type EntryView, isExactDay, orderViews, type Precision, toView } from './model/entry-view.js';
export {
  categoryLabel,
  categoryStyle,
  GROUP_STYLES,
  groupStyle,
  type GroupStyle,
  type SymbolShape,
} from './model/category-style.js';
export {
  clampPxPerDay,
  clampToExtent,
  dayToX,
  describeRange,
  fitRange,
  MAX_PX_PER_DAY,
  MIN_PX_PER_DAY,
  panBy,
  rangeViewport,
  resize,
  reveal,
  type Tick,
  ticks,
  type Viewport,
  visibleRange,
  xToDay,
  ZOOM_STEP,
  zoomBy,
  zoomLevel,
  type ZoomLevel,
} from './model/timeline-scale.js';
export {
  type Cluster,
  type LaneLayout,
  type LaneSpec,
  type LayoutOptions,
  layoutTimeline,
  type Mark,
  type MarkKind,
  type NavItem,
  nearestInLane,
  type TimelineLayout,
} from './model/timeline-layout.js';
export { nextRowIndex, rowWindow, type RowWindow, scrollToReveal, type WindowInput } from './model/virtual-window.js';
export {
  decodeFilters,
  describeFilters,
  EMPTY_FILTERS,
  encodeFilters,
  entryMatcher,
  FILTER_PARAMS,
  type FilterProblem,
  filterProblems,
  filterRange,
  type Filters,
  filterViews,
  isFiltering,
  sameFilters,
} from './model/filters.js';
export {
  DEFAULT_SORT,
  SORT_KEYS,
  type SortDirection,
  type SortKey,
  type SortState,
  sortViews,
  toggleSort,
} from './model/sort.js';
export {
  type FollowState,
  groupPresence,
  type PeerState,
  type Person,
  personLabel,
  type Presence,
  type PresenceUser,
  readPeerState,
} from './model/presence.js';
export {
  combineStatus,
  type Connection,
  type Ended,
  INITIAL_SAVE_STATE,
  reduceSave,
  type SaveEvent,
  type SaveState,
  type StatusKind,
  statusView,
  type StatusView,
  type Tone,
  unsavedCount,
} from './model/save-status.js';
export { characterCount, characterCountState, type CharacterCountState } from './model/char-count.js';
export { type Orderable, orderHighlights } from './model/highlight-order.js';
export {
  type AmendResult,
  type Changes,
  type CreateResult,
  dateFeedback,
  editableDate,
  EMPTY_ENTRY_FORM,
  type EntryFormValues,
  FIELD_LABELS,
  FORM_FIELDS,
  formChanged,
  type FormError,
  type FormField,
  formFromEntry,
  humanise,
  validateAmend,
  validateCreate,
  withdrawalError,
} from './model/entry-form-model.js';
export {
  buildImportPreview,
  type CheckedRow,
  type Duplicate,
  type ImportCheck,
  type ImportPreview,
  type PreviewRow,
  type PreviewStatus,
  problemText,
  type RowProblem,
} from './model/import-preview.js';
export {
  describePlaces,
  FIRST_PLACES,
  groupProblems,
  placeOf,
  type ProblemGroup,
  type RowProblemAt,
} from './model/import-summary.js';
export {
  CHANGE_LABELS,
  CHANGE_LETTERS,
  CHANGE_TAGS,
  type ChangeKind,
  changeKinds,
  changesSince,
  type ChangesSince,
  describeChanges,
  type EntryChange,
  type FieldChange,
} from './model/changes.js';
export {
  entryFingerprint,
  type HighlightReview,
  ReviewBook,
  reviewNoteError,
  type ReviewState,
  type ServerReviewRecord,
} from './model/highlight-reviews.js';
export {
  fileNameFrom,
  PACK_FIELD_ORDER,
  type PackField,
  packFieldOf,
  type PackFormat,
  type PackFormError,
  type PackFormValues,
  type PackKind,
  type PackRequestBody,
  validatePackForm,
} from './model/pack-options.js';
export {
  type ChildField,
  childFieldOf,
  type ChildFormError,
  type ChildFormValues,
  type CreateChronologyBody,
  validateChildForm,
} from './model/child-form.js';
export { userText, plainUserText } from './components/user-text.js';
