// notes-lsp for VS Code: starts the `notes-lsp` language server for Markdown files.
// Plain JavaScript on vscode-languageclient; the server does the work.
'use strict';

const fs = require('fs');
const os = require('os');
const path = require('path');
const vscode = require('vscode');
const { LanguageClient, TransportKind } = require('vscode-languageclient/node');

/** The settings section; it must equal the client id, because the client reads `<id>.trace.server`. */
const SECTION = 'notesLsp';
/** The server's own command behind `notesLsp.newMeeting` (`workspace/executeCommand`). */
const SERVER_NEW_MEETING = 'notes-lsp.newMeeting';
/** Settings passed to the server as `initializationOptions` and `workspace/didChangeConfiguration`. */
const SERVER_SETTINGS = ['rules', 'inlayHints', 'staleAfterMeetings', 'rosters', 'registries'];

/**
 * Features VS Code's built-in Markdown support also provides; each can be switched off here, live, so the two do not
 * show duplicates. Setting (under `notesLsp.features.`) → middleware hook.
 */
const OVERLAPPING_FEATURES = {
  documentSymbols: 'provideDocumentSymbols',
  foldingRanges: 'provideFoldingRanges',
  documentLinks: 'provideDocumentLinks',
};

/** @type {import('vscode-languageclient/node').LanguageClient | undefined} */
let client;
/** @type {vscode.OutputChannel | undefined} */
let outputChannel;

// MARK: - Settings

/** True when the user set `key` somewhere (user, workspace or folder settings), not just left the default. */
function isSetByUser(config, key) {
  const info = typeof config.inspect === 'function' ? config.inspect(key) : undefined;
  if (!info) return config.get(key) !== undefined;
  return ['globalValue', 'workspaceValue', 'workspaceFolderValue'].some((scope) => info[scope] !== undefined);
}

/**
 * The server's own settings, as the server reads them (same names as `.notes-lsp.json`).
 * NOTE: only settings the user actually set are sent, so a default here never hides a value from `.notes-lsp.json`.
 */
function serverSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const settings = {};
  for (const key of SERVER_SETTINGS) {
    if (!isSetByUser(config, key)) continue;
    const value = config.get(key);
    if (value !== undefined && value !== null) settings[key] = value;
  }
  return settings;
}

/** `notesLsp.server.path` and `notesLsp.server.args`. */
function serverCommandSettings() {
  const config = vscode.workspace.getConfiguration(SECTION);
  const configuredPath = (config.get('server.path') || '').trim();
  const args = config.get('server.args');
  return { configuredPath, args: Array.isArray(args) ? args.map(String) : [] };
}

/** Middleware that answers nothing for the overlapping features the user switched off. */
function featureSwitches() {
  const middleware = {};
  for (const [feature, hook] of Object.entries(OVERLAPPING_FEATURES)) {
    middleware[hook] = (...args) => {
      const enabled = vscode.workspace.getConfiguration(SECTION).get(`features.${feature}`);
      if (enabled === false) return [];
      const next = args[args.length - 1];
      return next(...args.slice(0, -1));
    };
  }
  return middleware;
}

// MARK: - Finding the binary

function isExecutableFile(file) {
  try {
    if (!fs.statSync(file).isFile()) return false;
    if (process.platform !== 'win32') fs.accessSync(file, fs.constants.X_OK);
    return true;
  } catch {
    return false;
  }
}

/** Looks `name` up on PATH (with PATHEXT on Windows); returns the absolute path or undefined. */
function findOnPath(name, env = process.env) {
  const dirs = (env.PATH || env.Path || '').split(path.delimiter).filter(Boolean);
  const exts = process.platform === 'win32' ? ['', ...(env.PATHEXT || '.EXE;.CMD;.BAT').split(';')] : [''];
  for (const dir of dirs) {
    for (const ext of exts) {
      const candidate = path.join(dir, name + ext);
      if (isExecutableFile(candidate)) return candidate;
    }
  }
  return undefined;
}

/**
 * Resolves the server executable: an absolute (or `~`) path is used as is, a relative path with a separator is taken
 * against the first workspace folder, a bare name is looked up on PATH. Returns `{ command }` or `{ problem }`.
 */
function resolveServer(configuredPath) {
  if (!configuredPath) {
    const command = findOnPath('notes-lsp');
    if (command) return { command };
    return { problem: 'cannot find `notes-lsp` on PATH' };
  }
  let candidate = configuredPath;
  if (candidate === '~' || candidate.startsWith('~/')) candidate = path.join(os.homedir(), candidate.slice(1));
  if (!path.isAbsolute(candidate) && !candidate.includes('/') && !candidate.includes('\\')) {
    const command = findOnPath(candidate);
    if (command) return { command };
    return { problem: `cannot find \`${configuredPath}\` on PATH` };
  }
  if (!path.isAbsolute(candidate)) {
    const folder = (vscode.workspace.workspaceFolders || [])[0];
    if (folder) candidate = path.join(folder.uri.fsPath, candidate);
  }
  if (isExecutableFile(candidate)) return { command: candidate };
  const exists = fs.existsSync(candidate);
  return { problem: exists ? `\`${candidate}\` is not an executable file` : `\`${candidate}\` does not exist` };
}

async function reportMissingServer(problem) {
  const message =
    `notes-lsp: ${problem}. Build it with \`swift build -c release --product notes-lsp\` and put ` +
    '`.build/release/notes-lsp` on your PATH, or set `notesLsp.server.path` to the binary.';
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Output');
  if (choice === 'Open Settings') {
    await vscode.commands.executeCommand('workbench.action.openSettings', `${SECTION}.server.path`);
  } else if (choice === 'Show Output') {
    outputChannel.show(true);
  }
}

// MARK: - Client lifecycle

/** Starts the language client; resolves to the client, or undefined when the server cannot be started. */
async function startClient() {
  const { configuredPath, args } = serverCommandSettings();
  const resolved = resolveServer(configuredPath);
  if (!resolved.command) {
    outputChannel.appendLine(`notes-lsp: ${resolved.problem}`);
    void reportMissingServer(resolved.problem);
    return undefined;
  }
  outputChannel.appendLine(`Starting ${resolved.command} ${args.join(' ')}`.trimEnd());
  const executable = { command: resolved.command, args, transport: TransportKind.stdio };
  const serverOptions = { run: executable, debug: executable };
  const clientOptions = {
    documentSelector: [
      { scheme: 'file', language: 'markdown' },
      { scheme: 'untitled', language: 'markdown' },
    ],
    outputChannel,
    initializationOptions: serverSettings(),
    middleware: featureSwitches(),
  };
  const started = new LanguageClient(SECTION, 'notes-lsp', serverOptions, clientOptions);
  client = started;
  try {
    await started.start();
  } catch (error) {
    if (client === started) client = undefined;
    outputChannel.appendLine(`notes-lsp failed to start: ${error && error.message ? error.message : error}`);
    void vscode.window.showErrorMessage(
      `notes-lsp: the server at ${resolved.command} failed to start. See the output for details.`,
      'Show Output',
    ).then((choice) => {
      if (choice === 'Show Output') outputChannel.show(true);
    });
    return undefined;
  }
  return started;
}

async function stopClient() {
  const running = client;
  client = undefined;
  if (!running) return;
  try {
    await running.stop();
  } catch (error) {
    const reason = error && error.message ? error.message : error;
    outputChannel.appendLine(`notes-lsp: stopping the server failed: ${reason}`);
  }
}

async function restartClient() {
  await stopClient();
  return startClient();
}

// MARK: - Commands

/** Asks the server to create the next meeting note of the active note's series, then opens it. */
async function newMeeting() {
  const editor = vscode.window.activeTextEditor;
  if (!client) {
    void vscode.window.showErrorMessage('notes-lsp: the server is not running; run "notes-lsp: Restart Server".');
    return undefined;
  }
  const argument = {};
  if (editor && editor.document && editor.document.uri) argument.uri = editor.document.uri.toString();
  else if ((vscode.workspace.workspaceFolders || []).length > 0) {
    argument.uri = vscode.workspace.workspaceFolders[0].uri.toString();
  }
  let result;
  try {
    result = await client.sendRequest('workspace/executeCommand', {
      command: SERVER_NEW_MEETING,
      arguments: [argument],
    });
  } catch (error) {
    // The server says why (e.g. the note already exists); show that rather than a generic command failure.
    void vscode.window.showErrorMessage(`notes-lsp: ${error && error.message ? error.message : error}`);
    return undefined;
  }
  const created = typeof result === 'string' ? result : result && result.uri;
  if (created) {
    const document = await vscode.workspace.openTextDocument(vscode.Uri.parse(created));
    await vscode.window.showTextDocument(document);
  }
  return result;
}

// MARK: - Entry points

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  outputChannel = vscode.window.createOutputChannel('notes-lsp');
  context.subscriptions.push(
    outputChannel,
    vscode.commands.registerCommand('notesLsp.restartServer', restartClient),
    vscode.commands.registerCommand('notesLsp.showOutput', () => outputChannel.show(true)),
    vscode.commands.registerCommand('notesLsp.newMeeting', newMeeting),
    vscode.workspace.onDidChangeConfiguration(async (event) => {
      if (
        event.affectsConfiguration(`${SECTION}.server.path`) ||
        event.affectsConfiguration(`${SECTION}.server.args`)
      ) {
        await restartClient();
      } else if (SERVER_SETTINGS.some((key) => event.affectsConfiguration(`${SECTION}.${key}`)) && client) {
        // NOTE: settings are sent wrapped in their section, as VS Code and Neovim both do.
        await client.sendNotification('workspace/didChangeConfiguration', {
          settings: { [SECTION]: serverSettings() },
        });
      }
    }),
  );
  await startClient();
}

function deactivate() {
  const running = client;
  client = undefined;
  if (!running) return undefined;
  return running.stop();
}

module.exports = { activate, deactivate, _internal: { resolveServer, findOnPath, serverSettings, featureSwitches } };
