/**
 * A file shown without a picture (a video, a sound, a document): a plain sheet with its type's
 * short name written on it, the same on the phone and on the office's record pages.
 */
const SHORT: Record<string, string> = {
  'video/quicktime': 'MOV', 'video/x-m4v': 'M4V', 'video/matroska': 'MKV', 'video/x-matroska': 'MKV', 'video/3gpp': '3GP', 'video/3gpp2': '3G2',
  'audio/mpeg': 'MP3', 'audio/x-m4a': 'M4A', 'audio/mp4': 'M4A', 'audio/wav': 'WAV', 'audio/vnd.wave': 'WAV', 'audio/x-flac': 'FLAC',
  'application/vnd.openxmlformats-officedocument.wordprocessingml.document': 'DOCX', 'application/vnd.oasis.opendocument.text': 'ODT',
};

/** "MP4", "PDF", "M4A"…: the type as people name it. */
export function fileTypeLabel(mime: string | null | undefined): string {
  if (!mime) return '?';
  const bare = mime.split(';')[0]!.trim().toLowerCase();
  return SHORT[bare] ?? (bare.split('/')[1] ?? bare).replace(/^x-/, '').toUpperCase().slice(0, 5);
}

export function FileIcon({ label }: { label: string }) {
  return (
    <svg class="file-icon" viewBox="0 0 40 48" width="40" height="48" aria-hidden="true" focusable="false">
      <path d="M2 2h26l10 10v34H2z" fill="var(--surface, #fff)" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
      <path d="M28 2v10h10" fill="none" stroke="currentColor" stroke-width="2" stroke-linejoin="round" />
      <text x="20" y="36" text-anchor="middle" font-size="10" font-weight="700" fill="currentColor">{label}</text>
    </svg>
  );
}
