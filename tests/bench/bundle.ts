// The Worker bundle: its size as Cloudflare would receive it, what each dependency puts in it, and
// the CPU its start-up takes. Offline; runnable alone: `npx tsx tests/bench/bundle.ts [root]`
// (root: another checkout of Baton, e.g. an older commit extracted with `git archive`, to compare).
//
// - Size: `wrangler deploy --dry-run --outdir … --metafile …` prints "Total Upload: X KiB / gzip:
//   Y KiB", the numbers Cloudflare's limits apply to (developers.cloudflare.com/workers/platform/
//   limits/#worker-size: the compressed size counts).
// - By dependency: esbuild's metafile from that same build, `bytesInOutput` of every input
//   summed per npm package (unminified bytes, as wrangler uploads them without `--minify`).
// - Start-up CPU: `wrangler check startup` runs the built Worker in local workerd under the V8
//   profiler and prints the active (non-idle) CPU time of the start-up phase — module evaluation
//   and top-level code, what Cloudflare's 1 s start-up limit measures. This machine is shared and
//   noisy, so the median of STARTUP_SAMPLES runs is reported.
import { spawn } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';

export interface BundleBench {
  gzipKiB: number;
  rawKiB: number;
  startupCpuMs: number;
  /** KiB (unminified) each npm package puts in the bundle; Baton's own code as "src". */
  byDependency: Record<string, number>;
}

const STARTUP_SAMPLES = 5;
const ROOT = resolve(import.meta.dirname, '..', '..');

export async function benchBundle(root = ROOT): Promise<BundleBench> {
  const out = mkdtempSync(join(tmpdir(), 'baton-bundle-'));
  const wrangler = join(root, 'node_modules', '.bin', 'wrangler');
  try {
    const deploy = await run(wrangler, ['deploy', '--dry-run', '--outdir', out, '--metafile', join(out, 'meta.json')], root);
    const size = /Total Upload:\s*([\d.]+) KiB \/ gzip:\s*([\d.]+) KiB/.exec(deploy);
    if (!size) throw new Error(`wrangler deploy --dry-run printed no Total Upload line:\n${deploy}`);
    const samples: number[] = [];
    for (let i = 0; i < STARTUP_SAMPLES; i++) {
      const check = await run(wrangler, ['check', 'startup', '--outfile', join(out, `startup-${i}.cpuprofile`)], root);
      const active = /Active:\s*([\d.]+) ms/.exec(check);
      if (!active) throw new Error(`wrangler check startup printed no Active line:\n${check}`);
      samples.push(Number(active[1]));
    }
    samples.sort((a, b) => a - b);
    return {
      rawKiB: Number(size[1]),
      gzipKiB: Number(size[2]),
      startupCpuMs: samples[Math.floor(samples.length / 2)]!,
      byDependency: byDependency(JSON.parse(readFileSync(join(out, 'meta.json'), 'utf8')) as Metafile),
    };
  } finally {
    rmSync(out, { recursive: true, force: true });
  }
}

interface Metafile {
  outputs: Record<string, { inputs: Record<string, { bytesInOutput: number }> }>;
}

function byDependency(meta: Metafile): Record<string, number> {
  const [, output] = Object.entries(meta.outputs).find(([name]) => name.endsWith('.js')) ?? [];
  if (!output) throw new Error('The metafile has no .js output');
  const bytes = new Map<string, number>();
  for (const [path, input] of Object.entries(output.inputs)) {
    const pkg = /node_modules\/((?:@[^/]+\/)?[^/]+)/.exec(path)?.[1] ?? (path.startsWith('src/') ? 'src' : 'other');
    bytes.set(pkg, (bytes.get(pkg) ?? 0) + input.bytesInOutput);
  }
  return Object.fromEntries([...bytes].sort((a, b) => b[1] - a[1]).map(([k, v]) => [k, Math.round((v / 1024) * 10) / 10]));
}

function run(command: string, args: string[], cwd: string): Promise<string> {
  return new Promise((resolvePromise, reject) => {
    // Offline: no update check or Request.cf fetch (Wrangler's system environment variables).
    const child = spawn(command, args, { cwd, env: { ...process.env, CI: '1', WRANGLER_SEND_METRICS: 'false', CLOUDFLARE_CF_FETCH_ENABLED: 'false' } });
    let text = '';
    child.stdout.on('data', (d: Buffer) => (text += d.toString()));
    child.stderr.on('data', (d: Buffer) => (text += d.toString()));
    child.once('exit', (code) => (code === 0 ? resolvePromise(text) : reject(new Error(`${command} ${args.join(' ')} exited with ${code}:\n${text}`))));
  });
}

export function printBundle(result: BundleBench): void {
  console.log(`\nWorker bundle: ${result.rawKiB} KiB, ${result.gzipKiB} KiB gzip; start-up CPU ${result.startupCpuMs} ms (median of ${STARTUP_SAMPLES}, wrangler check startup)`);
  for (const [pkg, kib] of Object.entries(result.byDependency).slice(0, 12)) console.log(`  ${pkg.padEnd(28)} ${kib.toFixed(1).padStart(7)} KiB`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  const result = await benchBundle(process.argv[2] ? resolve(process.argv[2]) : ROOT);
  printBundle(result);
  console.log(JSON.stringify(result));
}
