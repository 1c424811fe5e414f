// Spelling fixes for plain-language schedules: "Mondya" → "Monday". Only ever used to build a
// suggestion; Baton never runs a schedule it had to guess at.

/**
 * The vocabulary word closest to `word`, if it is close enough to be a typo: one edit for
 * words of up to four letters, two for longer ones. Ties go to the earlier vocabulary word.
 */
export function closestWord(word: string, vocabulary: readonly string[]): string | null {
  if (!/^[a-z]{3,}$/.test(word)) return null;
  const allowed = word.length <= 4 ? 1 : 2;
  let best: string | null = null;
  let bestDistance = allowed + 1;
  for (const candidate of vocabulary) {
    const distance = editDistance(word, candidate);
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return best;
}

/** Edits (insert, delete, substitute, swap two neighbours) from one string to the other. */
export function editDistance(a: string, b: string): number {
  // Optimal string alignment; rows of the classic table, three kept at a time.
  let before: number[] = [];
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let d = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        d = Math.min(d, (before[j - 2] ?? 0) + 1);
      }
      current.push(d);
    }
    before = previous;
    previous = current;
  }
  return previous[b.length] ?? 0;
}
