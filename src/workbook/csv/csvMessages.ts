/**
 * The one catalogue of what the runner says about CSV and text files: each message is one line,
 * names the file (and the row, line or value where there is one) and says what to do. Row numbers
 * are Excel's, as the user sees the file opened in Excel (the header is row 1; a `sep=` line is not
 * a row); line numbers are the file's, as a text editor shows them.
 */
const show = (text: string) => JSON.stringify(text.length > 40 ? `${text.slice(0, 37)}...` : text);
const delimiterName = (delimiter: string) =>
  delimiter === "\t" ? "tab" : delimiter === " " ? "space" : `"${delimiter}"`;

export const csvMessages = {
  empty: (file: string) => `${file} is empty: a CSV file needs a header row and one row per customer.`,
  renamedXlsx: (file: string, extension: string) =>
    `${file} is an .xlsx workbook renamed ${extension}: rename it to .xlsx and run again.`,
  renamedOds: (file: string, extension: string) =>
    `${file} is an OpenDocument spreadsheet (.ods) renamed ${extension}: open it in Excel or LibreOffice, save it as .xlsx or .csv, and run again.`,
  zipArchive: (file: string) =>
    `${file} is a zip archive, not CSV text: unpack it and give the .csv or .xlsx inside.`,
  gzip: (file: string) => `${file} is gzip-compressed: unpack it first (gunzip) and run again.`,
  binary: (file: string) =>
    `${file} is not a workbook or a text file (it holds zero bytes, as binary files do): give an .xlsx workbook or a .csv, .tsv or .txt text file.`,
  tooLarge: (file: string, gigabytes: number) =>
    `${file} is ${gigabytes.toFixed(1)} GB, more than the runner can hold in memory (4 GB): split it into smaller files.`,

  unknownEncoding: (name: string) =>
    `--encoding ${name}: not an encoding name the runner knows (examples: utf-8, windows-1252, iso-8859-15, utf-16le, shift_jis).`,
  unsafeEncoding: (name: string) =>
    `--encoding ${name}: in this encoding a delimiter, quote or line break byte can be part of another character, so CSV in it cannot be read safely; convert the file to UTF-8 first.`,
  utf32: (file: string) =>
    `${file} is UTF-32 text, which the runner does not read: save it as UTF-8 and run again.`,
  bomDisagrees: (file: string, bomName: string, given: string) =>
    `${file} starts with a ${bomName} byte-order mark, but --encoding says ${given}: leave out --encoding (the mark decides).`,
  notUtf8AsSaid: (file: string, line: number) =>
    `${file} is not valid UTF-8 (line ${line}), although --encoding says so: leave out --encoding to read it as Windows-1252, or name its real encoding.`,
  notUtf16AsSaid: (file: string, given: string) =>
    `${file} is not ${given} text (it has none of the zero bytes UTF-16 writes for ASCII characters), although --encoding says so: leave out --encoding or name the file's real encoding.`,
  oddUtf16: (file: string, name: string) =>
    `${file} is ${name} text with an odd number of bytes, so its last character is cut off: save it again and run again.`,
  bomButNotUtf8: (file: string, line: number) =>
    `${file} has a UTF-8 byte-order mark, but line ${line} holds bytes that are not UTF-8: they are copied unchanged, and any text read from them shows �.`,
  utf16WithoutMark: (file: string, name: string) =>
    `${file} has no byte-order mark but is ${name} text: read and written as ${name}.`,
  readAsWindows1252: (file: string, line: number, hint: string | null) =>
    `${file} is not UTF-8 (line ${line} has bytes UTF-8 cannot read), so it was read as Windows-1252 and the new columns are written in Windows-1252` +
    (hint
      ? `; it looks like ${hint}: if names look wrong, run again with --encoding ${hint}.`
      : `; if names look wrong, run again with --encoding NAME.`),

  utf8IntoAscii: (file: string, value: string) =>
    `${file} is plain ASCII, so the new text ${show(value)} was written as UTF-8; Excel opens a CSV without a byte-order mark in the computer's code page (Windows-1252 on Western Windows): to write it that way instead, run again with --encoding windows-1252.`,

  unclosedQuote: (file: string, row: number, column: string, line: number) =>
    `${file}: the quoted field that starts in row ${row}, column ${column} (line ${line} of the file) is never closed, so the rest of the file would be one cell: add the closing " (a " inside quotes is written "").`,
  delimiterInDoubleByte: (file: string, delimiter: string, encoding: string) =>
    `${file}: the delimiter ${delimiterName(delimiter)} can be the second byte of a ${encoding} character, so this file cannot be split safely: use , ; or tab as the delimiter.`,

  unrepresentable: (value: string, where: string, encoding: string, file: string) =>
    `the new value ${show(value)} (${where}) cannot be written in ${encoding}, the encoding of ${file}: choose --labels that ${encoding} can hold, or save the input as UTF-8 (Excel: Save As › CSV UTF-8) and run again.`,
} as const;
