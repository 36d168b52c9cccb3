// extension.js against stand-in `vscode` / `vscode-languageclient/node` modules: what it starts and registers.
'use strict';

const test = require('node:test');
const assert = require('node:assert/strict');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { createFakes, loadExtension, fakeContext, fakeDocument } = require('../test-support/fakes');

const manifest = JSON.parse(fs.readFileSync(path.join(__dirname, '..', 'package.json'), 'utf8'));
const declaredSettings = Object.keys(manifest.contributes.configuration.properties);

/** A temporary folder holding an executable `notes-lsp` (and a non-executable `not-exec`). */
function makeBinDir() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-lsp-vscode-'));
  fs.writeFileSync(path.join(dir, 'notes-lsp'), '#!/bin/sh\nexit 0\n', { mode: 0o755 });
  fs.writeFileSync(path.join(dir, 'not-exec'), 'plain file\n', { mode: 0o644 });
  return dir;
}

/** Runs `fn` with PATH set to `dirs`, restoring it afterwards. */
async function withPath(dirs, fn) {
  const saved = process.env.PATH;
  process.env.PATH = dirs.join(path.delimiter);
  try {
    return await fn();
  } finally {
    process.env.PATH = saved;
  }
}

async function activateWith(options) {
  const fakes = createFakes(options);
  const extension = loadExtension(fakes);
  const context = fakeContext();
  await extension.activate(context);
  // Let the error message's button promise settle.
  await new Promise((resolve) => setImmediate(resolve));
  return { fakes, extension, context, log: fakes.log };
}

const binDir = makeBinDir();
const emptyDir = fs.mkdtempSync(path.join(os.tmpdir(), 'notes-lsp-empty-'));
const fakeServer = path.join(binDir, 'notes-lsp');

test('starts the configured absolute path with the configured args', async () => {
  const { log, context } = await activateWith({
    settings: { 'server.path': fakeServer, 'server.args': ['--log-level', 'debug'] },
  });
  assert.equal(log.clients.length, 1);
  const client = log.clients[0];
  assert.equal(client.id, 'notesLsp');
  assert.equal(client.name, 'notes-lsp');
  for (const mode of ['run', 'debug']) {
    assert.equal(client.serverOptions[mode].command, fakeServer);
    assert.deepEqual(client.serverOptions[mode].args, ['--log-level', 'debug']);
    assert.equal(client.serverOptions[mode].transport, 0, 'stdio');
  }
  assert.equal(client.startCalls, 1);
  assert.equal(client.state, 'running');
  assert.deepEqual(log.errors, []);
  assert.ok(context.subscriptions.length >= 5, 'channel, three commands and the configuration listener');
});

test('with an empty path it starts `notes-lsp` found on PATH, with no args', async () => {
  await withPath([emptyDir, binDir], async () => {
    const { log } = await activateWith({ settings: {} });
    assert.equal(log.clients.length, 1);
    assert.equal(log.clients[0].serverOptions.run.command, fakeServer);
    assert.deepEqual(log.clients[0].serverOptions.run.args, []);
  });
});

test('a bare name in server.path is looked up on PATH', async () => {
  await withPath([binDir], async () => {
    const { log } = await activateWith({ settings: { 'server.path': 'notes-lsp' } });
    assert.equal(log.clients[0].serverOptions.run.command, fakeServer);
  });
});

test('a relative path is taken against the first workspace folder', async () => {
  const { log } = await activateWith({
    settings: { 'server.path': './notes-lsp' },
    workspaceFolders: [{ uri: { fsPath: binDir, toString: () => `file://${binDir}` } }],
  });
  assert.equal(log.clients[0].serverOptions.run.command, fakeServer);
});

test('documents: Markdown files and untitled Markdown', async () => {
  const { log } = await activateWith({ settings: { 'server.path': fakeServer } });
  assert.deepEqual(log.clients[0].clientOptions.documentSelector, [
    { scheme: 'file', language: 'markdown' },
    { scheme: 'untitled', language: 'markdown' },
  ]);
});

test('registers the three commands and an output channel the client writes to', async () => {
  const { log } = await activateWith({ settings: { 'server.path': fakeServer } });
  assert.deepEqual([...log.commands.keys()].sort(), [
    'notesLsp.newMeeting',
    'notesLsp.restartServer',
    'notesLsp.showOutput',
  ]);
  assert.equal(log.channels.length, 1);
  assert.equal(log.channels[0].name, 'notes-lsp');
  assert.equal(log.clients[0].clientOptions.outputChannel, log.channels[0]);
  await log.commands.get('notesLsp.showOutput')();
  assert.equal(log.channels[0].showCalls, 1);
});

test('server settings the user set are passed as initializationOptions; defaults are not', async () => {
  const rules = { 'initials.unknown': 'off', 'action-item.unowned': 'error' };
  const { log } = await activateWith({
    settings: { 'server.path': fakeServer, rules, staleAfterMeetings: 4, inlayHints: true },
  });
  assert.deepEqual(log.clients[0].clientOptions.initializationOptions, {
    rules,
    staleAfterMeetings: 4,
    inlayHints: true,
  });
});

test('a changed server setting is sent as workspace/didChangeConfiguration without a restart', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer } });
  await fakes.changeSetting('rosters', ['reference/core.csv']);
  assert.equal(log.clients.length, 1, 'no restart');
  assert.deepEqual(log.clients[0].notifications, [
    {
      method: 'workspace/didChangeConfiguration',
      params: { settings: { notesLsp: { rosters: ['reference/core.csv'] } } },
    },
  ]);
});

test('changing server.path or server.args restarts the server with the new command', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer } });
  await fakes.changeSetting('server.args', ['--log-level', 'trace']);
  assert.equal(log.clients.length, 2);
  assert.equal(log.clients[0].stopCalls, 1);
  assert.deepEqual(log.clients[1].serverOptions.run.args, ['--log-level', 'trace']);
  assert.equal(log.clients[1].startCalls, 1);
});

test('a missing binary on PATH gives an actionable error and starts nothing', async () => {
  await withPath([emptyDir], async () => {
    const { log } = await activateWith({ settings: {}, errorChoice: 'Open Settings' });
    assert.equal(log.clients.length, 0, 'no client without a binary');
    assert.equal(log.errors.length, 1);
    const { message, items } = log.errors[0];
    assert.match(message, /cannot find `notes-lsp` on PATH/);
    assert.match(message, /notesLsp\.server\.path/);
    assert.match(message, /swift build -c release/);
    assert.ok(items.includes('Open Settings'));
    assert.deepEqual(log.executed, [{ id: 'workbench.action.openSettings', args: ['notesLsp.server.path'] }]);
    assert.ok(log.channels[0].lines.some((line) => line.includes('cannot find')));
  });
});

test('a configured path that does not exist is named in the error', async () => {
  const missing = path.join(emptyDir, 'no-such-notes-lsp');
  const { log } = await activateWith({ settings: { 'server.path': missing } });
  assert.equal(log.clients.length, 0);
  assert.ok(log.errors[0].message.includes(`\`${missing}\` does not exist`), log.errors[0].message);
});

test('a configured path that is not executable is reported as such', async () => {
  const { log } = await activateWith({ settings: { 'server.path': path.join(binDir, 'not-exec') } });
  assert.equal(log.clients.length, 0);
  assert.match(log.errors[0].message, /is not an executable file/);
});

test('a server that fails to start is reported, and a restart tries again', async () => {
  const { log } = await activateWith({ settings: { 'server.path': fakeServer }, startFails: true });
  assert.equal(log.clients.length, 1);
  assert.match(log.errors[0].message, /failed to start/);
  await log.commands.get('notesLsp.restartServer')();
  assert.equal(log.clients.length, 2);
  assert.equal(log.clients[0].stopCalls, 0, 'a client that never started is not stopped');
});

test('after the binary is installed, restart starts it', async () => {
  await withPath([emptyDir], async () => {
    const { log } = await activateWith({ settings: {} });
    assert.equal(log.clients.length, 0);
    process.env.PATH = binDir;
    await log.commands.get('notesLsp.restartServer')();
    assert.equal(log.clients.length, 1);
    assert.equal(log.clients[0].serverOptions.run.command, fakeServer);
  });
});

test('restart stops the running client and starts a new one', async () => {
  const { log } = await activateWith({ settings: { 'server.path': fakeServer } });
  await log.commands.get('notesLsp.restartServer')();
  assert.equal(log.clients.length, 2);
  assert.equal(log.clients[0].stopCalls, 1);
  assert.equal(log.clients[0].state, 'stopped');
  assert.equal(log.clients[1].startCalls, 1);
  assert.equal(log.clients[1].state, 'running');
});

test('deactivate returns the running client stop() promise', async () => {
  const { extension, log } = await activateWith({ settings: { 'server.path': fakeServer } });
  const result = extension.deactivate();
  assert.equal(log.clients[0].stopCalls, 1);
  assert.equal(result, log.clients[0].stopPromise);
  assert.equal(extension.deactivate(), undefined, 'a second deactivate has nothing to stop');
});

test('deactivate without a running server returns undefined', async () => {
  await withPath([emptyDir], async () => {
    const { extension } = await activateWith({ settings: {} });
    assert.equal(extension.deactivate(), undefined);
  });
});

test('New Meeting executes the server command for the active note and opens the created file', async () => {
  const active = { document: { uri: { toString: () => 'file:///notes/2024-06-12.md' } } };
  const { log } = await activateWith({
    settings: { 'server.path': fakeServer },
    activeTextEditor: active,
    requestResult: { uri: 'file:///notes/2024-06-26.md' },
  });
  await log.commands.get('notesLsp.newMeeting')();
  assert.deepEqual(log.clients[0].requests, [
    {
      method: 'workspace/executeCommand',
      params: { command: 'notes-lsp.newMeeting', arguments: [{ uri: 'file:///notes/2024-06-12.md' }] },
    },
  ]);
  assert.deepEqual(log.opened, ['file:///notes/2024-06-26.md']);
  assert.deepEqual(log.shown, ['file:///notes/2024-06-26.md']);
});

test("New Meeting shows the server's reason when it refuses", async () => {
  const active = { document: { uri: { toString: () => 'file:///notes/2024-06-12.md' } } };
  const { log } = await activateWith({
    settings: { 'server.path': fakeServer },
    activeTextEditor: active,
    requestError: '2024-06-26.md already exists; it was left as it is.',
  });
  assert.equal(await log.commands.get('notesLsp.newMeeting')(), undefined);
  assert.match(log.errors.at(-1).message, /^notes-lsp: 2024-06-26\.md already exists/);
  assert.deepEqual(log.opened, []);
});

test('New Meeting without a server says so instead of throwing', async () => {
  await withPath([emptyDir], async () => {
    const { log } = await activateWith({ settings: {} });
    await log.commands.get('notesLsp.newMeeting')();
    assert.match(log.errors.at(-1).message, /not running/);
  });
});

test('overlapping features can be switched off, live, through middleware', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer } });
  const middleware = log.clients[0].clientOptions.middleware;
  const document = { uri: 'file:///notes/2024-06-12.md' };
  const calls = [];
  const next = (...args) => {
    calls.push(args);
    return ['from the server'];
  };
  const hooks = {
    documentSymbols: () => middleware.provideDocumentSymbols(document, 'token', next),
    foldingRanges: () => middleware.provideFoldingRanges(document, {}, 'token', next),
    documentLinks: () => middleware.provideDocumentLinks(document, 'token', next),
  };
  for (const [feature, call] of Object.entries(hooks)) {
    calls.length = 0;
    assert.deepEqual(await call(), ['from the server'], `${feature} on by default`);
    assert.equal(calls.length, 1);
    assert.equal(calls[0][0], document, 'arguments are passed through');
    await fakes.changeSetting(`features.${feature}`, false);
    assert.deepEqual(await call(), [], `${feature} off`);
    assert.equal(calls.length, 1, 'the server is not asked');
    await fakes.changeSetting(`features.${feature}`, true);
    assert.deepEqual(await call(), ['from the server'], `${feature} on again`);
  }
  assert.equal(log.clients.length, 1, 'no restart');
  assert.deepEqual(log.clients[0].notifications, [], 'not a server setting');
});

test('every setting the extension reads is declared in package.json, and every declared one is used', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer } });
  await fakes.changeSetting('inlayHints', true);
  const middleware = log.clients[0].clientOptions.middleware;
  const next = () => [];
  middleware.provideDocumentSymbols({}, 'token', next);
  middleware.provideFoldingRanges({}, {}, 'token', next);
  middleware.provideDocumentLinks({}, 'token', next);
  await log.commands.get('notesLsp.restartServer')();
  for (const key of log.settingsRead) assert.ok(declaredSettings.includes(key), `${key} is declared`);
  // `notesLsp.trace.server` is read by vscode-languageclient itself, as `<client id>.trace.server`.
  const unread = declaredSettings.filter((key) => !log.settingsRead.has(key));
  // `noteFolders` is read only where the workspace has no .notes-lsp.json (the tests below).
  assert.deepEqual(unread, ['notesLsp.trace.server', 'notesLsp.noteFolders']);
  assert.equal(`${log.clients[0].id}.trace.server`, 'notesLsp.trace.server');
});

// MARK: - Starting only where notes live

test('a workspace with a .notes-lsp.json starts the server at activation', async () => {
  const { log } = await activateWith({ settings: { 'server.path': fakeServer } });
  assert.equal(log.clients.length, 1);
  assert.deepEqual(log.findFilesCalls[0].include, '**/.notes-lsp.json');
});

test('elsewhere, other Markdown starts nothing, and the first meeting note starts the server', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer }, notesConfig: false });
  assert.equal(log.clients.length, 0, 'no server at activation');
  await fakes.openDocument(fakeDocument('/work/README.md', '# My project\n\nSee 2024-06-12 for the release.\n'));
  await fakes.openDocument(fakeDocument('/work/2024-06-12.txt', '# Meeting 2024-06-12\n', 'plaintext'));
  await fakes.openDocument(fakeDocument('/work/notes.md', '# Notes\n', 'markdown', 'git'));
  assert.equal(log.clients.length, 0, 'a README, a text file and a non-file document start nothing');
  await fakes.openDocument(fakeDocument('/work/minutes/2024-06-12.md', '# conda-forge core meeting\n'));
  assert.equal(log.clients.length, 1);
  await fakes.openDocument(fakeDocument('/work/minutes/2024-06-26.md', '# conda-forge core meeting\n'));
  assert.equal(log.clients.length, 1, 'started once');
});

test('a Markdown file already open at activation starts the server when it is a meeting note', async () => {
  const { log } = await activateWith({
    settings: { 'server.path': fakeServer },
    notesConfig: false,
    textDocuments: [fakeDocument('/work/minutes/agenda.md', '# Core meeting, June 12, 2024\n')],
  });
  assert.equal(log.clients.length, 1);
});

test('a Markdown file in one of notesLsp.noteFolders starts the server, whatever its name', async () => {
  const { fakes, log } = await activateWith({
    settings: { 'server.path': fakeServer, noteFolders: ['minutes'] },
    notesConfig: false,
    workspaceFolders: [{ uri: { fsPath: '/work', toString: () => 'file:///work' } }],
  });
  await fakes.openDocument(fakeDocument('/work/minutes-old/agenda.md', '# Agenda\n'));
  assert.equal(log.clients.length, 0, 'a folder merely starting with the name does not count');
  await fakes.openDocument(fakeDocument('/work/minutes/agenda.md', '# Agenda\n'));
  assert.equal(log.clients.length, 1);
});

test('adding a note folder to the settings starts the server for a note already open', async () => {
  const { fakes, log } = await activateWith({
    settings: { 'server.path': fakeServer },
    notesConfig: false,
    workspaceFolders: [{ uri: { fsPath: '/work', toString: () => 'file:///work' } }],
    textDocuments: [fakeDocument('/work/team/agenda.md', '# Agenda\n')],
  });
  assert.equal(log.clients.length, 0);
  await fakes.changeSetting('noteFolders', ['/work/team']);
  assert.equal(log.clients.length, 1);
});

test('without notes, a changed server path starts nothing; Restart Server starts it anyway', async () => {
  const { fakes, log } = await activateWith({ settings: { 'server.path': fakeServer }, notesConfig: false });
  await fakes.changeSetting('server.args', ['--log-level', 'debug']);
  assert.equal(log.clients.length, 0);
  await log.commands.get('notesLsp.restartServer')();
  assert.equal(log.clients.length, 1);
});

test('what looks like a meeting note', async () => {
  const { extension } = await activateWith({ settings: { 'server.path': fakeServer } });
  const { looksLikeMeetingNote } = extension._internal;
  const yes = [
    ['2024-06-12.md', ''],
    ['20200721_agenda_and_minutes.md', ''],
    ['notes_2024_06_12.md', ''],
    ['agenda.md', '# conda-forge core meeting 2024-06-12\n'],
    ['agenda.md', '# Core call — June 12th, 2024\n'],
    ['agenda.md', '# Core call, 12 June 2024\n'],
    ['agenda.md', '---\ntitle: Core meeting 2024-06-12\n---\n# Core\n'],
    ['agenda.md', '---\ntags: [meeting-notes]\n---\n# Core\n'],
  ];
  const no = [
    ['README.md', '# notes-lsp\n\nReleased 2024-06-12.\n'],
    ['CHANGELOG.md', '# Changelog\n\n## 2024-06-12\n'],
    ['build-20241.md', '# Build 202412345\n'],
    ['agenda.md', '---\ntags: [python]\n---\n# Agenda\n'],
  ];
  for (const [name, text] of yes) assert.ok(looksLikeMeetingNote(name, text), `${name}: ${JSON.stringify(text)}`);
  for (const [name, text] of no) assert.ok(!looksLikeMeetingNote(name, text), `${name}: ${JSON.stringify(text)}`);
});
