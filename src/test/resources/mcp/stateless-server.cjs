// An MCP server of the stateless revision (2026-07-28) from the official TypeScript SDK v2, for Reaper's tests:
// one tool, add. With the argument "reject" it refuses the earlier revisions' initialize; without, it speaks both.
const { McpServer } = require('@modelcontextprotocol/server');
const { serveStdio } = require('@modelcontextprotocol/server/stdio');
const z = require('zod');
serveStdio(() => {
  const server = new McpServer({ name: 'stateless', version: '1.0.0' }, { capabilities: { tools: {} } });
  server.registerTool('add', { description: 'Adds two numbers', inputSchema: z.object({ a: z.number(), b: z.number() }) },
    async ({ a, b }) => ({ content: [{ type: 'text', text: String(a + b) }] }));
  return server;
}, { legacy: process.argv[2] === 'reject' ? 'reject' : 'serve' });
