import { openXlsx } from './dist/src/io/xlsx/workbook.js';
let t = performance.now();
const book = await openXlsx('bench-data/messy-1000000.xlsx');
console.log('open (shared strings, styles):', Math.round(performance.now() - t), 'ms', 'sheets', book.sheets.length);
t = performance.now();
let rows = 0, cells = 0;
for (const sheet of book.sheets) for await (const batch of book.rows(sheet)) { rows += batch.length; for (const r of batch) cells += r.cells.length; }
console.log('rows:', Math.round(performance.now() - t), 'ms', rows, 'rows', cells, 'cells');
console.log('maxRSS', process.resourceUsage().maxRSS / 1024);
