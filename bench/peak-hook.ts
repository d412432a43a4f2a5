/**
 * Preloaded (`node --import`) into every node process the bench runs as an
 * external command (povroll's CLI, the DuckDB peers): at exit, the process
 * appends "LABEL PEAK_KB" to the file POVROLL_BENCH_PEAK_FILE names (the
 * label from POVROLL_BENCH_PEAK_LABEL, else the process id). VmHWM is
 * the process's own high-water mark, read when nothing more can be
 * allocated; maxRSS would carry over the spawning process's peak (see
 * peakResidentMb in bench.ts).
 */
import { appendFileSync, readFileSync } from 'node:fs';

const file = process.env['POVROLL_BENCH_PEAK_FILE'];
if (file) {
  process.on('exit', () => {
    let kb = process.resourceUsage().maxRSS;
    try {
      const hwm = /^VmHWM:\s+(\d+) kB$/m.exec(readFileSync('/proc/self/status', 'utf8'));
      if (hwm) kb = Number(hwm[1]);
    } catch {
      // Not Linux: maxRSS is the best there is.
    }
    appendFileSync(file, `${process.env['POVROLL_BENCH_PEAK_LABEL'] ?? process.pid} ${kb}\n`);
  });
}
