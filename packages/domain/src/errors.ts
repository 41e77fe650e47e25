// Error shapes shared by the API, the UI and the CSV import, so that each can show a problem next
// to the field or cell it concerns.

/** A problem with one field of a submission. */
export interface FieldError {
  /** The field's name (dotted for nested fields); '' for the submission as a whole. */
  field: string;
  message: string;
  /** For a date: what was understood of it, so the reader can see why it was refused. */
  understood?: string;
}

/** A problem with one cell of an imported file. */
export interface RowError {
  /** 1-based data row (the header is not counted); 0 for the header itself or the whole file. */
  row: number;
  /** The line of the file on which the row starts (1-based, header included): what people see in an editor. */
  line?: number;
  /** The column's name as written in the file's header; '' when no single column is at fault. */
  column: string;
  message: string;
  understood?: string;
}
