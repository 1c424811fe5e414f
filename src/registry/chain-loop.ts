// "When <workflow> publishes": which workflow a name means, and whether following those names
// comes back round. Pure: the caller passes every workflow it knows (the D1 cache).
//
// Names are compared as people retype them: case, punctuation, spacing, curly quotes, a leading
// "the" and a trailing "workflow" do not matter ("the weekly-competitive brief" is "Weekly
// competitive brief"). The trigger code resolves names with the same function when a run
// publishes, so the registry and the engine never disagree on what a name means.
import type { ChainTrigger } from '../domain/workflow-definition';
import { rowProblem, type RowProblem } from './row-problem';

/** A workflow as chains see it. */
export interface ChainNode {
  pageId: string;
  name: string;
  afterWorkflow: ChainTrigger | null;
}

export function normaliseWorkflowName(name: string): string {
  return name
    .normalize('NFKC')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()
    .replace(/^the /, '')
    .replace(/ workflow$/, '');
}

/** Whether two written names mean the same workflow. */
export function sameWorkflowName(a: string, b: string): boolean {
  const left = normaliseWorkflowName(a);
  return left !== '' && left === normaliseWorkflowName(b);
}

/**
 * The loop that following "after" names from `start` comes back to it by, in the order runs
 * would go ("Weekly brief → Summary → Weekly brief"); null when there is none. A name several
 * workflows share leads to each of them.
 */
export function findChainLoop(start: ChainNode, nodes: readonly ChainNode[]): string[] | null {
  const all = [start, ...nodes.filter((n) => n.pageId !== start.pageId)];
  const upstreamOf = (node: ChainNode) => (node.afterWorkflow ? all.filter((n) => sameWorkflowName(n.name, node.afterWorkflow?.workflowName ?? '')) : []);
  // Depth-first along "runs after" edges; the path found runs backwards (each after the next).
  const seen = new Set<string>();
  const walk = (node: ChainNode, path: ChainNode[]): ChainNode[] | null => {
    for (const upstream of upstreamOf(node)) {
      if (upstream.pageId === start.pageId) return [...path, upstream];
      if (seen.has(upstream.pageId)) continue;
      seen.add(upstream.pageId);
      const found = walk(upstream, [...path, upstream]);
      if (found) return found;
    }
    return null;
  };
  const backwards = walk(start, [start]);
  return backwards ? backwards.reverse().map((n) => n.name) : null;
}

/**
 * The chain problems of one row: the workflow it follows must exist among the others, and
 * following names must not come back to it. (A row following itself is reported when it is read.)
 */
export function chainProblems(start: ChainNode, others: readonly ChainNode[]): RowProblem[] {
  const after = start.afterWorkflow;
  if (!after || sameWorkflowName(after.workflowName, start.name)) return [];
  const rest = others.filter((n) => n.pageId !== start.pageId);
  if (!rest.some((n) => sameWorkflowName(n.name, after.workflowName))) {
    return [rowProblem({ kind: 'chain_unknown_workflow', name: after.workflowName, closest: closestNames(after.workflowName, rest.map((n) => n.name)) })];
  }
  const loop = findChainLoop(start, rest);
  return loop ? [rowProblem({ kind: 'chain_loop', names: loop })] : [];
}

/** Up to three names that look like `name` (for "did you mean …?"), closest first. */
export function closestNames(name: string, names: readonly string[], max = 3): string[] {
  const wanted = normaliseWorkflowName(name);
  const scored = [...new Set(names)]
    .map((candidate) => {
      const other = normaliseWorkflowName(candidate);
      // "Weekly brief" for "Weekly competitive brief": every word (two at least) of one is in the other.
      const words = (t: string) => new Set(t.split(' ').filter(Boolean));
      const [few, many] = [words(wanted), words(other)].sort((x, y) => x.size - y.size) as [Set<string>, Set<string>];
      const wordsIn = few.size > 1 && [...few].every((w) => many.has(w));
      const distance = wordsIn ? 0 : editDistance(wanted, other);
      return { candidate, distance, limit: Math.max(2, Math.floor(Math.max(wanted.length, other.length) * 0.4)) };
    })
    .filter((s) => s.candidate.trim() !== '' && s.distance <= s.limit)
    .sort((a, b) => a.distance - b.distance || a.candidate.localeCompare(b.candidate));
  return scored.slice(0, max).map((s) => s.candidate);
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min((previous[j] ?? 0) + 1, (current[j - 1] ?? 0) + 1, (previous[j - 1] ?? 0) + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length] ?? 0;
}
