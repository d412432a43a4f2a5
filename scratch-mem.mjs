import { main } from './dist/src/cli.js';
let max = 0, at = 0; const t0 = performance.now(); const samples = [];
const timer = setInterval(() => { const m = process.memoryUsage(); samples.push([Math.round(performance.now() - t0), Math.round(m.rss / 1e6), Math.round(m.heapTotal / 1e6), Math.round(m.external / 1e6)]); if (m.rss > max) { max = m.rss; at = performance.now() - t0; } }, 10);
await main(['-q', 'ingest', 'bench-data/messy-1000000.xlsx', '-o', '/dev/null']);
clearInterval(timer);
console.log('max rss', Math.round(max / 1e6), 'at', Math.round(at), 'ms of', Math.round(performance.now() - t0), 'maxRSS', Math.round(process.resourceUsage().maxRSS / 1024));
console.log(samples.filter((_, i) => i % 40 === 0).map((s) => s.join('/')).join(' '));
