/** Simple 24px line icons for the navigation; decorative (the label carries the meaning). */
const paths = {
  dashboard: 'M3 3h8v8H3zM13 3h8v5h-8zM13 10h8v11h-8zM3 13h8v8H3z',
  field: 'M12 21s-7-6.2-7-11.5A7 7 0 0 1 19 9.5C19 14.8 12 21 12 21zM12 12.5a3 3 0 1 0 0-6 3 3 0 0 0 0 6z',
  legal: 'M12 3v18M5 21h14M4 7h16M7 7l-3 7a3 3 0 0 0 6 0zM17 7l-3 7a3 3 0 0 0 6 0z',
  communication: 'M3 10v4h3l6 5V5L6 10zM16 8a5 5 0 0 1 0 8M19 5a9 9 0 0 1 0 14',
  association: 'M9 11a3.5 3.5 0 1 0 0-7 3.5 3.5 0 0 0 0 7zM2 20a7 7 0 0 1 14 0M17 11a3 3 0 1 0 0-6M18 14a6 6 0 0 1 4 6',
  admin: 'M12 3l8 3v6c0 5-3.5 8-8 9-4.5-1-8-4-8-9V6zM9 12l2 2 4-4',
  review: 'M9 5H5v16h14V5h-4M9 3h6v4H9zM8 13l3 3 5-6',
  sites: 'M4 20l4-9 4 9M10 20l5-11 5 11M2 20h20',
  statistics: 'M4 20V10M10 20V4M16 20v-7M22 20H2',
  reports: 'M6 2h9l5 5v15H6zM14 2v6h6M9 13h8M9 17h8',
  rota: 'M4 5h16v16H4zM4 9h16M8 3v4M16 3v4M8 13h3v3H8z',
  testimonies: 'M4 4h16v12H9l-5 4zM8 8h8M8 12h5',
} as const;

export type IconName = keyof typeof paths;

export function Icon({ name }: { name: IconName }) {
  return (
    <svg viewBox="0 0 24 24" width="24" height="24" fill="none" stroke="currentColor" stroke-width="2" stroke-linecap="round" stroke-linejoin="round" focusable="false">
      <path d={paths[name]} />
    </svg>
  );
}
