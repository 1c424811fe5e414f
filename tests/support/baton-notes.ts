// Words only Baton (or the model, about its own revision) writes: none may reach a published page
// or Doc. Shared by the workerd tests (run-helpers.ts) and the soak's counts.
export const BATON_NOTES = [/Revised per feedback/i, /Reviewed earlier in this run/i, /\[… truncated/];

export function hasBatonNote(text: string): boolean {
  return BATON_NOTES.some((note) => note.test(text));
}
