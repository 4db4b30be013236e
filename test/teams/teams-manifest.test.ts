import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { appManifest, buildAppPackage } from '../../adapters/teams/manifest/build-app-package.js';
import { manifestProblems, pngSize } from '../../adapters/teams/manifest/validate-manifest.js';

const dir = new URL('../../adapters/teams/manifest/', import.meta.url);
const APP_ID = '3f2c1a9e-5b7d-4e8f-9a0b-1c2d3e4f5a6b';

describe('Teams app package', () => {
  it('has a manifest that the official schema accepts', () => {
    const manifest = JSON.parse(readFileSync(new URL('manifest.json', dir), 'utf8'));

    expect(manifestProblems(manifest)).toEqual([]);
  });

  it('is checked by a schema that does reject a broken manifest', () => {
    const manifest = appManifest({ appId: APP_ID });
    const broken = { ...manifest, bots: [{ botId: APP_ID, scopes: ['everyone'] }], accentColor: 'blue' };

    expect(manifestProblems(broken).length).toBeGreaterThan(0);
  });

  it('offers the bot in 1:1 chats, teams and group chats with the four commands', () => {
    const manifest = appManifest({ appId: APP_ID });
    const [bot] = manifest.bots as Array<{
      botId: string;
      scopes: string[];
      commandLists: Array<{ commands: Array<{ title: string }> }>;
    }>;

    expect(manifest.id).toBe(APP_ID);
    expect(bot?.botId).toBe(APP_ID);
    expect(bot?.scopes).toEqual(['personal', 'team', 'groupChat']);
    expect(bot?.commandLists[0]?.commands.map((c) => c.title)).toEqual([
      'help',
      'check',
      'restore',
      'talk to a human',
    ]);
  });

  it('ships a 192×192 colour icon and a 32×32 transparent outline icon', () => {
    const color = readFileSync(new URL('color.png', dir));
    const outline = readFileSync(new URL('outline.png', dir));

    expect(pngSize(color)).toEqual({ width: 192, height: 192 });
    expect(pngSize(outline)).toEqual({ width: 32, height: 32 });
    expect(outline[25]).toBe(6); // colour type 6: RGBA, so the background can be transparent
  });

  it('zips the manifest with this deployment id and both icons, ready to upload', () => {
    const files = unzipSync(buildAppPackage({ appId: APP_ID, version: '1.2.0' }));

    expect(Object.keys(files).sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    const manifest = JSON.parse(new TextDecoder().decode(files['manifest.json']));
    expect(manifest).toMatchObject({ id: APP_ID, version: '1.2.0' });
    expect(manifestProblems(manifest)).toEqual([]);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildAppPackage({ appId: 'my-bot' })).toThrow('MicrosoftAppId is not a GUID');
  });
});
