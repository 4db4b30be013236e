import { describe, expect, it } from 'vitest';
import { outsideReferences, repoFiles, textOf } from '../support/repo-files.js';

/** Third-party data kept as it came: people's questions and the REST API's examples, not paths we use. */
const DATA = [/^eval\/.*\.jsonl$/, /^test\/fixtures\//];

describe('the repository is self-contained', () => {
  it('no source, test, script, config or document refers to a path outside the repository', () => {
    const files = repoFiles().filter((f) => !DATA.some((d) => d.test(f)));
    expect(files).toContain('package.json');
    expect(files).toContain('test/support/arm-loopback/arm-examples.ts');
    const found = files.flatMap((f) => {
      const text = textOf(f);
      return text === undefined ? [] : outsideReferences(f, text);
    });
    expect(found).toEqual([]);
  });

  /** `n` parent steps; the cases below are built so that this file holds none of what it looks for. */
  const up = (n: number) => '../'.repeat(n);
  const abs = (...parts: string[]) => ['', ...parts].join('/');

  it.each([
    ['test/support/dev-set.ts', `new URL('${up(3)}shared/eval/dev.jsonl', import.meta.url)`, 'climbs 3'],
    ['test/x.ts', `const p = "${up(1)}shared/eval";`, 'shared'],
    ['package.json', `"eval": "tsx knowledge/eval-main.ts ${up(1)}eval/dev.jsonl"`, 'climbs 1'],
    ['.ci/run', `cp -r ${up(1)}.. /tmp/x`, 'climbs 2'],
    ['bot/x.ts', `const dir = '${abs('work', 'shared', 'eval')}';`, 'absolute'],
    ['README.md', `see ${abs('home', 'alice', 'bot')}`, 'absolute'],
  ])('finds the reference in %s: %s', (file, line, what) => {
    expect(outsideReferences(file, line).join('\n')).toContain(what);
  });

  it.each([
    ['test/support/arm-loopback/arm-examples.ts', "new URL('../../fixtures/azure-api/', import.meta.url)"],
    ['test/support/dev-set.ts', "new URL('../../eval/dev.jsonl', import.meta.url)"],
    ['adapters/slack/x.ts', "import { a } from '../../bot/model.js';"],
    ['knowledge/x.ts', "const root = new URL('..', import.meta.url);"],
    ['README.md', 'the Slack API at https://slack.com/api/ and /api/messages'],
  ])('accepts a path that stays inside: %s', (file, line) => {
    expect(outsideReferences(file, line)).toEqual([]);
  });
});
