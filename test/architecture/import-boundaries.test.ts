import { readdirSync, readFileSync } from 'node:fs';
import { dirname, join, normalize, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/**
 * The rooms of docs/architecture.md, held by a scan of every import in the four source folders:
 * who may import whom. A crossing is reported as `importer -> imported: rule`.
 */

const root = fileURLToPath(new URL('../../', import.meta.url));
const sourceRooms = ['bot', 'dialogs', 'knowledge', 'adapters', 'insights'];
const features = ['faq', 'eligibility', 'restore', 'handoff', 'home'];
/** The bot/ files that build everything: the composition root, which no room below it imports. */
const compositionRoot = [
  'bot/main.ts',
  'bot/start-bot.ts',
  'bot/build-core.ts',
  'bot/create-handoff.ts',
  'bot/live-azure.ts',
  'bot/open-store.ts',
  'bot/load-config.ts',
  'bot/channel-messenger.ts',
  'bot/housekeeping.ts',
];
const vendor = /^(botbuilder|botframework-|@slack\/|@azure\/|classic-level)/;

function sources(dir: string): string[] {
  return readdirSync(join(root, dir), { withFileTypes: true }).flatMap((e) => {
    const path = `${dir}/${e.name}`;
    if (e.isDirectory()) return sources(path);
    return e.name.endsWith('.ts') && !e.name.endsWith('.d.ts') ? [path] : [];
  });
}

type Import = { from: string; to: string };

function importsOf(file: string): Import[] {
  const text = readFileSync(join(root, file), 'utf8');
  const specs = [...text.matchAll(/(?:from|import)\s*\(?\s*'([^']+)'/g)].map((m) => m[1] ?? '');
  return specs.map((spec) => ({
    from: file,
    to: spec.startsWith('.')
      ? normalize(relative(root, join(root, dirname(file), spec.replace(/\.js$/, '.ts')))).replace(/\\/g, '/')
      : spec,
  }));
}

const all = sourceRooms.flatMap(sources).flatMap(importsOf);
const featureOf = (path: string) => /^dialogs\/([^/]+)\//.exec(path)?.[1];
const isEntryPoint = (file: string) => file.endsWith('-main.ts') || file === 'bot/main.ts';

/** Every rule: a name, and a test of one import that says whether it crosses a wall. */
const rules: Array<[string, (i: Import) => boolean]> = [
  ['only adapters/ import a vendor SDK', (i) => vendor.test(i.to) && !i.from.startsWith('adapters/')],
  [
    'dialogs/ and knowledge/ never import an adapter',
    (i) => /^(dialogs|knowledge)\//.test(i.from) && i.to.startsWith('adapters/'),
  ],
  ['knowledge/ imports no dialog', (i) => i.from.startsWith('knowledge/') && i.to.startsWith('dialogs/')],
  [
    'dialogs/, knowledge/ and adapters/ never import insights/ (they record through the ports; entry points may)',
    (i) =>
      /^(dialogs|knowledge|adapters)\//.test(i.from) && i.to.startsWith('insights/') && !isEntryPoint(i.from),
  ],
  [
    'insights/ imports no adapter and no dialog feature, only dialogs/common (entry points aside)',
    (i) =>
      i.from.startsWith('insights/') &&
      !isEntryPoint(i.from) &&
      (i.to.startsWith('adapters/') || (i.to.startsWith('dialogs/') && !i.to.startsWith('dialogs/common/'))),
  ],
  [
    'only the composition root and entry points import it',
    (i) => compositionRoot.includes(i.to) && !compositionRoot.includes(i.from) && !isEntryPoint(i.from),
  ],
  [
    'dialogs/ import no HTTP server or logger implementation',
    (i) => i.from.startsWith('dialogs/') && /^bot\/(http|logging)\//.test(i.to),
  ],
  [
    'engine/ and common/ import no feature',
    (i) => /^dialogs\/(engine|common)\//.test(i.from) && features.includes(featureOf(i.to) ?? ''),
  ],
  [
    'a feature is imported from outside only through its index.ts',
    (i) => {
      const target = featureOf(i.to);
      if (!target || !features.includes(target)) return false;
      if (featureOf(i.from) === target) return false;
      return i.to !== `dialogs/${target}/index.ts`;
    },
  ],
  [
    'no file of dialogs/ lies outside a folder',
    (i) => /^dialogs\/[^/]+\.ts$/.test(i.from) || /^dialogs\/[^/]+\.ts$/.test(i.to),
  ],
  ['adapters do not import each other (entry points may)', (i) => crossAdapter(i) && !isEntryPoint(i.from)],
];

function crossAdapter(i: Import): boolean {
  const a = /^adapters\/([^/]+)\//.exec(i.from)?.[1];
  const b = /^adapters\/([^/]+)\//.exec(i.to)?.[1];
  return a !== undefined && b !== undefined && a !== b;
}

describe('import boundaries', () => {
  it('scans every source folder', () => {
    for (const room of sourceRooms) expect(all.some((i) => i.from.startsWith(`${room}/`))).toBe(true);
    expect(readdirSync(join(root, 'dialogs')).filter((f) => f.endsWith('.ts'))).toEqual([]);
  });

  it.each(rules)('%s', (_name, crosses) => {
    expect(all.filter(crosses).map((i) => `${i.from} -> ${i.to}`)).toEqual([]);
  });

  it('no source or test file is over 300 lines', () => {
    const long = [...sourceRooms, 'test'].flatMap(sources).filter((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      return text.split('\n').length - (text.endsWith('\n') ? 1 : 0) > 300;
    });
    expect(long).toEqual([]);
  });
});
