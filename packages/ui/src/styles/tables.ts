// GOV.UK tables and summary lists.
import { css } from 'lit';

export const tables = css`
  .table {
    width: 100%;
    border-spacing: 0;
    border-collapse: collapse;
    margin-bottom: 1.5rem;
  }
  .table__caption {
    font-weight: 700;
    font-size: 1.5rem;
    text-align: left;
    margin-bottom: 0.75rem;
  }
  .table th,
  .table td {
    padding: 10px 20px 10px 0;
    border-bottom: 1px solid var(--mac-border);
    text-align: left;
    vertical-align: top;
  }
  .table th {
    font-weight: 700;
  }
  .table td:last-child,
  .table th:last-child {
    padding-right: 0;
  }
  .table .numeric {
    text-align: right;
  }
  .summary-list {
    margin: 0 0 1.5rem;
  }
  .summary-list__row {
    display: grid;
    grid-template-columns: minmax(8rem, 35%) 1fr;
    gap: 0 1rem;
    border-bottom: 1px solid var(--mac-border);
    padding: 0.5rem 0;
  }
  .summary-list__row dt {
    font-weight: 700;
  }
  .summary-list__row dd {
    margin: 0;
    white-space: pre-wrap;
    overflow-wrap: anywhere;
  }
`;
