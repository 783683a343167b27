// Jest setup: services booted by tests log at their configured level (info by
// default), one JSON line per request; printed, those lines would bury the
// test report. Only warnings and errors reach the output. A test that reads
// logs captures them itself (tools/e2e/support/log-capture.ts).
import { setLogDestination } from '../../libs/service-kit/src/observability/logging';

const SHOWN = /"level":"(warn|error|fatal)"/;

setLogDestination({
  write: (line: string) => {
    if (SHOWN.test(line)) process.stdout.write(line);
  },
});
