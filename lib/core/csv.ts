import { stringify } from "csv-stringify/sync";

export type CsvValue = string | number | null | undefined;

/**
 * A CSV document (csv-stringify): one row of header labels, then the rows; comma-separated, CRLF line ends
 * including after the last row, cells quoted only when they hold a quote, comma or line break. No BOM: the
 * routes that send a file put it in front.
 *
 * Formula injection: a cell a spreadsheet would run as a formula, one starting with = + - @, a tab or a CR
 * (or the full-width ＝ ＋ － ＠), gets a leading apostrophe so it shows as text. A number is data, not a
 * formula, so a negative number is written as it is. The header labels are data like any other cell, so they
 * can come from a message catalog.
 */
export function toCsv(header: readonly string[], rows: readonly (readonly CsvValue[])[]): string {
  return stringify([header, ...rows] as CsvValue[][], {
    record_delimiter: "\r\n",
    // Quote a cell holding a lone \n or \r too: with its own record_delimiter csv-stringify would not.
    quote_record_delimiter: true,
    escape_formulas: true,
    eof: true,
  });
}
