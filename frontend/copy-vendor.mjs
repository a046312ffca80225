// Copies the browser builds the pages use out of node_modules into the jar's static resources
// (argument: the target folder, e.g. ../target/classes/META-INF/resources/static/vendor).
// Workbox's modules keep their file names: workbox-sw loads them from that folder at run time.
import { copyFileSync, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';

const out = process.argv[2];
if (!out) {
  console.error('usage: node copy-vendor.mjs <target folder>');
  process.exit(2);
}
const files = {
  'workbox/workbox-sw.js': 'workbox-sw/build/workbox-sw.js',
  'idb/umd.js': 'idb/build/umd.js',
  'zxing/zxing-library.min.js': '@zxing/library/umd/index.min.js'
};
for (const m of ['core', 'routing', 'strategies', 'precaching', 'expiration', 'cacheable-response', 'recipes']) {
  files['workbox/workbox-' + m + '.prod.js'] = 'workbox-' + m + '/build/workbox-' + m + '.prod.js';
}
for (const [to, from] of Object.entries(files)) {
  const target = join(out, to);
  mkdirSync(dirname(target), { recursive: true });
  copyFileSync(join('node_modules', from), target);
}
console.log('copied ' + Object.keys(files).length + ' browser files to ' + out);
