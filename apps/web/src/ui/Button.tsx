import type { ComponentChildren } from 'preact';

interface Props {
  children: ComponentChildren;
  type?: 'button' | 'submit';
  variant?: 'primary' | 'secondary' | 'danger' | 'link';
  onClick?: () => void;
  disabled?: boolean;
  /** While true the button is disabled and says so to assistive technology. */
  busy?: boolean;
  /** Longer accessible name; it must start with the visible text (WCAG 2.5.3). */
  ariaLabel?: string;
  testId?: string;
}

export function Button({ children, type = 'button', variant = 'primary', onClick, disabled, busy, ariaLabel, testId }: Props) {
  return (
    <button
      type={type}
      class={`btn btn-${variant}`}
      onClick={onClick}
      disabled={disabled || busy}
      aria-busy={busy ? 'true' : undefined}
      aria-label={ariaLabel}
      data-testid={testId}
    >
      {children}
    </button>
  );
}
