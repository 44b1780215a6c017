// Activation: one URI handler and the two commands, all disposed with the extension.
import * as vscode from "vscode";
import { OpenRouterSignIn } from "./openrouter-sign-in.js";

export function activate(context: vscode.ExtensionContext): void {
  const signIn = new OpenRouterSignIn(context);
  context.subscriptions.push(
    signIn,
    // Registered at activation ("onUri" in package.json): VS Code wakes the extension for the callback.
    vscode.window.registerUriHandler(signIn),
    vscode.commands.registerCommand("openrouter.signIn", () => signIn.signIn()),
    vscode.commands.registerCommand("openrouter.signOut", () => signIn.signOut()),
  );
}

export function deactivate(): void {}

export { OpenRouterSignIn } from "./openrouter-sign-in.js";
