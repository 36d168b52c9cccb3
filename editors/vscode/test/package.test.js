// package.json: the manifest VS Code reads, and that it declares everything extension.js reads and registers.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const path = require('path');
const { spawnSync } = require('child_process');

const root = path.join(__dirname, '..');
const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
const source = fs.readFileSync(path.join(root, 'extension.js'), 'utf8');
const properties = manifest.contributes.configuration.properties;
const declaredCommands = manifest.contributes.commands.map((command) => command.command);

test('manifest has the fields vsce and the marketplace require', () => {
  for (const field of ['name', 'displayName', 'description', 'publisher', 'version']) {
    assert.equal(typeof manifest[field], 'string', field);
    assert.ok(manifest[field].length > 0, field);
  }
  assert.match(manifest.name, /^[a-z0-9][a-z0-9-]*$/);
  assert.match(manifest.version, /^\d+\.\d+\.\d+$/);
  assert.equal(manifest.engines.vscode, '^1.82.0');
  assert.equal(manifest.main, './extension.js');
  assert.ok(fs.existsSync(path.join(root, manifest.main)));
});

test('activates where notes live or on Markdown, and does not redefine the built-in language', () => {
  assert.deepEqual(manifest.activationEvents, ['workspaceContains:**/.notes-lsp.json', 'onLanguage:markdown']);
  assert.equal(manifest.contributes.languages, undefined);
});

test('licence: Apache-2.0 in the manifest, the full text in LICENSE, shipped in the .vsix', () => {
  assert.equal(manifest.license, 'Apache-2.0');
  const licence = fs.readFileSync(path.join(root, 'LICENSE'), 'utf8');
  assert.match(licence, /^\s*Apache License\s+Version 2\.0, January 2004/);
  assert.match(licence, /END OF TERMS AND CONDITIONS/);
  assert.match(licence, /APPENDIX: How to apply the Apache License to your work\./);
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(!ignore.some((line) => /LICENSE|README/.test(line)), '.vscodeignore keeps LICENSE and README');
});

test('the repository URL is the one placeholder used everywhere', () => {
  assert.equal(manifest.repository.url, 'https://github.com/OWNER/notes-lsp');
});

// MARK: - README.md matches package.json

const readme = fs.readFileSync(path.join(root, 'README.md'), 'utf8');

/** The rows of the README's settings table: setting, default (parsed JSON), sent to the server. */
function readmeSettings() {
  const rows = [];
  for (const line of readme.split('\n')) {
    const match = line.match(/^\| `(notesLsp\.[^`]+)` \| `([^`]*)` \| (yes|no) \|/);
    if (match) rows.push({ key: match[1], default: JSON.parse(match[2]), sent: match[3] === 'yes' });
  }
  return rows;
}

test('the README lists exactly the settings package.json declares, in its order, with their defaults', () => {
  const rows = readmeSettings();
  assert.deepEqual(
    rows.map((row) => row.key),
    Object.keys(properties),
  );
  for (const row of rows) assert.deepEqual(row.default, properties[row.key].default, `${row.key} default`);
});

test("the settings the README marks as sent to the server are exactly the ones extension.js sends", () => {
  const listed = source.match(/const SERVER_SETTINGS = \[([^\]]*)\]/)[1];
  const sent = [...listed.matchAll(/'([^']+)'/g)].map((match) => `notesLsp.${match[1]}`);
  assert.deepEqual(
    readmeSettings()
      .filter((row) => row.sent)
      .map((row) => row.key),
    sent,
  );
});

test('the README lists exactly the commands package.json declares, with their titles', () => {
  const listed = [...readme.matchAll(/^- \*\*([^*]+)\*\* \(`(notesLsp\.[^`]+)`\)/gm)].map((match) => ({
    title: match[1],
    command: match[2],
  }));
  assert.deepEqual(
    listed,
    manifest.contributes.commands.map((command) => ({
      title: `${command.category}: ${command.title}`,
      command: command.command,
    })),
  );
});

test('the README names each activation event', () => {
  for (const event of manifest.activationEvents) assert.ok(readme.includes(`\`${event}\``), event);
});

test('depends on vscode-languageclient 9 without vendoring it', () => {
  assert.equal(manifest.dependencies['vscode-languageclient'], '^9.0.1');
  assert.equal(manifest.bundleDependencies, undefined);
  assert.equal(manifest.bundledDependencies, undefined);
  const gitignore = fs.readFileSync(path.join(root, '..', '..', '.gitignore'), 'utf8').split('\n');
  assert.ok(gitignore.includes('node_modules/'), 'node_modules is git-ignored');
  const ignore = fs.readFileSync(path.join(root, '.vscodeignore'), 'utf8').split('\n');
  assert.ok(ignore.includes('test/**'), '.vscodeignore leaves the tests out of the .vsix');
});

test('declares the server path, args and trace settings', () => {
  assert.equal(properties['notesLsp.server.path'].type, 'string');
  assert.equal(properties['notesLsp.server.path'].default, '');
  assert.equal(properties['notesLsp.server.args'].type, 'array');
  assert.deepEqual(properties['notesLsp.server.args'].default, []);
  assert.deepEqual(properties['notesLsp.trace.server'].enum, ['off', 'messages', 'verbose']);
  assert.equal(properties['notesLsp.trace.server'].default, 'off');
});

test('declares the server settings that are passed through', () => {
  assert.equal(properties['notesLsp.rules'].type, 'object');
  assert.deepEqual(properties['notesLsp.rules'].additionalProperties.enum, [
    'error',
    'warning',
    'information',
    'hint',
    'off',
  ]);
  assert.equal(properties['notesLsp.inlayHints'].type, 'boolean');
  assert.equal(properties['notesLsp.inlayHints'].default, false);
  assert.equal(properties['notesLsp.staleAfterMeetings'].type, 'integer');
  assert.equal(properties['notesLsp.rosters'].type, 'array');
  assert.equal(properties['notesLsp.registries'].type, 'object');
});

test('every setting has a description and a default', () => {
  for (const [key, property] of Object.entries(properties)) {
    assert.match(key, /^notesLsp\./, key);
    assert.ok(property.description || property.markdownDescription, `${key} has a description`);
    assert.ok('default' in property, `${key} has a default`);
  }
});

test('path and args are restricted in untrusted workspaces', () => {
  const untrusted = manifest.capabilities.untrustedWorkspaces;
  assert.equal(untrusted.supported, 'limited');
  assert.ok(untrusted.description.length > 0);
  assert.deepEqual([...untrusted.restrictedConfigurations].sort(), ['notesLsp.server.args', 'notesLsp.server.path']);
  for (const key of untrusted.restrictedConfigurations) assert.ok(properties[key], `${key} is declared`);
  assert.equal(properties['notesLsp.server.path'].scope, 'machine-overridable');
  assert.equal(properties['notesLsp.server.args'].scope, 'machine-overridable');
});

test('every command has a title and a category', () => {
  assert.deepEqual([...declaredCommands].sort(), [
    'notesLsp.newMeeting',
    'notesLsp.restartServer',
    'notesLsp.showOutput',
  ]);
  for (const command of manifest.contributes.commands) {
    assert.ok(command.title, command.command);
    assert.equal(command.category, 'notes-lsp');
  }
});

test('every command extension.js registers is declared, and every declared one is registered', () => {
  const registered = [...source.matchAll(/registerCommand\(\s*'([^']+)'/g)].map((match) => match[1]);
  assert.ok(registered.length >= 3, 'found registerCommand calls');
  assert.deepEqual([...registered].sort(), [...declaredCommands].sort());
});

test("every setting extension.js reads with get('…') is declared", () => {
  const section = source.match(/const SECTION = '([^']+)'/)[1];
  assert.equal(section, 'notesLsp');
  const literal = [...source.matchAll(/\.get\(\s*'([^']+)'/g)].map((match) => `${section}.${match[1]}`);
  const listed = source.match(/const SERVER_SETTINGS = \[([^\]]*)\]/)[1];
  const passedThrough = [...listed.matchAll(/'([^']+)'/g)].map((match) => `${section}.${match[1]}`);
  const switches = source.match(/const OVERLAPPING_FEATURES = \{([^}]*)\}/)[1];
  const featureKeys = [...switches.matchAll(/^\s*(\w+):/gm)].map((match) => `${section}.features.${match[1]}`);
  assert.match(source, /get\(`features\.\$\{feature\}`\)/);
  assert.ok(literal.length >= 2 && passedThrough.length >= 5 && featureKeys.length === 3);
  for (const key of [...literal, ...passedThrough, ...featureKeys]) {
    assert.ok(properties[key], `${key} is declared in package.json`);
  }
});

test('the client id equals the settings section, so `notesLsp.trace.server` takes effect', () => {
  assert.match(source, /new LanguageClient\(SECTION, 'notes-lsp'/);
  assert.ok(properties['notesLsp.trace.server']);
});

test('extension.js passes node --check', () => {
  const result = spawnSync(process.execPath, ['--check', path.join(root, 'extension.js')], { encoding: 'utf8' });
  assert.equal(result.status, 0, result.stderr);
});
