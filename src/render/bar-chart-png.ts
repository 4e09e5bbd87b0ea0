import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ValidationError } from '../errors.js';
import { drawFittedText, drawLines, fitLines, measure } from './fit-text.js';
import { cjkFont, ensureFonts } from './fonts.js';
import { formatTick, niceScale, type NiceScale } from './nice-scale.js';

/** One coloured set of bars; `values[i]` belongs to `labels[i]` (NaN = no data, drawn as no bar). */
export interface BarSeries {
  name: string;
  values: number[];
}

export interface BarChartInput {
  title: string;
  labels: string[];
  series: BarSeries[];
  width?: number;
  height?: number;
  /** Fixes the top of the value axis (e.g. 100 for scores); by default it is rounded up from the data. */
  yMax?: number;
}

const PALETTE = ['#3b6fb6', '#e08a2e', '#3c9a6b', '#c8473f', '#7c5cb5', '#2a9bb3', '#b5864a', '#d4609b'];
const INK = '#222222';
const MUTED = '#666666';
const GRID = '#e6e6e6';

interface ValueLabels {
  size: number;
  rotated: boolean;
  extent: number;
}

interface Plot {
  left: number;
  top: number;
  width: number;
  height: number;
  scale: NiceScale;
  groupWidth: number;
  barWidth: number;
  labels: ValueLabels;
}

const LABEL_STYLE = { x: 0, y: 0, maxWidth: Infinity, size: 18, color: INK } as const;

/**
 * Renders a grouped bar chart PNG (default 1200×700) with Chinese labels, a value axis, a legend and each bar's
 * value with 2 decimals. Throws ValidationError when a series' length differs from `labels`.
 * @example renderBarChart({ title: '各部门平均综合分', labels: ['销售部', '研发部'],
 *   series: [{ name: '综合分', values: [82.5, 77.25] }], yMax: 100 })
 */
export function renderBarChart(input: BarChartInput): Buffer {
  checkInput(input);
  ensureFonts();
  const width = input.width ?? 1200;
  const height = input.height ?? 700;
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = '#ffffff';
  ctx.fillRect(0, 0, width, height);
  const unit = Math.min(width / 1200, height / 700);
  drawFittedText(ctx, input.title, { x: width / 2, y: 52 * unit, maxWidth: width - 60, size: 34 * unit, minSize: 14, weight: 'bold', color: INK });
  const legendBottom = drawLegend(ctx, input.series, width, 92 * unit, unit);
  if (input.labels.length === 0 || input.series.length === 0) {
    drawFittedText(ctx, '暂无数据', { x: width / 2, y: height / 2, maxWidth: width - 60, size: 28 * unit, minSize: 12, color: MUTED });
    return canvas.toBuffer('image/png');
  }
  const plot = layoutPlot(ctx, input, width, height, legendBottom + 24 * unit, unit);
  drawAxis(ctx, plot, unit);
  drawBars(ctx, input, plot, unit);
  drawCategoryLabels(ctx, input.labels, plot, unit);
  return canvas.toBuffer('image/png');
}

function checkInput(input: BarChartInput): void {
  const bad = input.series.filter((s) => s.values.length !== input.labels.length);
  if (bad.length > 0) {
    const names = bad.map((s) => s.name).join('、');
    throw new ValidationError(`图表数据不完整：系列「${names}」的数值个数与标签个数（${input.labels.length}）不一致`);
  }
  const size = [input.width ?? 1200, input.height ?? 700];
  if (size.some((n) => !Number.isInteger(n) || n < 200 || n > 4000)) {
    throw new ValidationError(`图表尺寸应为 200–4000 像素的整数：${size.join('×')}`);
  }
}

/** Centred row(s) of colour swatches and series names; returns the y below the legend. */
function drawLegend(ctx: SKRSContext2D, series: BarSeries[], width: number, y: number, unit: number): number {
  if (series.length < 2) return y - 20 * unit;
  const size = Math.max(12, 20 * unit);
  const box = size * 0.8;
  const gap = size * 1.4;
  const widths = series.map((s) => box + 8 + Math.min(measure(ctx, s.name, size, textStyle(size)), width / 3) + gap);
  const total = widths.reduce((a, b) => a + b, 0) - gap;
  let x = Math.max(20, (width - total) / 2);
  series.forEach((s, i) => {
    ctx.fillStyle = PALETTE[i % PALETTE.length]!;
    ctx.fillRect(x, y - box, box, box);
    const nameWidth = widths[i]! - box - 8 - gap;
    drawFittedText(ctx, s.name, { ...textStyle(size), x: x + box + 8, y, maxWidth: nameWidth, align: 'left' });
    x += widths[i]!;
  });
  return y + size * 0.4;
}

function textStyle(size: number) {
  return { x: 0, y: 0, maxWidth: Infinity, size, minSize: 10, color: INK } as const;
}

function layoutPlot(ctx: SKRSContext2D, input: BarChartInput, width: number, height: number, top: number, unit: number): Plot {
  const values = input.series.flatMap((s) => s.values).filter(Number.isFinite);
  const scale = valueScale(values, input.yMax);
  ctx.font = cjkFont(16 * unit);
  const axisWidth = Math.max(...scale.ticks.map((t) => ctx.measureText(formatTick(t)).width));
  const left = 30 * unit + axisWidth + 12 * unit;
  const plotWidth = width - left - 40 * unit;
  const groupWidth = plotWidth / input.labels.length;
  const barWidth = Math.min((groupWidth * 0.72) / input.series.length, 90 * unit);
  const labels = planValueLabels(ctx, values, barWidth, unit);
  const above = values.some((v) => v >= 0) ? labels.extent : 0;
  const below = values.some((v) => v < 0) ? labels.extent : 0;
  const bottom = height - 80 * unit - below;
  return { left, top: top + above, width: plotWidth, height: bottom - top - above, scale, groupWidth, barWidth, labels };
}

function valueScale(values: number[], yMax: number | undefined): NiceScale {
  const scale = niceScale(Math.min(0, ...values), yMax ?? Math.max(0, ...values));
  if (yMax === undefined) return scale;
  return { ...scale, max: yMax, ticks: scale.ticks.filter((t) => t <= yMax) };
}

/**
 * Value labels are never cut (a truncated number misleads): horizontal when the widest fits over its bar at
 * 10 px or more, otherwise turned upright along the bar. `extent` is the room they need beyond the bar's end.
 */
function planValueLabels(ctx: SKRSContext2D, values: number[], barWidth: number, unit: number): ValueLabels {
  const texts = values.map((v) => v.toFixed(2));
  const widest = (size: number) => Math.max(0, ...texts.map((t) => measure(ctx, t, size, LABEL_STYLE)));
  const horizontal = Math.min(18 * unit, Math.floor((18 * unit * (barWidth + 4)) / Math.max(1, widest(18 * unit))));
  if (horizontal >= 10) return { size: horizontal, rotated: false, extent: horizontal + 8 * unit };
  const size = Math.max(9, Math.min(14 * unit, barWidth * 0.9));
  return { size, rotated: true, extent: widest(size) + 10 * unit };
}

function yOf(plot: Plot, value: number): number {
  const { min, max } = plot.scale;
  const clamped = Math.min(Math.max(value, min), max);
  return plot.top + plot.height - ((clamped - min) / (max - min)) * plot.height;
}

function drawAxis(ctx: SKRSContext2D, plot: Plot, unit: number): void {
  ctx.lineWidth = 1;
  for (const tick of plot.scale.ticks) {
    const y = Math.round(yOf(plot, tick)) + 0.5;
    ctx.strokeStyle = tick === 0 ? '#999999' : GRID;
    ctx.beginPath();
    ctx.moveTo(plot.left, y);
    ctx.lineTo(plot.left + plot.width, y);
    ctx.stroke();
    ctx.fillStyle = MUTED;
    ctx.font = cjkFont(16 * unit);
    ctx.textAlign = 'right';
    ctx.fillText(formatTick(tick), plot.left - 12 * unit, y + 6 * unit);
  }
  ctx.strokeStyle = '#999999';
  ctx.beginPath();
  ctx.moveTo(plot.left + 0.5, plot.top);
  ctx.lineTo(plot.left + 0.5, plot.top + plot.height);
  ctx.stroke();
}

function drawBars(ctx: SKRSContext2D, input: BarChartInput, plot: Plot, unit: number): void {
  const { groupWidth, barWidth } = plot;
  const zero = yOf(plot, 0);
  input.labels.forEach((_, i) => {
    const start = plot.left + i * groupWidth + (groupWidth - barWidth * input.series.length) / 2;
    input.series.forEach((s, k) => {
      const value = s.values[i]!;
      if (!Number.isFinite(value)) return;
      const x = start + k * barWidth;
      const y = yOf(plot, value);
      ctx.fillStyle = PALETTE[k % PALETTE.length]!;
      ctx.fillRect(x + 1, Math.min(y, zero), barWidth - 2, Math.abs(zero - y));
      drawValueLabel(ctx, value, x + barWidth / 2, y, plot.labels, unit);
    });
  });
}

function drawValueLabel(ctx: SKRSContext2D, value: number, x: number, y: number, labels: ValueLabels, unit: number): void {
  const text = value.toFixed(2);
  const style = { ...LABEL_STYLE, size: labels.size, minSize: labels.size };
  if (!labels.rotated) {
    const labelY = value >= 0 ? y - 6 * unit : y + labels.size + 4 * unit;
    drawFittedText(ctx, text, { ...style, x, y: labelY });
    return;
  }
  ctx.save();
  ctx.translate(x + labels.size * 0.35, value >= 0 ? y - 6 * unit : y + 6 * unit);
  ctx.rotate(-Math.PI / 2);
  drawFittedText(ctx, text, { ...style, x: 0, y: 0, align: value >= 0 ? 'left' : 'right' });
  ctx.restore();
}

/** Category names under each group, on two lines when long. */
function drawCategoryLabels(ctx: SKRSContext2D, labels: string[], plot: Plot, unit: number): void {
  const groupWidth = plot.width / labels.length;
  const baseline = plot.top + plot.height + 30 * unit;
  labels.forEach((label, i) => {
    const options = { x: plot.left + (i + 0.5) * groupWidth, y: baseline, maxWidth: groupWidth - 8, size: 18 * unit, minSize: 10, color: INK } as const;
    const fitted = fitLines(ctx, label, { ...options, wrapBelow: 14 * unit });
    drawLines(ctx, fitted, options, fitted.size * 1.25);
  });
}
