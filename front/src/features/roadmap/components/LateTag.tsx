/** « En retard » in words, never colour alone. */
export function LateTag() {
  return <strong className="late-tag">En retard</strong>;
}
