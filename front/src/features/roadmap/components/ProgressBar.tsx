/** A native progress bar with its figure written next to it (the figure is what is read aloud). */
export function ProgressBar({ value, label }: { value: number; label: string }) {
  return (
    <span className="roadmap-progress">
      <progress max={100} value={value} aria-label={label} />
      <span>{value} %</span>
    </span>
  );
}
