/**
 * Preloaded into the one-process API by bench/api.bench.ts when BENCH_CPU_PROF=<folder> is set:
 * SIGUSR2 starts a V8 CPU profile, the next SIGUSR2 writes it to <folder>/<n>.cpuprofile. The
 * bench profiles the API's own rounds of each endpoint that way, without its set-up; open a
 * profile in Chrome's DevTools (Performance) or any .cpuprofile viewer.
 */
import { writeFileSync } from 'node:fs';
import { Session } from 'node:inspector';
import path from 'node:path';

const folder = process.env.BENCH_CPU_PROF_DIR;
if (folder) {
  const session = new Session();
  session.connect();
  let running = false;
  let written = 0;
  process.on('SIGUSR2', () => {
    if (!running) {
      running = true;
      session.post('Profiler.enable', () => session.post('Profiler.start'));
      return;
    }
    running = false;
    session.post('Profiler.stop', (error, result) => {
      if (!error) writeFileSync(path.join(folder, `${++written}.cpuprofile`), JSON.stringify(result.profile));
    });
  });
}
