import { useState } from 'preact/hooks';
import type { EvictionInput } from '@vigie/domain/rules';
import { useLocale, useT } from '../../../i18n';
import { newId } from '../../../offline/store';
import { Button } from '../../../ui/Button';
import { TextField } from '../../../ui/TextField';
import { formatTime } from './format';

/** The timeline: one-line notes, each stamped with the time it was added. */
export function NotesSection({ notes, onNotes }: { notes: EvictionInput['notes']; onNotes: (n: EvictionInput['notes']) => void }) {
  const t = useT();
  const locale = useLocale();
  const [note, setNote] = useState('');
  function addNote() {
    const text = note.trim();
    if (!text) return;
    onNotes([...notes, { id: newId(), at: new Date().toISOString(), text }]);
    setNote('');
  }
  return (
    <section class="section">
      <h2>{t('field.eviction.notes')}</h2>
      <ol class="notes">
        {notes.map((n) => (
          <li key={n.id}>
            <time dateTime={n.at}>{formatTime(n.at, locale)}</time> {n.text}
          </li>
        ))}
      </ol>
      <div class="inline-add">
        <TextField label={t('field.eviction.note')} value={note} onValue={setNote} maxLength={2000} testId="note-text" />
        <Button variant="secondary" onClick={addNote} disabled={!note.trim()} testId="note-add">
          {t('field.eviction.addNote')}
        </Button>
      </div>
    </section>
  );
}
