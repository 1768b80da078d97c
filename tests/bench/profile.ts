// A CPU profile (.cpuprofile, as node:inspector writes it) summarised for the benchmark's output:
// where the busy time went, by package (or by our own file) and by function, self time as a share of
// the busy (non-idle) time.
import fs from 'node:fs';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

interface Profile {
  nodes: ProfileNode[];
  samples: number[];
  timeDeltas: number[];
}

/** node_modules/<package>, src/<file>, node:<module>, or (native) for V8's own frames. */
function where(url: string): string {
  if (!url) return '(native)';
  const pkg = url.match(/node_modules\/((@[^/]+\/)?[^/]+)/);
  if (pkg) return pkg[1]!;
  if (url.includes('/src/')) return 'src/' + url.split('/src/')[1];
  if (url.includes('/tests/')) return 'tests/' + url.split('/tests/')[1];
  return url;
}

export function summariseProfile(file: string, rows = 15): string {
  const profile = JSON.parse(fs.readFileSync(file, 'utf8')) as Profile;
  const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
  const self = new Map<number, number>();
  profile.samples.forEach((id, i) => self.set(id, (self.get(id) ?? 0) + (profile.timeDeltas[i] ?? 0)));
  const byPlace = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let busy = 0;
  let idle = 0;
  for (const [id, micros] of self) {
    const frame = nodes.get(id)!.callFrame;
    if (frame.functionName === '(idle)') {
      idle += micros;
      continue;
    }
    busy += micros;
    const place = where(frame.url);
    byPlace.set(place, (byPlace.get(place) ?? 0) + micros);
    const name = `${frame.functionName || '(anonymous)'} ${place}${frame.url ? `:${frame.lineNumber + 1}` : ''}`;
    byFunction.set(name, (byFunction.get(name) ?? 0) + micros);
  }
  const table = (title: string, map: Map<string, number>) =>
    [`| ${title} | share of busy time |`, '|---|---|']
      .concat(
        [...map]
          .sort((a, b) => b[1] - a[1])
          .slice(0, rows)
          .map(([name, micros]) => `| ${name} | ${((100 * micros) / busy).toFixed(1)} % |`),
      )
      .join('\n');
  return [`busy ${(busy / 1000).toFixed(0)} ms, idle ${(idle / 1000).toFixed(0)} ms`, table('where (self time)', byPlace), table('function (self time)', byFunction)].join('\n\n');
}
