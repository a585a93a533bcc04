import fs from 'node:fs';

/**
 * test/bench/RESULTS.md holds several reports: the bench's own (`npm run bench` writes the whole
 * file) and sections written by other scripts (`npm run lighthouse`). A section runs from its
 * `## ` heading to the next one; each script replaces its own and keeps the others.
 */
export const LIGHTHOUSE_HEADING = '## Lighthouse (`npm run lighthouse`)';

function sectionBounds(text: string, heading: string): [number, number] | undefined {
  const start = text.indexOf(`\n${heading}\n`);
  if (start < 0) return text.startsWith(`${heading}\n`) ? [0, nextHeading(text, 1)] : undefined;
  return [start + 1, nextHeading(text, start + 2)];
}

function nextHeading(text: string, from: number): number {
  const next = text.indexOf('\n## ', from);
  return next < 0 ? text.length : next + 1;
}

/** The section under `heading` in `file`, heading included, or '' when there is none. */
export function sectionOf(file: string, heading: string): string {
  if (!fs.existsSync(file)) return '';
  const text = fs.readFileSync(file, 'utf8');
  const bounds = sectionBounds(text, heading);
  return bounds ? text.slice(bounds[0], bounds[1]) : '';
}

/** `text` with the section under `heading` replaced by `section` (added at the end when absent). */
export function withSection(text: string, heading: string, section: string): string {
  const body = section.endsWith('\n') ? section : `${section}\n`;
  const bounds = sectionBounds(text, heading);
  if (!bounds) return section ? `${text.replace(/\n*$/, '\n\n')}${body}` : text;
  return `${text.slice(0, bounds[0])}${section ? body : ''}${text.slice(bounds[1])}`;
}
