import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

/** The README's front door: two commands that each set up everything, and CI runs the test one exactly. */

const root = fileURLToPath(new URL('../../', import.meta.url));
const read = (file: string) => readFileSync(`${root}${file}`, 'utf8');

function twoCommands(): string[] {
  const readme = read('README.md');
  const section = readme.slice(readme.indexOf('## Two commands'));
  const block = /```sh\n([\s\S]*?)```/.exec(section)?.[1] ?? '';
  return block
    .split('\n')
    .map((line) => line.replace(/#.*$/, '').trim())
    .filter(Boolean);
}

describe("the README's two commands", () => {
  it('each installs first, one runs the bot and one the tests', () => {
    const commands = twoCommands();
    expect(commands).toHaveLength(2);
    for (const command of commands) expect(command).toMatch(/^npm ci && /);
    expect(commands.some((c) => /npm run chat$/.test(c))).toBe(true);
    expect(commands.some((c) => /npm test$/.test(c))).toBe(true);
  });

  it('.ci/run runs exactly the test command on the machine’s Node', () => {
    const test = twoCommands().find((c) => /npm test$/.test(c));
    const machineLine = /^run_line "machine" "" "(.*)"$/m.exec(read('.ci/run'))?.[1];
    expect(machineLine).toBe(test);
  });
});
