/**
 * After in-app navigation, focus moves to the new page's heading so that keyboard and
 * screen-reader users start reading the new content instead of staying on the clicked link.
 * On the very first load focus is left where the browser puts it.
 */
let pending = false;
let lastUrl: string | null = null;

export function noteUrl(url: string): void {
  if (lastUrl !== null && url !== lastUrl) pending = true;
  lastUrl = url;
}

export function takeRouteFocus(): boolean {
  const value = pending;
  pending = false;
  return value;
}
