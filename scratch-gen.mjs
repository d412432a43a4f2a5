import { messyWorkbook, messyCsv } from './dist/bench/fixtures.js';
let t = performance.now();
await messyCsv(1_000_000); console.log('csv', ((performance.now() - t) / 1000).toFixed(1), 's');
t = performance.now();
await messyWorkbook(1_000_000); console.log('xlsx', ((performance.now() - t) / 1000).toFixed(1), 's', process.resourceUsage().maxRSS / 1024, 'MB');
