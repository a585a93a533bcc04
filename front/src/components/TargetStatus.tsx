/** Whether an indicator's value meets its target, as a badge (« — » while it cannot be told). */
export function TargetStatus({ meets }: { meets: boolean | null }) {
  if (meets === null) return <span className="muted">—</span>;
  return meets ? <span className="badge target-met">Objectif atteint</span> : <span className="badge target-missed">Objectif non atteint</span>;
}
