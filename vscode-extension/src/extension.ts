// The dftools extension: starts dfls (the bundled jar) on a Java 17+ runtime and adds the
// commands, status bar item and output channels around it.
import * as cp from 'child_process';
import * as fs from 'fs';
import * as path from 'path';
import * as vscode from 'vscode';
import {
  DocumentDiagnosticReportKind, DocumentDiagnosticRequest, ExecuteCommandRequest, Executable,
  LanguageClient, LanguageClientOptions, State,
} from 'vscode-languageclient/node';
import { findJava, FoundJava, JavaHost } from './java';
import { listRuleDocs, ruleCodeOf } from './rules';
import { CLIENT_ONLY_KEYS, EXTENSION_SECTION, SERVER_SECTION, serverSection } from './settings';

const DOCKERFILE_GLOB = '**/{Dockerfile,Containerfile,*.Dockerfile,Dockerfile.*,*.dockerfile,Containerfile.*}';
const SERVER_COMMAND_SIMULATE = 'dftools.simulateBuild';
const DFSIM_MAIN = 'dev.dftools.sim.cli.Dfsim';

let client: LanguageClient | undefined;
let java: FoundJava | undefined;

/** `java -version` costs a JVM start; its answer is kept per executable while the file is unchanged. */
function cachingHost(state: vscode.Memento): JavaHost {
  const stamp = (file: string) => {
    try {
      const st = fs.statSync(fs.realpathSync(file));
      return `${fs.realpathSync(file)}:${st.size}:${st.mtimeMs}`;
    } catch {
      return undefined;
    }
  };
  return {
    ...nodeHost,
    versionOutput: async (executable) => {
      const key = `dftools.javaVersion:${executable}`;
      const cached = state.get<{ stamp: string; output: string }>(key);
      const now = stamp(executable);
      if (cached && now && cached.stamp === now) {
        return cached.output;
      }
      const output = await nodeHost.versionOutput(executable);
      if (now) {
        await state.update(key, { stamp: now, output });
      }
      return output;
    },
  };
}

const nodeHost: JavaHost = {
  platform: process.platform,
  env: process.env,
  isFile: (file) => {
    try {
      return fs.statSync(file).isFile();
    } catch {
      return false;
    }
  },
  releaseFile: (executable) => {
    try {
      return fs.readFileSync(path.join(path.dirname(path.dirname(fs.realpathSync(executable))), 'release'), 'utf8');
    } catch {
      return undefined;
    }
  },
  versionOutput: (executable) => new Promise((resolve, reject) => {
    cp.execFile(executable, ['-version'], { timeout: 15000 }, (error, stdout, stderr) => {
      if (error) {
        reject(error);
      } else {
        resolve(`${stderr}${stdout}`);
      }
    });
  }),
};

/** The server's setting keys: every contributed `dftools.*` setting that is not the client's own. */
function serverKeys(context: vscode.ExtensionContext): string[] {
  const properties = context.extension.packageJSON.contributes.configuration.properties as Record<string, unknown>;
  return Object.keys(properties)
    .map((name) => name.slice(EXTENSION_SECTION.length + 1))
    .filter((key) => !CLIENT_ONLY_KEYS.includes(key));
}

function dflsSection(keys: string[], scope?: vscode.Uri): Record<string, unknown> {
  const config = vscode.workspace.getConfiguration(EXTENSION_SECTION, scope);
  return serverSection(keys, (key) => config.get(key));
}

export async function activate(context: vscode.ExtensionContext): Promise<void> {
  const channel = vscode.window.createOutputChannel('dftools (dfls)');
  // The extension's own lines carry a time stamp (start-up latency shows in the log).
  const log = { appendLine: (line: string) => channel.appendLine(`[${new Date().toISOString()}] ${line}`), show: () => channel.show() };
  log.appendLine('dftools extension activated');
  const reports = vscode.window.createOutputChannel('dftools: dfsim');
  const status = vscode.window.createStatusBarItem(vscode.StatusBarAlignment.Left, 10);
  status.name = 'dfls';
  status.command = 'dftools.showServerLog';
  const setStatus = (icon: string, text: string, tooltip: string) => {
    status.text = `$(${icon}) dfls${text ? ' ' + text : ''}`;
    status.tooltip = tooltip;
    status.show();
  };
  const workspaceDiagnostics = vscode.languages.createDiagnosticCollection('dftools-workspace');
  context.subscriptions.push(channel, reports, status, workspaceDiagnostics);
  const jar = context.asAbsolutePath(path.join('server', 'dfls.jar'));
  const keys = serverKeys(context);

  const start = async (): Promise<void> => {
    setStatus('sync~spin', 'starting', 'dfls: looking for Java');
    const lookup = await findJava(vscode.workspace.getConfiguration(EXTENSION_SECTION).get<string>('java.home'), cachingHost(context.globalState));
    if (lookup.kind === 'missing') {
      log.appendLine(lookup.message);
      setStatus('error', 'no Java', lookup.message);
      const choice = await vscode.window.showErrorMessage(lookup.message, 'Open Settings', 'Show Log');
      if (choice === 'Open Settings') {
        void vscode.commands.executeCommand('workbench.action.openSettings', 'dftools.java.home');
      } else if (choice === 'Show Log') {
        log.show();
      }
      return;
    }
    java = lookup.java;
    for (const r of lookup.rejected) {
      log.appendLine(`skipped ${r.source}: ${r.executable} (${r.reason})`);
    }
    const jvmArgs = vscode.workspace.getConfiguration(EXTENSION_SECTION).get<string[]>('server.jvmArgs') ?? [];
    // No `transport`: with TransportKind.stdio the client appends `--stdio`; without it the command
    // runs unchanged and still speaks LSP over stdin/stdout (dfls' default).
    const server: Executable = { command: java.executable, args: [...jvmArgs, '-jar', jar] };
    log.appendLine(`starting: ${server.command} ${server.args!.join(' ')} (Java ${java.versionText} from ${java.source})`);
    const clientOptions: LanguageClientOptions = {
      documentSelector: [{ scheme: 'file', language: 'dockerfile' }, { scheme: 'untitled', language: 'dockerfile' }],
      outputChannel: channel,
      traceOutputChannel: channel,
      initializationOptions: { [SERVER_SECTION]: dflsSection(keys) },
      // Changes of dftools.* send didChangeConfiguration; the server then asks for its section.
      synchronize: { configurationSection: EXTENSION_SECTION },
      middleware: {
        workspace: {
          configuration: async (params, token, next) => {
            const fromNext = await next(params, token);
            if (!Array.isArray(fromNext)) {
              return fromNext;
            }
            return params.items.map((item, i) => item.section === SERVER_SECTION
              ? dflsSection(keys, item.scopeUri ? vscode.Uri.parse(item.scopeUri) : undefined)
              : fromNext[i]);
          },
        },
      },
    };
    client = new LanguageClient('dftools', 'dftools (dfls)', server, clientOptions);
    client.onDidChangeState((e) => {
      if (e.newState === State.Running) {
        setStatus('check', '', `dfls is running on Java ${java?.versionText} (${java?.executable}). Click for the log.`);
      } else if (e.newState === State.Starting) {
        setStatus('sync~spin', 'starting', 'dfls is starting');
      } else {
        setStatus('error', 'stopped', 'dfls has stopped: see the log, or run "dftools: Restart server"');
      }
    });
    try {
      await client.start();
      log.appendLine('dfls initialized');
    } catch (e) {
      log.appendLine(`dfls did not start: ${e instanceof Error ? e.message : String(e)}`);
      setStatus('error', 'failed', 'dfls did not start: see the log');
    }
  };

  const register = (id: string, handler: (...args: any[]) => unknown) =>
    context.subscriptions.push(vscode.commands.registerCommand(id, handler));

  register('dftools.showServerLog', () => log.show());

  register('dftools.restartServer', async () => {
    workspaceDiagnostics.clear();
    if (client) {
      const old = client;
      client = undefined;
      try {
        await old.stop();
      } catch (e) {
        log.appendLine(`stopping dfls: ${e instanceof Error ? e.message : String(e)}`);
      }
      await old.dispose();
    }
    await start();
  });

  register('dftools.lintWorkspace', async () => {
    if (!client || client.state !== State.Running) {
      void vscode.window.showWarningMessage('dftools: the language server is not running.');
      return;
    }
    const files = await vscode.workspace.findFiles(DOCKERFILE_GLOB, '**/{node_modules,.git}/**');
    let findings = 0;
    await vscode.window.withProgress({ location: vscode.ProgressLocation.Notification, title: 'dftools: linting Dockerfiles' }, async (progress) => {
      for (const uri of files) {
        progress.report({ message: vscode.workspace.asRelativePath(uri), increment: 100 / files.length });
        // Opening sends didOpen; the client pulls diagnostics only for documents shown in a tab,
        // so the others are asked for here and shown until their tab opens.
        const document = await vscode.workspace.openTextDocument(uri);
        if (document.languageId !== 'dockerfile') {
          await vscode.languages.setTextDocumentLanguage(document, 'dockerfile');
        }
        const report = await client!.sendRequest(DocumentDiagnosticRequest.type, { textDocument: { uri: uri.toString() } });
        if (report.kind === DocumentDiagnosticReportKind.Full) {
          const diagnostics = await client!.protocol2CodeConverter.asDiagnostics(report.items);
          findings += diagnostics.length;
          if (!isInTab(uri)) {
            workspaceDiagnostics.set(uri, diagnostics);
          }
        }
      }
    });
    void vscode.commands.executeCommand('workbench.actions.view.problems');
    void vscode.window.showInformationMessage(`dftools: ${files.length} Dockerfile(s) linted, ${findings} finding(s).`);
  });
  // A tab's own pulled diagnostics replace the workspace-lint copy.
  context.subscriptions.push(vscode.window.tabGroups.onDidChangeTabs((e) => {
    for (const tab of e.opened) {
      if (tab.input instanceof vscode.TabInputText) {
        workspaceDiagnostics.delete(tab.input.uri);
      }
    }
  }));

  register('dftools.simulate', async (arg?: vscode.Uri) => {
    const document = arg instanceof vscode.Uri
      ? await vscode.workspace.openTextDocument(arg)
      : vscode.window.activeTextEditor?.document;
    if (!document || document.languageId !== 'dockerfile') {
      void vscode.window.showWarningMessage('dftools: open a Dockerfile to simulate its build.');
      return;
    }
    if (!client || client.state !== State.Running || !java) {
      void vscode.window.showWarningMessage('dftools: the language server is not running.');
      return;
    }
    if (document.isDirty) {
      await document.save();
    }
    reports.clear();
    reports.show(true);
    reports.appendLine(`dfsim build --dry-run: ${document.uri.fsPath}`);
    // The server's command: its report feeds the layer-size inlay hints and code lens.
    const summary = await client.sendRequest(ExecuteCommandRequest.type, {
      command: SERVER_COMMAND_SIMULATE, arguments: [document.uri.toString()],
    });
    reports.appendLine(String(summary ?? ''));
    reports.appendLine('');
    // The per-layer table from dfsim itself (bundled in the same jar).
    const folder = vscode.workspace.getWorkspaceFolder(document.uri);
    const contextSetting = vscode.workspace.getConfiguration(EXTENSION_SECTION, document.uri).get<string>('contextPath') ?? '';
    const base = folder ? folder.uri.fsPath : path.dirname(document.uri.fsPath);
    const buildContext = contextSetting ? path.resolve(base, contextSetting) : base;
    const table = await run(java.executable, ['-cp', jar, DFSIM_MAIN, 'build', '--dry-run', '-f', document.uri.fsPath, buildContext]);
    reports.append(table);
  });

  register('dftools.showRuleDocumentation', async (arg?: unknown) => {
    const docs = listRuleDocs(context.asAbsolutePath(path.join('docs', 'rules')));
    let code = typeof arg === 'string' ? arg : ruleCodeOf(arg);
    if (!code) {
      const editor = vscode.window.activeTextEditor;
      const here = editor && vscode.languages.getDiagnostics(editor.document.uri)
        .find((d) => d.range.contains(editor.selection.active) && ruleCodeOf(d.code));
      const picked = await vscode.window.showQuickPick(
        docs.map((d) => ({ label: d.code, description: d.name, detail: d.summary })),
        { placeHolder: 'Rule code or name', matchOnDescription: true, matchOnDetail: true, ...(here ? { value: ruleCodeOf(here.code) } : {}) });
      code = picked?.label;
    }
    if (!code) {
      return;
    }
    const doc = docs.find((d) => d.code === code);
    if (!doc) {
      void vscode.window.showWarningMessage(`dftools: no documentation for ${code}.`);
      return;
    }
    await vscode.commands.executeCommand('markdown.showPreview', vscode.Uri.file(doc.file));
  });

  // The first diagnostics after activation, in the log: start-up latency as the user sees it.
  const firstDiagnostics = vscode.languages.onDidChangeDiagnostics((e) => {
    if (e.uris.some((u) => vscode.languages.getDiagnostics(u).some((d) => d.source === 'dflint'))) {
      log.appendLine('first diagnostics shown');
      firstDiagnostics.dispose();
    }
  });
  context.subscriptions.push(firstDiagnostics);
  await start();
}

function isInTab(uri: vscode.Uri): boolean {
  return vscode.window.tabGroups.all.some((g) => g.tabs.some((t) =>
    t.input instanceof vscode.TabInputText && t.input.uri.toString() === uri.toString()));
}

function run(command: string, args: string[]): Promise<string> {
  return new Promise((resolve) => {
    cp.execFile(command, args, { timeout: 120000, maxBuffer: 16 * 1024 * 1024 }, (error, stdout, stderr) => {
      resolve(`${stdout}${stderr}${error && !stdout ? `dfsim failed: ${error.message}\n` : ''}`);
    });
  });
}

export function deactivate(): Thenable<void> | undefined {
  return client?.stop();
}
