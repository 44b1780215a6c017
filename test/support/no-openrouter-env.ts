// Runs before every test file: the SDK reads OPENROUTER_* variables (an API key, a base URL, debug
// output), so a developer's own settings must not change what the tests see. Tests that mean to set
// one do it in a child process (test/environment.test.ts).
for (const name of Object.keys(process.env)) if (name.startsWith("OPENROUTER_")) delete process.env[name];
