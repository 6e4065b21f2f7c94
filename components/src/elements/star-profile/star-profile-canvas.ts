import {
  MAX_SCORE, bandOf, localised, radarAxes, radarPoints, ringFraction, scoreValue, valueText,
  type BandTone, type RadarGeometry, type StarProfileConfig, type StarProfileValues, type UiLocale,
} from '../../core/index.js';

/** The band colours of the shared picture: the element's defaults, readable with dark text. */
const TONES: Readonly<Record<BandTone, string>> = { red: '#f4b6b6', yellow: '#f6e08e', green: '#b9e0b4' };
const INK = '#1d1d1b';
const LINE = '#767676';
const SHAPE = '#00508a';

export interface StarProfilePictureTexts {
  readonly title: string;
  readonly unanswered: string;
}

/**
 * The star profile drawn as a picture to share as a video track (1920×1080, so it fills a call's
 * stage): the chart with its bands on the left, every area with its value on the right. Drawn
 * from the data, not copied from the page, so nothing but the profile can end up in it — it holds
 * no name and no personnummer by construction.
 */
export function starProfilePicture(config: StarProfileConfig, values: StarProfileValues, locale: UiLocale, texts: StarProfilePictureTexts): HTMLCanvasElement {
  const canvas = document.createElement('canvas');
  canvas.width = 1920;
  canvas.height = 1080;
  const c = canvas.getContext('2d');
  if (!c) throw new Error('no 2D canvas');
  const rtl = locale === 'ar' || locale === 'fa';
  c.fillStyle = '#fff';
  c.fillRect(0, 0, canvas.width, canvas.height);
  c.fillStyle = INK;
  c.font = 'bold 56px system-ui, sans-serif';
  c.textBaseline = 'top';
  c.direction = rtl ? 'rtl' : 'ltr';
  c.textAlign = rtl ? 'right' : 'left';
  c.fillText(texts.title, rtl ? canvas.width - 60 : 60, 40);

  const dims = config.dimensions;
  const g: RadarGeometry = { cx: 560, cy: 600, radius: 380, count: dims.length };
  // Band rings, outermost first, each filled in its band's colour.
  for (let score = MAX_SCORE; score >= 1; score--) {
    const band = bandOf(config, score as 1 | 2 | 3 | 4 | 5);
    c.beginPath();
    c.arc(g.cx, g.cy, g.radius * ringFraction(score), 0, 2 * Math.PI);
    c.fillStyle = band ? TONES[band.tone] : '#eee';
    c.fill();
    c.strokeStyle = '#fff';
    c.lineWidth = 2;
    c.stroke();
  }
  c.strokeStyle = LINE;
  c.lineWidth = 2;
  for (const end of radarAxes(g)) {
    c.beginPath();
    c.moveTo(g.cx, g.cy);
    c.lineTo(end.x, end.y);
    c.stroke();
  }
  // The shape of the answers, through the answered areas only.
  const scores = dims.map((d) => scoreValue(d.scale, values[d.id]));
  const points = radarPoints(scores, g).filter((p) => p !== undefined);
  if (points.length > 0) {
    c.beginPath();
    points.forEach((p, i) => {
      if (i === 0) c.moveTo(p.x, p.y);
      else c.lineTo(p.x, p.y);
    });
    c.closePath();
    c.fillStyle = 'rgba(0, 80, 138, 0.25)';
    c.fill();
    c.strokeStyle = SHAPE;
    c.lineWidth = 6;
    c.stroke();
    c.fillStyle = SHAPE;
    for (const p of points) {
      c.beginPath();
      c.arc(p.x, p.y, 10, 0, 2 * Math.PI);
      c.fill();
    }
  }
  // Short axis numbers beside the chart: the names are in the list, where there is room for them.
  c.font = 'bold 30px system-ui, sans-serif';
  c.textAlign = 'center';
  c.textBaseline = 'middle';
  c.fillStyle = INK;
  radarAxes({ ...g, radius: g.radius + 34 }).forEach((p, i) => {
    c.fillText(String(i + 1), p.x, p.y);
  });

  // The list: number, area, value, band colour.
  const rowHeight = Math.min(64, 880 / Math.max(dims.length, 1));
  const left = 1060;
  const right = 1860;
  c.textBaseline = 'middle';
  dims.forEach((d, i) => {
    const y = 150 + i * rowHeight + rowHeight / 2;
    const score = scores[i];
    const band = bandOf(config, score);
    c.fillStyle = band ? TONES[band.tone] : '#f0f0f0';
    c.fillRect(left - 20, y - rowHeight / 2 + 4, right - left + 40, rowHeight - 8);
    c.fillStyle = INK;
    c.font = `${String(Math.round(rowHeight * 0.45))}px system-ui, sans-serif`;
    const label = `${String(i + 1)}. ${localised(d.label, locale)}`;
    const value = valueText(d, values[d.id], locale) ?? texts.unanswered;
    c.textAlign = rtl ? 'right' : 'left';
    c.fillText(label, rtl ? right : left, y, 520);
    c.textAlign = rtl ? 'left' : 'right';
    c.fillText(value, rtl ? left : right, y, 280);
  });
  return canvas;
}
