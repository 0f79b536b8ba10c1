import { SHARE_CARD_SIZES, wrapText, type ShareCardSize } from '@vigie/domain';

/**
 * The card drawn as SVG: a band in the organisation's colour, the figure in large type, what it
 * counts, where and when, and the organisation's name and logo at the foot. Every text is
 * escaped; the logo is embedded as a data URI, so the file stands alone. Text is set in DejaVu
 * Sans (the system font librsvg finds offline), with common fallbacks for viewers.
 */
export type ShareCardModel = {
  size: ShareCardSize; big: string; label: string; context: string; headline: string | null;
  organisationName: string; primaryColour: string; accentColour: string; logo: { bytes: Buffer; type: string } | null;
};

const FONT = "DejaVu Sans, Liberation Sans, Arial, Helvetica, sans-serif";

export function escapeXml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

function textLines(lines: string[], x: number, y: number, size: number, attrs: string): string {
  return lines.map((l, i) => `<text x="${x}" y="${y + i * size * 1.2}" font-size="${size}" ${attrs}>${escapeXml(l)}</text>`).join('\n');
}

export function shareCardSvg(m: ShareCardModel): string {
  const { width, height } = SHARE_CARD_SIZES[m.size];
  const pad = Math.round(width * 0.07);
  const inner = width - 2 * pad;
  const landscape = width > height;
  // Character widths of DejaVu Sans average ~0.55 em (bold ~0.62 em).
  const bigSize = Math.min(landscape ? 150 : 190, Math.floor(inner / (0.62 * Math.max(6, m.big.length))));
  const bigLines = wrapText(m.big, Math.max(6, Math.floor(inner / (0.62 * bigSize))), 2);
  const labelSize = landscape ? 48 : 58;
  const labelLines = wrapText(m.label, Math.floor(inner / (0.6 * labelSize)), 3);
  const contextSize = landscape ? 32 : 38;
  const contextLines = wrapText(m.context, Math.floor(inner / (0.55 * contextSize)), 2);
  const headlineSize = landscape ? 30 : 36;
  const headlineLines = m.headline ? wrapText(m.headline, Math.floor(inner / (0.55 * headlineSize)), landscape ? 1 : 3) : [];
  const footer = Math.round(height * (landscape ? 0.17 : 0.13));
  let y = pad + bigSize * 0.85 + (landscape ? 0 : height * 0.08);
  const parts: string[] = [];
  parts.push(textLines(bigLines, pad, y, bigSize, `font-weight="bold" fill="#ffffff"`));
  y += (bigLines.length - 1) * bigSize * 1.2 + labelSize * 1.5;
  parts.push(textLines(labelLines, pad, y, labelSize, `font-weight="bold" fill="#ffffff"`));
  y += (labelLines.length - 1) * labelSize * 1.2 + contextSize * 1.8;
  parts.push(`<rect x="${pad}" y="${y - contextSize * 1.3}" width="${Math.round(inner * 0.18)}" height="8" fill="${m.accentColour}"/>`);
  parts.push(textLines(contextLines, pad, y, contextSize, `fill="#ffffff" fill-opacity="0.92"`));
  y += (contextLines.length - 1) * contextSize * 1.2 + headlineSize * 2;
  if (headlineLines.length) parts.push(textLines(headlineLines, pad, y, headlineSize, `font-style="italic" fill="#ffffff" fill-opacity="0.85"`));
  const logoSize = Math.round(footer * 0.62);
  const footerY = height - footer;
  const logo = m.logo
    ? `<image x="${pad}" y="${footerY + (footer - logoSize) / 2}" width="${logoSize}" height="${logoSize}" preserveAspectRatio="xMidYMid meet" href="data:${m.logo.type};base64,${m.logo.bytes.toString('base64')}"/>`
    : '';
  const nameX = m.logo ? pad + logoSize + 24 : pad;
  const nameSize = landscape ? 30 : 36;
  return `<?xml version="1.0" encoding="UTF-8"?>
<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="${FONT}">
<title>${escapeXml(`${m.big} ${m.label} — ${m.context}`)}</title>
<rect width="${width}" height="${height}" fill="${m.primaryColour}"/>
<rect y="${footerY}" width="${width}" height="${footer}" fill="#ffffff"/>
<rect y="${footerY - 10}" width="${width}" height="10" fill="${m.accentColour}"/>
${parts.join('\n')}
${logo}
<text x="${nameX}" y="${footerY + footer / 2 + nameSize * 0.35}" font-size="${nameSize}" font-weight="bold" fill="${m.primaryColour}">${escapeXml(m.organisationName)}</text>
</svg>`;
}
