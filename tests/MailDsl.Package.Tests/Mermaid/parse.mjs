// Parses a Mermaid diagram (stdin) with Mermaid's own parser and prints what it read as JSON: the vertices with their
// text, the edges with their labels, the subgraphs with their titles and nodes. Exit 1 with Mermaid's message when it
// does not parse. Mermaid needs a DOM for its sanitizer, so jsdom provides one; nothing is rendered.
import { JSDOM } from 'jsdom';
const dom = new JSDOM('<!doctype html><html><body></body></html>');
globalThis.window = dom.window;
globalThis.document = dom.window.document;
const { default: mermaid } = await import('mermaid');
const chunks = [];
for await (const chunk of process.stdin) chunks.push(chunk);
const text = Buffer.concat(chunks).toString('utf8');
try {
  await mermaid.parse(text);
  const diagram = await mermaid.mermaidAPI.getDiagramFromText(text);
  const vertices = diagram.db.getVertices();
  const list = vertices instanceof Map ? [...vertices.values()] : Object.values(vertices);
  console.log(JSON.stringify({
    type: diagram.type,
    vertices: list.map(v => ({ id: v.id, text: v.text })),
    edges: diagram.db.getEdges().map(e => ({ start: e.start, end: e.end, text: e.text })),
    subgraphs: diagram.db.getSubGraphs().map(s => ({ id: s.id, title: s.title, nodes: s.nodes })),
  }));
} catch (e) {
  console.error('mermaid: ' + (e && e.message ? e.message : String(e)));
  process.exit(1);
}
