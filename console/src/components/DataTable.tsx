import type { ReactNode } from 'react';

/**
 * A list as a table on wide screens and as cards below 700 px (each cell names its column through data-label,
 * styles.css), with a caption for screen readers.
 */
export function DataTable(props: {
  caption?: string;
  headers: string[];
  rows: { key: string; cells: ReactNode[]; className?: string }[];
}) {
  return (
    <div className="table-wrap">
      <table className="list responsive">
        {props.caption && <caption className="visually-hidden">{props.caption}</caption>}
        <thead>
          <tr>
            {props.headers.map((header, index) => (
              <th key={index} scope="col">
                {header}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {props.rows.map((row) => (
            <tr key={row.key} className={row.className}>
              {row.cells.map((cell, column) => (
                <td key={column} data-label={props.headers[column]}>
                  {cell}
                </td>
              ))}
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
