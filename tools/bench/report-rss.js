// Preloaded into a benchmarked child process: on exit, writes its peak resident
// set size (kB) and CPU time to the file named by MOSAIC_BENCH_RSS_FILE.
const fs = require('node:fs');

const target = process.env.MOSAIC_BENCH_RSS_FILE;
if (target) {
  process.on('exit', () => {
    const usage = process.resourceUsage();
    fs.writeFileSync(
      target,
      JSON.stringify({
        maxRssKb: usage.maxRSS,
        userMs: usage.userCPUTime / 1000,
        systemMs: usage.systemCPUTime / 1000,
      }),
    );
  });
}
