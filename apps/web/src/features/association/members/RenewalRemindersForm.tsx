import { useEffect, useState } from 'preact/hooks';
import type { MembershipReminderSettings } from '@vigie/domain/rules';
import { useT } from '../../../i18n';
import { Button } from '../../../ui/Button';
import { Checkbox } from '../../../ui/Checkbox';
import { TextField } from '../../../ui/TextField';
import { membersApi } from './membersApi';

/** Renewal reminders: on or off, and how many days before a membership ends (31 December) members with an address are mailed, once a year. */
export function RenewalRemindersForm({ act }: { act: (f: () => Promise<unknown>) => Promise<void> }) {
  const t = useT();
  const [s, setS] = useState<MembershipReminderSettings>({ enabled: false, daysBefore: 30 });
  const [days, setDays] = useState('30');
  const [saved, setSaved] = useState(false);
  useEffect(() => { void membersApi.reminders().then((v) => { setS(v); setDays(String(v.daysBefore)); }); }, []);
  return (
    <details class="card">
      <summary>{t('members.reminders.title')}</summary>
      <form onSubmit={(e) => {
        e.preventDefault(); setSaved(false);
        void act(() => membersApi.saveReminders({ enabled: s.enabled, daysBefore: Number(days) })).then(() => setSaved(true));
      }}>
        <p class="field-hint">{t('members.reminders.hint')}</p>
        <Checkbox label={t('members.reminders.enabled')} checked={s.enabled} onChecked={(enabled) => setS({ ...s, enabled })} />
        <TextField label={t('members.reminders.daysBefore')} value={days} onValue={setDays} inputMode="numeric" pattern="[0-9]{1,3}" required />
        <Button type="submit">{t('members.settings.save')}</Button>
        {saved && <p role="status">{t('members.settings.saved')}</p>}
      </form>
    </details>
  );
}
