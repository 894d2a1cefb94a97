// A dependency-free SVG bar chart: each client's result relative to ws (ws = 1.0) per workload.

export function renderChart(results) {
  const clients = ['steadysocket', 'ws + bufferutil', 'undici', 'raw TCP'];
  const colours = { steadysocket: '#2563eb', 'ws + bufferutil': '#9ca3af', undici: '#f59e0b', 'raw TCP': '#10b981' };
  const rowHeight = 18 * clients.length + 14;
  const width = 760;
  const left = 210;
  const scale = (width - left - 60) / 3; // up to 3× ws
  const height = 40 + results.length * rowHeight;
  const parts = [`<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" font-family="sans-serif" font-size="11">`];
  parts.push(`<text x="${left}" y="16" font-weight="bold">relative to ws (higher is better; latency inverted)</text>`);
  parts.push(`<line x1="${left + scale}" y1="24" x2="${left + scale}" y2="${height}" stroke="#111" stroke-dasharray="3,3"/>`);
  results.forEach((result, row) => {
    const y = 30 + row * rowHeight;
    parts.push(`<text x="4" y="${y + 12}">${result.workload}</text>`);
    clients.forEach((client, i) => {
      const value = result.values[client];
      const base = result.values.ws;
      if (value === undefined || !base) return;
      const relative = result.lowerIsBetter ? base / value : value / base;
      const barY = y + i * 18;
      parts.push(`<rect x="${left}" y="${barY}" width="${Math.min(relative, 3) * scale}" height="14" fill="${colours[client]}"/>`);
      parts.push(`<text x="${left + Math.min(relative, 3) * scale + 4}" y="${barY + 11}">${client} ${relative.toFixed(2)}×</text>`);
    });
  });
  parts.push('</svg>');
  return parts.join('\n') + '\n';
}
