'use strict';
/**
 * Loaded into the gateway with `node --require` when BENCH_CPU_PROF=1. It profiles the process
 * with the in-process inspector and, on each SIGUSR2 from the bench, writes the profile taken
 * since the previous mark to $BENCH_PROFILE_DIR/<n>.cpuprofile and starts a new one. So each
 * measured phase gets a profile of its own (and the gateway's SIGTERM handling is untouched).
 */
const inspector = require('node:inspector');
const { renameSync, writeFileSync } = require('node:fs');
const { join } = require('node:path');

const dir = process.env.BENCH_PROFILE_DIR;
if (dir) {
  const session = new inspector.Session();
  session.connect();
  const start = () => {
    session.post('Profiler.enable');
    session.post('Profiler.setSamplingInterval', { interval: 500 });
    session.post('Profiler.start');
  };
  let marks = 0;
  start();
  process.on('SIGUSR2', () => {
    marks += 1;
    const file = join(dir, `${marks}.cpuprofile`);
    // Session.post is synchronous within the process: the callback runs before post returns.
    session.post('Profiler.stop', (error, result) => {
      // Written aside, then renamed: the bench waits for the file to exist.
      writeFileSync(`${file}.tmp`, error ? JSON.stringify({ error: String(error) }) : JSON.stringify(result.profile));
      renameSync(`${file}.tmp`, file);
    });
    start();
  });
}
