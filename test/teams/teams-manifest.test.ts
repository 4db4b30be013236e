import { readFileSync } from 'node:fs';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import {
  appManifest,
  buildAppPackage,
  developerFromEnv,
} from '../../adapters/teams/manifest/build-app-package.js';
import { manifestProblems, pngSize } from '../../adapters/teams/manifest/validate-manifest.js';
import { ASK_COMMAND, TICKET_COMMAND } from '../../adapters/teams/message-action.js';

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

  it("names this deployment's publisher and pages, read from the TEAMS_* variables", () => {
    const developer = developerFromEnv({
      TEAMS_DEVELOPER_NAME: 'Contoso DBA team',
      TEAMS_WEBSITE_URL: 'https://dba.contoso.example/georestore',
      TEAMS_PRIVACY_URL: 'https://dba.contoso.example/privacy',
      TEAMS_TERMS_URL: 'https://dba.contoso.example/terms',
    });
    const manifest = appManifest({ appId: APP_ID, developer });

    expect(manifest.developer).toEqual({
      name: 'Contoso DBA team',
      websiteUrl: 'https://dba.contoso.example/georestore',
      privacyUrl: 'https://dba.contoso.example/privacy',
      termsOfUseUrl: 'https://dba.contoso.example/terms',
    });
    expect(manifestProblems(manifest)).toEqual([]);
    // Unset variables keep the project's own pages.
    expect(appManifest({ appId: APP_ID, developer: developerFromEnv({}) }).developer).toMatchObject({
      privacyUrl: expect.stringMatching(/PRIVACY\.md$/),
    });
  });

  it('refuses developer pages that are not https and a name longer than Teams allows', () => {
    expect(() => developerFromEnv({ TEAMS_PRIVACY_URL: 'http://dba.contoso.example/privacy' })).toThrow(
      'TEAMS_PRIVACY_URL is not an https URL',
    );
    expect(() => developerFromEnv({ TEAMS_DEVELOPER_NAME: 'x'.repeat(33) })).toThrow('TEAMS_DEVELOPER_NAME');
  });

  it('asks for the RSC permission to read channel messages only when told to, in a form the schema accepts', () => {
    const plain = appManifest({ appId: APP_ID });
    expect(plain).not.toHaveProperty('authorization');
    expect(plain).not.toHaveProperty('webApplicationInfo');

    const rsc = appManifest({ appId: APP_ID, receiveChannelMessages: true });
    expect(rsc.authorization).toEqual({
      permissions: { resourceSpecific: [{ name: 'ChannelMessage.Read.Group', type: 'Application' }] },
    });
    expect(rsc.webApplicationInfo).toMatchObject({ id: APP_ID, resource: expect.any(String) });
    expect(manifestProblems(rsc)).toEqual([]);
  });

  it('declares the two message actions of the messaging extension, served by the bot, as the schema accepts', () => {
    const manifest = appManifest({ appId: APP_ID });
    const [extension] = manifest.composeExtensions as Array<{
      botId: string;
      commands: Array<{ id: string; type: string; context: string[]; fetchTask: boolean; title: string }>;
    }>;

    expect(extension?.botId).toBe(APP_ID);
    expect(extension?.commands.map((c) => [c.id, c.type, c.context, c.fetchTask])).toEqual([
      [ASK_COMMAND, 'action', ['message'], true],
      [TICKET_COMMAND, 'action', ['message'], true],
    ]);
    expect(extension?.commands.map((c) => c.title)).toEqual(['Ask GeoRestore', 'Open a support ticket']);
    expect(manifestProblems(manifest)).toEqual([]);
    // The schema does check this part: a message action without its context is refused.
    const broken = {
      ...manifest,
      composeExtensions: [{ ...extension, commands: [{ id: 'x', type: 'act', context: ['anywhere'] }] }],
    };
    expect(manifestProblems(broken).length).toBeGreaterThan(0);
  });

  it('refuses an app id that is not a GUID', () => {
    expect(() => buildAppPackage({ appId: 'my-bot' })).toThrow('MicrosoftAppId is not a GUID');
  });
});
