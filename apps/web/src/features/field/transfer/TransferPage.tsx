import { hasPermission, useUser } from '../../identity/auth/session';
import { useT } from '../../../i18n';
import { AdminTabs } from '../../../shell/AdminTabs';
import { Screen } from '../../../shell/Screen';
import { ExportSection } from './ExportSection';
import { ImportSection } from './ImportSection';
import './transfer.css';

/** Spreadsheets in and out: import for coordinators (field.verify), export for stats readers. */
export function TransferPage() {
  const t = useT();
  const user = useUser();
  return (
    <Screen title={t('transfer.title')}>
      <AdminTabs />
      {hasPermission(user, 'field.verify') && <ImportSection />}
      {hasPermission(user, 'records.read') && <ExportSection />}
    </Screen>
  );
}
