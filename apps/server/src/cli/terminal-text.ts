/**
 * Text from a bundle (manifest fields, file names) is untrusted: printed raw, an escape sequence
 * could repaint the terminal, erase lines, or a newline could add a line that looks like our own
 * verdict. Every control character (C0, DEL, C1 — ESC and CSI included) and every bidirectional
 * override is shown as a visible `\u{…}` escape, so one untrusted value is always one visible
 * fragment of one line.
 */
const UNSAFE = /[\u0000-\u001f\u007f-\u009f\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029\ufeff]/g;

export function neutralise(text: string): string {
  return text.replace(UNSAFE, (c) => `\\u{${c.codePointAt(0)!.toString(16)}}`);
}
