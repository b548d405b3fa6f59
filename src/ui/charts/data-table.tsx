/** A data table for figures: a caption, column headers, row headers (indented for a tree), and cells already formatted. */
import type { ComponentChildren } from 'preact';

export interface DataRow {
  header: string;
  depth?: number;
  cells: ComponentChildren[];
}

interface DataTableProps {
  caption: string;
  /** The header of the row-header column, then one per cell column. */
  headers: string[];
  rows: DataRow[];
  /** A total row, set apart in a <tfoot>. */
  footer?: DataRow;
}

function Row({ row }: { row: DataRow }) {
  const depth = Math.min(row.depth ?? 0, 4);
  return (
    <tr class="utrecht-table__row">
      <th scope="row" class={`utrecht-table__header-cell${depth ? ` ib-data-table__depth-${depth}` : ''}`}>
        {row.header}
      </th>
      {row.cells.map((cell, index) => (
        <td key={index} class="utrecht-table__cell">
          {cell}
        </td>
      ))}
    </tr>
  );
}

export function DataTable({ caption, headers, rows, footer }: DataTableProps) {
  return (
    <div class="utrecht-table__container ib-data-table">
      <table class="utrecht-table">
        <caption class="utrecht-table__caption">{caption}</caption>
        <thead class="utrecht-table__header">
          <tr class="utrecht-table__row">
            {headers.map((header, index) => (
              <th key={index} scope="col" class="utrecht-table__header-cell">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody class="utrecht-table__body">
          {rows.map((row, index) => (
            <Row key={index} row={row} />
          ))}
        </tbody>
        {footer ? (
          <tfoot class="utrecht-table__footer">
            <Row row={footer} />
          </tfoot>
        ) : null}
      </table>
    </div>
  );
}
