// Spreadsheet formula injection (CSV injection): a cell such as =HYPERLINK("http://evil", "Click")
// typed into a CRM field becomes a live formula when an export is opened in Excel or LibreOffice.
// Text that starts with a formula trigger gets a leading apostrophe, the spreadsheet convention
// for "this is text". A plain number ("-12.50", "+8613800138000") cannot run anything and keeps
// its value, so amounts and E.164 phone numbers export unchanged.
const triggers = new Set(['=', '+', '-', '@', '\t', '\r']);
const plainNumber = /^[-+]?\d+(\.\d+)?$/;

export function neutraliseFormula(text: string): string {
  if (text === '' || !triggers.has(text[0]!)) return text;
  if (plainNumber.test(text)) return text;
  return `'${text}`;
}
