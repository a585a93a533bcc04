import type { ReactNode } from 'react';

/**
 * A table too wide for a phone scrolls within this region, not the page. The region is named and
 * takes the keyboard focus, so that it can be scrolled with the arrow keys (WCAG 2.1.1).
 */
export function ScrollRegion({ label, children }: { label: string; children: ReactNode }) {
  return (
    <div className="scroll-region" role="region" aria-label={label} tabIndex={0}>
      {children}
    </div>
  );
}
