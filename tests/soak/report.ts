// The soak's closing table: every count (all must be 0), what ran, and the faults actually injected.
import { COUNT_LABELS, type SoakCounts } from './count';
import type { SoakResult } from './soak';

export function formatReport(result: SoakResult): string {
  const lines: string[] = [];
  const width = Math.max(...Object.values(COUNT_LABELS).map((l) => l.length)) + 2;
  lines.push(`runs ${result.runs} (published ${result.published}, failed ${result.failed}) in ${(result.durationMs / 1000).toFixed(0)} s; settled: ${result.settled ? 'yes' : 'NO (settle time ran out)'}`);
  lines.push(`reviewer behaviours: ${Object.entries(result.byBehaviour).map(([k, v]) => `${k} ${v}`).join(', ')}${result.refusedReviewerActions ? `; ${result.refusedReviewerActions} reviewer actions refused` : ''}`);
  lines.push('');
  for (const [key, label] of Object.entries(COUNT_LABELS) as [keyof SoakCounts, string][]) {
    const n = result.counts[key];
    const examples = result.examples[key];
    lines.push(`${label.padEnd(width)}${String(n).padStart(5)}${examples ? `   e.g. ${examples.join(', ')}` : ''}`);
  }
  lines.push('');
  lines.push('faults injected:');
  for (const [service, counts] of Object.entries(result.faults)) {
    const kinds = Object.entries(counts.byKind).sort(([a], [b]) => a.localeCompare(b)).map(([k, v]) => `${k}: ${v}`).join(', ');
    lines.push(`  ${service.padEnd(7)} ${counts.injected} of ${counts.requests} requests${kinds ? ` (${kinds})` : ''}`);
  }
  return lines.join('\n');
}
