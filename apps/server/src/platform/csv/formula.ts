/**
 * A spreadsheet runs a cell starting with = + - @ (or a tab/CR before them) as a formula
 * (`=HYPERLINK("http://…")`, DDE): every text cell of every CSV or XLSX we write — exports,
 * chart data, the public statistics — goes through this and gets a leading apostrophe.
 */
export function neutralise(text: string): string {
  return /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
}
