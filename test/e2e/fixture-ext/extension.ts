// Test-only extension that exercises every harness helper the real Feishu Upload e2e test
// will need (password input, toast + button, clipboard, status bar, output channel,
// Explorer context menu, progress). Packaged on the fly by fixture.e2e.ts.
import * as vscode from 'vscode';

export function activate(context: vscode.ExtensionContext): void {
  const out = vscode.window.createOutputChannel('Feishu E2E Fixture');
  // DOM id: "<publisher>.<name>.status" = feishu-upload-e2e.feishu-e2e-fixture.status
  const status = vscode.window.createStatusBarItem('status', vscode.StatusBarAlignment.Left, 100);
  status.text = '$(check) Fixture ready';
  status.show();
  out.appendLine('fixture activated');

  context.subscriptions.push(
    out,
    status,
    vscode.commands.registerCommand('feishuE2eFixture.askSecret', async () => {
      const secret = await vscode.window.showInputBox({ password: true, prompt: 'Fixture secret', ignoreFocusOut: true });
      if (!secret) return;
      await context.secrets.store('fixture.secret', secret);
      out.appendLine(`secret stored (${secret.length} chars)`);
      const pick = await vscode.window.showInformationMessage(`Stored secret of ${secret.length} chars`, 'Copy Length');
      if (pick === 'Copy Length') await vscode.env.clipboard.writeText(String(secret.length));
    }),
    vscode.commands.registerCommand('feishuE2eFixture.pickColor', async () => {
      const color = await vscode.window.showQuickPick(['Red', 'Green', 'Blue', 'Green-ish'], { placeHolder: 'Pick a color' });
      if (color) void vscode.window.showInformationMessage(`Picked ${color}`);
    }),
    vscode.commands.registerCommand('feishuE2eFixture.fileInfo', async (uri?: vscode.Uri) => {
      if (!uri) return;
      const stat = await vscode.window.withProgress(
        { location: vscode.ProgressLocation.Notification, title: 'Reading file info' },
        () => vscode.workspace.fs.stat(uri),
      );
      const name = uri.path.split('/').pop() ?? '';
      status.text = `$(file) ${name}`;
      out.appendLine(`file info ${name} ${stat.size}`);
      void vscode.window.showInformationMessage(`${name}: ${stat.size} bytes`);
    }),
  );
}

export function deactivate(): void {
  // nothing to release beyond context.subscriptions
}
