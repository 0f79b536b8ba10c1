import type { ComponentChildren } from 'preact';
import { useState } from 'preact/hooks';
import { Page } from '../ui/Page';
import { useT } from '../i18n';
import { takeRouteFocus } from './routeFocus';

/** A page of the app: the presentational Page plus the translated tab title and focus handling. */
export function Screen({ title, narrow, children }: { title: string; narrow?: boolean; children?: ComponentChildren }) {
  const t = useT();
  const [focusHeading] = useState(takeRouteFocus);
  return (
    <Page title={title} documentTitle={t('app.pageTitle', { page: title })} focusHeading={focusHeading} narrow={narrow}>
      {children}
    </Page>
  );
}
