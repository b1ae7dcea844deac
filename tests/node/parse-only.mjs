// Parses every file named in a list file (one path a line) with the remark
// reference parser and throws the trees away: the cost of parsing alone,
// for the benchmark harness (tests/bench/bench.py).
//
// usage: node parse-only.mjs LIST_FILE
import fs from 'node:fs';
import { parse } from './reference.mjs';

const list = process.argv[2];
if (!list) {
  console.error('usage: node parse-only.mjs LIST_FILE');
  process.exit(2);
}
let nodes = 0;
for (const file of fs.readFileSync(list, 'utf8').split('\n')) {
  if (file) nodes += parse(fs.readFileSync(file, 'utf8')).children.length;
}
console.log(`${nodes} top-level nodes`);
