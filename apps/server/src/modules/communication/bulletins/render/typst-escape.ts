/**
 * Person-written text placed in Typst markup. Every character Typst markup gives a meaning to
 * is escaped with a backslash (Typst accepts `\` before any symbol): `#` would start code, `$`
 * maths, `*` and `_` strong and emphasis, `@` a reference, `<` a label, `[`/`]` content,
 * `` ` `` raw text, `=`/`-`/`+`/`/` headings, lists and comments at a line's start, `~` a
 * non-breaking space, quotes smart quotes, `.` a numbered list after digits. Line breaks become
 * spaces: a paragraph is one paragraph, whatever the person typed.
 */
const MARKUP = /[\\#*_$@<>[\]`~=\-+/'".]/g;

export function escapeTypst(text: string): string {
  return text
    // Control characters have no place in a bulletin and some would end the markup line.
    .replace(/[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g, '')
    .replace(/\s*[\r\n]+\s*/g, ' ')
    .replace(MARKUP, (c) => `\\${c}`);
}

/** Text inside a Typst string literal ("…"), for document metadata. */
export function escapeTypstString(text: string): string {
  return text.replace(/[\u0000-\u001F\u007F]/g, ' ').replace(/[\\"]/g, (c) => `\\${c}`);
}
