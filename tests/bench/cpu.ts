// CPU time of the processes `wrangler dev` runs, read from Linux's /proc, for the bench's "CPU per
// run". Where the numbers come from:
//   - /proc/<pid>/stat fields 14 and 15 (utime, stime: proc(5)), the user and system time of every
//     thread of the process, live and exited, in clock ticks; `getconf CLK_TCK` ticks a second (100
//     here: a 10 ms resolution per process per sample).
//   - The processes are the `wrangler dev` the bench spawned and all its descendants (found through
//     field 4, the parent pid). The stand-ins run inside the bench's own node process, which is
//     never counted, nor are its other children (tsx's esbuild); other stacks on the machine (a
//     soak in another worktree) are not the bench's descendants.
//   - workerd processes are the Worker's runtime, split by role: the one listening on the stack's
//     worker port is wrangler dev's proxy (every request from outside passes through it); the
//     others run the Worker itself with its Workflows engine, Durable Objects and D1 (SQLite).
//   - wrangler's own node processes (and the esbuild service they keep) are reported apart: that
//     is the dev tool, not the Worker, and production has no counterpart.
// Local mode on a shared machine: an upper bound on what the same work costs in production, where
// the engine, D1 and the proxy are not in the Worker's CPU time.
import { execFileSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';

/** CPU time in ms, by process role. `workerd` is the sum of `runtime` and `devProxy`. */
export interface CpuMs {
  workerd: number;
  runtime: number;
  devProxy: number;
  /** wrangler dev's own node processes and esbuild: the dev tool, not the Worker. */
  wrangler: number;
}

export interface ProcStat {
  pid: number;
  ppid: number;
  comm: string;
  ticks: number;
}

/** A /proc/<pid>/stat line: the name (field 2) is in parentheses and may itself hold spaces and ')'. */
export function parseProcStat(line: string): ProcStat {
  const close = line.lastIndexOf(')');
  const fields = line.slice(close + 2).split(' '); // from field 3 (state) on
  return { pid: Number(line.slice(0, line.indexOf(' '))), ppid: Number(fields[1]), comm: line.slice(line.indexOf('(') + 1, close), ticks: Number(fields[11]) + Number(fields[12]) };
}

/** The process's stat, or undefined if it is gone. */
function readStat(pid: number): ProcStat | undefined {
  try {
    return parseProcStat(readFileSync(`/proc/${pid}/stat`, 'utf8'));
  } catch {
    return undefined;
  }
}

function allProcesses(): ProcStat[] {
  return readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .map((name) => readStat(Number(name)))
    .filter((p): p is ProcStat => p !== undefined);
}

function commandLine(pid: number): string[] {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return [];
  }
}

/** `wrangler dev` children of `root` and all their descendants (not root's other children, e.g. tsx's esbuild). */
function wranglerDevTree(root: number): ProcStat[] {
  const all = allProcesses();
  const tree = new Set(all.filter((p) => p.ppid === root && isWranglerDev(commandLine(p.pid))).map((p) => p.pid));
  for (let grew = true; grew; ) {
    grew = false;
    for (const p of all) {
      if (!tree.has(p.pid) && tree.has(p.ppid)) {
        tree.add(p.pid);
        grew = true;
      }
    }
  }
  return all.filter((p) => tree.has(p.pid));
}

const isWranglerDev = (args: readonly string[]) => args.some((a) => /(^|\/)wrangler(-dist\/cli\.js)?$/.test(a)) && args.includes('dev');

/** The port a workerd process serves its `entry` socket on (`--socket-addr=entry=127.0.0.1:8787`). */
function entryPort(pid: number): number | undefined {
  const entry = commandLine(pid).find((a) => a.startsWith('--socket-addr=entry='));
  return entry ? Number(entry.slice(entry.lastIndexOf(':') + 1)) : undefined;
}

export interface CpuMeter {
  /** CPU used so far by the stack's processes, by role. */
  read(): CpuMs;
  /** The measure's resolution: one clock tick, in ms. */
  tickMs: number;
}

/** A meter over the processes `root` (default: this one) has spawned; `workerPort` tells the dev proxy apart. */
export function cpuMeter(options: { workerPort: number; root?: number }): CpuMeter {
  const root = options.root ?? process.pid;
  const ticksPerSecond = Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim());
  if (!Number.isFinite(ticksPerSecond) || ticksPerSecond <= 0) throw new Error('getconf CLK_TCK did not print a number of clock ticks per second');
  const tickMs = 1000 / ticksPerSecond;
  const roles = new Map<number, keyof CpuMs>();
  return {
    tickMs,
    read() {
      const ms: CpuMs = { workerd: 0, runtime: 0, devProxy: 0, wrangler: 0 };
      for (const p of wranglerDevTree(root)) {
        let role = roles.get(p.pid);
        if (!role) {
          role = p.comm === 'workerd' ? (entryPort(p.pid) === options.workerPort ? 'devProxy' : 'runtime') : 'wrangler';
          roles.set(p.pid, role);
        }
        ms[role] += p.ticks * tickMs;
        if (role !== 'wrangler') ms.workerd += p.ticks * tickMs;
      }
      return ms;
    },
  };
}

/** What was used between two readings (later − earlier), by role, less any further amounts in `more`. */
export function cpuBetween(later: CpuMs, earlier: CpuMs, ...more: CpuMs[]): CpuMs {
  const out = { ...later };
  for (const less of [earlier, ...more]) for (const k of Object.keys(out) as (keyof CpuMs)[]) out[k] -= less[k];
  return out;
}
