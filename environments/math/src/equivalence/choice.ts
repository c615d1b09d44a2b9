const GOLD_CHOICE = /^\(?([A-Z])\)?$/;
// "(B)", "B", "B)", "(B) 12", "B. 12", "B: twelve", "option B", "choice (B)".
const PRED_CHOICE = /^(?:(?:option|choice|answer)\s+)?(?:\(([A-Z])\)|([A-Z])(?:[.:)]|$))(?:\s.*)?$/i;

/** The letter when a cleaned reference answer is a multiple-choice letter (`B`, `(B)`), else null. */
export function goldChoice(s: string): string | null {
  return GOLD_CHOICE.exec(s.trim())?.[1] ?? null;
}

/** The letter a cleaned predicted answer picks (`(B)`, `B`, `B) 12`, `option b`), else null. */
export function predChoice(s: string): string | null {
  const m = PRED_CHOICE.exec(s.trim());
  const letter = m?.[1] ?? m?.[2];
  return letter ? letter.toUpperCase() : null;
}
