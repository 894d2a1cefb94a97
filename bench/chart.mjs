// A dependency-free SVG bar chart: each client's result relative to ws (ws = 1.0) per workload,
// one block per section (binary, text, connection), each under its own title.

const clients = ['steadysocket', 'ws + bufferutil', 'undici', 'raw TCP'];
const colours = { steadysocket: '#2563eb', 'ws + bufferutil': '#9ca3af', undici: '#f59e0b', 'raw TCP': '#10b981' };

/** `bySection`: section key -> results; `titles`: section key -> title, in display order. */
export function renderChart(bySection, titles) {
  const width = 800;
  const left = 250;
  const scale = (width - left - 70) / 3; // up to 3× ws
  const body = [];
  let y = 30;
  for (const [section, title] of Object.entries(titles)) {
    const results = bySection[section] ?? [];
    if (results.length === 0) continue;
    body.push(`<text x="4" y="${y + 14}" font-weight="bold" font-size="12">${title}</text>`);
    y += 24;
    for (const result of results) {
      const shown = clients.filter((client) => result.values[client] !== undefined && result.values.ws);
      body.push(`<text x="4" y="${y + 12}">${result.workload}</text>`);
      shown.forEach((client, i) => {
        const value = result.values[client];
        const base = result.values.ws;
        const relative = result.lowerIsBetter ? base / value : value / base;
        const barY = y + i * 18;
        body.push(`<rect x="${left}" y="${barY}" width="${Math.min(relative, 3) * scale}" height="14" fill="${colours[client]}"/>`);
        body.push(`<text x="${left + Math.min(relative, 3) * scale + 4}" y="${barY + 11}">${client} ${relative.toFixed(2)}×</text>`);
      });
      y += 18 * Math.max(shown.length, 1) + 10;
    }
    y += 6;
  }
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${y}" font-family="sans-serif" font-size="11">`];
  parts.push(`<text x="${left}" y="16" font-weight="bold">relative to ws (higher is better; latency and memory inverted)</text>`);
  parts.push(`<line x1="${left + scale}" y1="24" x2="${left + scale}" y2="${y}" stroke="#111" stroke-dasharray="3,3"/>`);
  return [...parts, ...body, '</svg>'].join('\n') + '\n';
}
