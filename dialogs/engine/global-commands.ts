import { foldText } from '../../knowledge/clean-text.js';

export type GlobalCommand = 'help' | 'cancel' | 'start-over';

const commands: Array<[RegExp, GlobalCommand]> = [
  [/^(help|\?|menu|commands|what can you do|what do you do|how does this work)$/, 'help'],
  [/^(cancel|stop|quit|abort|exit|never ?mind|forget it)$/, 'cancel'],
  [/^(start over|start again|restart|reset|begin again)$/, 'start-over'],
];

/** A whole message that is one of the commands that work from any state. */
export function globalCommand(text: string): GlobalCommand | undefined {
  const folded = foldText(text)
    .replace(/^[\s/!.]*(bot[\s,:]+)?/, '')
    .replace(/[\s.!?]*$/, (m) => (m.includes('?') && text.trim() === '?' ? '?' : ''))
    .trim();
  return commands.find(([pattern]) => pattern.test(folded))?.[1];
}
