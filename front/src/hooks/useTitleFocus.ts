import { useEffect } from 'react';

/**
 * Moves the focus to the page's title once the page has something to show, so that keyboard and
 * screen-reader users start reading where the new content begins (the layout does it on navigation,
 * but a page that loads data first has no title yet at that moment).
 */
export function useTitleFocus(ready: boolean) {
  useEffect(() => {
    if (ready) document.querySelector<HTMLElement>('main h1')?.focus();
  }, [ready]);
}
