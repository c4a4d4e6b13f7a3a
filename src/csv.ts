// CSV as spreadsheets read it (RFC 4180): every cell quoted, quotes doubled, CRLF line ends, and never a formula
// (a cell starting with = + - @, a tab or a carriage return gets a leading single quote, against formula injection).

/** A cell that a spreadsheet reads as text. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return `"${safe.replaceAll('"', '""')}"`;
}

/** One line of cells, with its CRLF. */
export function csvLine(values: readonly string[]): string {
  return `${values.map(csvCell).join(',')}\r\n`;
}

/** UTF-8 byte-order mark: Excel then opens æ, ø and å right. */
export const CSV_BOM = '\uFEFF';
