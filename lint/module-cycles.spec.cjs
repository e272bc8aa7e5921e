'use strict';
const { moduleCycles, moduleGraph, moduleOf, describe: describeCycles } = require('./module-cycles.cjs');

const imports = (...pairs) => pairs.map(([from, to]) => ({ from, to }));

describe('moduleOf', () => {
  it('is the folder directly under src/, subfolders included', () => {
    expect(moduleOf('src/planning/seminars.service.ts')).toBe('planning');
    expect(moduleOf('src/cycles/gdpr/gdpr.service.ts')).toBe('cycles');
  });

  it('makes a file directly in src/ a node of its own, and leaves out what is outside src/', () => {
    expect(moduleOf('src/paths.ts')).toBe('paths');
    expect(moduleOf('src/app.module.ts')).toBe('app.module');
    expect(moduleOf('test/helpers/test-app.ts')).toBeNull();
    expect(moduleOf('migrations/1764000000000-foundation.ts')).toBeNull();
  });
});

describe('moduleCycles', () => {
  it('finds none in a layered graph, whatever the imports within a module', () => {
    const graph = imports(
      ['src/registrations/seat.service.ts', 'src/planning/seat-counters.ts'],
      ['src/registrations/seat.service.ts', 'src/registrations/seat-events.ts'],
      ['src/registrations/seat-events.ts', 'src/registrations/seat.service.ts'],
      ['src/messaging/seat-messenger.ts', 'src/registrations/seat-events.ts'],
      ['src/messaging/mail-renderer.ts', 'src/paths.ts'],
      ['src/main.ts', 'src/messaging/messaging.module.ts'],
    );
    expect(moduleCycles(graph)).toEqual([]);
  });

  it('finds two modules that use each other, with the imports that close the circle', () => {
    const [cycle, ...others] = moduleCycles(
      imports(
        ['src/registrations/seat-event-recorder.ts', 'src/messaging/seat-messenger.ts'],
        ['src/messaging/seat-messenger.ts', 'src/registrations/registration.entity.ts'],
        ['src/messaging/reminder-sweeper.ts', 'src/registrations/registration.entity.ts'],
      ),
    );
    expect(others).toEqual([]);
    expect(cycle.modules).toEqual(['messaging', 'registrations']);
    expect(cycle.circle).toEqual(['messaging', 'registrations', 'messaging']);
    expect(cycle.edges.map((e) => [e.from, e.to, e.imports.length])).toEqual([
      ['messaging', 'registrations', 2],
      ['registrations', 'messaging', 1],
    ]);
  });

  it('finds a circle that runs through a subfolder, which a folder-by-folder view misses', () => {
    const [cycle] = moduleCycles(imports(['src/a/x.ts', 'src/b/y.ts'], ['src/b/y.ts', 'src/a/sub/z.ts']));
    expect(cycle.circle).toEqual(['a', 'b', 'a']);
  });

  it('finds a longer circle, and a shortest one through it', () => {
    const [cycle] = moduleCycles(
      imports(
        ['src/planning/a.ts', 'src/registrations/b.ts'],
        ['src/registrations/b.ts', 'src/invitations/c.ts'],
        ['src/invitations/c.ts', 'src/planning/d.ts'],
        ['src/registrations/b.ts', 'src/messaging/e.ts'],
      ),
    );
    expect(cycle.modules).toEqual(['invitations', 'planning', 'registrations']);
    expect(cycle.circle).toEqual(['invitations', 'planning', 'registrations', 'invitations']);
  });

  it('shows the shortest circle of a tangle of modules', () => {
    const [cycle] = moduleCycles(
      imports(
        ['src/invitations/a.ts', 'src/registrations/b.ts'],
        ['src/registrations/b.ts', 'src/messaging/c.ts'],
        ['src/messaging/c.ts', 'src/registrations/d.ts'],
        ['src/messaging/c.ts', 'src/invitations/e.ts'],
      ),
    );
    expect(cycle.modules).toEqual(['invitations', 'messaging', 'registrations']);
    expect(cycle.circle).toEqual(['messaging', 'registrations', 'messaging']);
  });

  it('reports separate circles apart', () => {
    const cycles = moduleCycles(
      imports(
        ['src/a/x.ts', 'src/b/x.ts'],
        ['src/b/x.ts', 'src/a/x.ts'],
        ['src/c/x.ts', 'src/d/x.ts'],
        ['src/d/x.ts', 'src/c/x.ts'],
      ),
    );
    expect(cycles.map((c) => c.modules)).toEqual([
      ['a', 'b'],
      ['c', 'd'],
    ]);
  });

  it('treats a file directly in src/ as its own node: paths below the modules, main above them', () => {
    const graph = imports(
      ['src/messaging/mail-renderer.ts', 'src/paths.ts'],
      ['src/main.ts', 'src/app.module.ts'],
      ['src/app.module.ts', 'src/messaging/messaging.module.ts'],
    );
    expect(moduleCycles(graph)).toEqual([]);
    expect([...moduleGraph(graph).keys()].sort()).toEqual(['app.module', 'main', 'messaging', 'paths']);
  });

  it('describes a circle by its modules and imports', () => {
    const text = describeCycles(
      moduleCycles(imports(['src/a/x.ts', 'src/b/y.ts'], ['src/b/y.ts', 'src/a/z.ts'])),
    );
    expect(text).toBe(
      [
        'Module circle among a, b: a → b → a',
        '  a → b:',
        '      src/a/x.ts imports src/b/y.ts',
        '  b → a:',
        '      src/b/y.ts imports src/a/z.ts',
      ].join('\n'),
    );
  });
});
