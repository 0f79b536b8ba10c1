import type { ComponentChildren } from 'preact';

export interface NavItem {
  href: string;
  label: string;
  icon: ComponentChildren;
  current: boolean;
  /** Left out of the phone bottom bar (reachable elsewhere), shown in the side navigation. */
  secondary?: boolean;
  /** Items waiting (e.g. evictions to verify), shown as a badge after the label. */
  count?: number | undefined;
}

export function Nav({ label, items }: { label: string; items: readonly NavItem[] }) {
  return (
    <nav class="nav" aria-label={label}>
      <ul>
        {items.map((item) => (
          <li key={item.href} class={item.secondary ? 'nav-secondary' : undefined}>
            <a href={item.href} aria-current={item.current ? 'page' : undefined}>
              <span class="nav-icon" aria-hidden="true">
                {item.icon}
              </span>
              <span class="nav-label">{item.label}</span>
              {item.count ? <span class="nav-count" data-testid="nav-count">{item.count}</span> : null}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
