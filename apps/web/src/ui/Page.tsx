import type { ComponentChildren } from 'preact';
import { useEffect, useRef } from 'preact/hooks';

interface Props {
  title: string;
  /** Text of the browser tab. */
  documentTitle: string;
  /** Move keyboard and screen-reader focus to the heading (after in-app navigation). */
  focusHeading?: boolean;
  narrow?: boolean;
  children?: ComponentChildren;
}

export function Page({ title, documentTitle, focusHeading, narrow, children }: Props) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    document.title = documentTitle;
  }, [documentTitle]);
  useEffect(() => {
    if (focusHeading) heading.current?.focus();
  }, []);
  return (
    <div class={narrow ? 'page page-narrow' : 'page'}>
      <h1 ref={heading} tabIndex={-1}>
        {title}
      </h1>
      {children}
    </div>
  );
}
