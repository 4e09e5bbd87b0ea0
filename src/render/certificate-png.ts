import { createCanvas, type SKRSContext2D } from '@napi-rs/canvas';
import { ValidationError } from '../errors.js';
import { drawQrCode } from './draw-qr-code.js';
import { drawFittedText, drawLines, fitLines, measure, type FitTextOptions } from './fit-text.js';
import { cjkFont, ensureFonts } from './fonts.js';

/** What one certificate says. `date` is the issue date as YYYY-MM-DD. */
export interface CertificateInput {
  awardName: string;
  campName: string;
  learnerName: string;
  team?: string | null;
  date: string;
  code: string;
  verifyUrl: string;
  prize?: string | null;
}

export const CERTIFICATE_WIDTH = 1600;
export const CERTIFICATE_HEIGHT = 1130;

const W = CERTIFICATE_WIDTH;
const H = CERTIFICATE_HEIGHT;
const CX = W / 2;
const RED = '#9b1c1c';
const GOLD = '#b8893a';
const INK = '#2b2b2b';
const GREY = '#6b6358';

/**
 * Renders a landscape award certificate (1600×1130 PNG) with Chinese text, the verification code and a QR
 * code of `verifyUrl`. Long names shrink to fit. Throws ValidationError for a malformed date.
 * @example writeFileSync('cert.png', renderCertificate({ awardName: '最佳学员', campName: '2025 新人训练营',
 *   learnerName: '张三', date: '2025-06-30', code: 'ABCDE-…', verifyUrl: 'https://…/verify/ABCDE-…' }));
 */
export function renderCertificate(input: CertificateInput): Buffer {
  const dateText = chineseDate(input.date);
  ensureFonts();
  const canvas = createCanvas(W, H);
  const ctx = canvas.getContext('2d');
  drawBackground(ctx);
  drawFrame(ctx);
  drawHeading(ctx);
  drawBody(ctx, input);
  drawFooter(ctx, input, dateText);
  return canvas.toBuffer('image/png');
}

/** "2025-06-30" → "2025年6月30日". */
export function chineseDate(date: string): string {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date);
  const probe = new Date(`${date}T00:00:00Z`);
  if (!match || Number.isNaN(probe.getTime()) || probe.toISOString().slice(0, 10) !== date) {
    throw new ValidationError(`证书日期格式不正确：${date}（应为 YYYY-MM-DD）`);
  }
  return `${match[1]}年${Number(match[2])}月${Number(match[3])}日`;
}

/** Flat fills only: a gradient looks hardly different here but makes the PNG 6× slower to encode. */
function drawBackground(ctx: SKRSContext2D): void {
  ctx.fillStyle = '#f3ead6';
  ctx.fillRect(0, 0, W, H);
  ctx.fillStyle = '#fffcf3';
  ctx.fillRect(43, 43, W - 86, H - 86);
}

function drawFrame(ctx: SKRSContext2D): void {
  ctx.strokeStyle = RED;
  ctx.lineWidth = 18;
  ctx.strokeRect(34, 34, W - 68, H - 68);
  ctx.strokeStyle = GOLD;
  ctx.lineWidth = 3;
  ctx.strokeRect(58, 58, W - 116, H - 116);
  ctx.lineWidth = 1.5;
  ctx.strokeRect(68, 68, W - 136, H - 136);
  for (const [x, y] of [[68, 68], [W - 68, 68], [68, H - 68], [W - 68, H - 68]] as const) {
    drawDiamond(ctx, x, y, 16, GOLD);
    drawDiamond(ctx, x, y, 7, RED);
  }
}

function drawDiamond(ctx: SKRSContext2D, x: number, y: number, r: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  ctx.moveTo(x, y - r);
  ctx.lineTo(x + r, y);
  ctx.lineTo(x, y + r);
  ctx.lineTo(x - r, y);
  ctx.closePath();
  ctx.fill();
}

function drawHeading(ctx: SKRSContext2D): void {
  drawFittedText(ctx, '荣誉证书', { x: CX, y: 228, maxWidth: 900, size: 100, weight: 'bold', color: RED, spacing: 36 });
  drawFittedText(ctx, 'CERTIFICATE OF HONOR', { x: CX, y: 278, maxWidth: 900, size: 24, color: GOLD, spacing: 10 });
  drawRule(ctx, 318, 260);
}

/** A gold rule with a diamond in the middle, `half` px each side of the centre. */
function drawRule(ctx: SKRSContext2D, y: number, half: number): void {
  ctx.strokeStyle = GOLD;
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.moveTo(CX - half, y);
  ctx.lineTo(CX - 18, y);
  ctx.moveTo(CX + 18, y);
  ctx.lineTo(CX + half, y);
  ctx.stroke();
  drawDiamond(ctx, CX, y, 8, GOLD);
}

/** A stacked piece of the body: room above its first baseline, first-to-last baseline span, room below. */
interface Block {
  above: number;
  span: number;
  below: number;
  draw: (baseline: number) => void;
}

const BODY_TOP = 336;
const BODY_BOTTOM = 846;

/** Stacks the body blocks and spreads any spare height evenly between them, so short and long texts both sit well. */
function drawBody(ctx: SKRSContext2D, input: CertificateInput): void {
  const blocks = bodyBlocks(ctx, input);
  const used = blocks.reduce((sum, b) => sum + b.above + b.span + b.below, 0);
  const gap = Math.min(28, Math.max(0, BODY_BOTTOM - BODY_TOP - used) / (blocks.length + 1));
  let y = BODY_TOP + Math.max(0, BODY_BOTTOM - BODY_TOP - used - gap * (blocks.length - 1)) / 2;
  for (const block of blocks) {
    y += block.above;
    block.draw(y);
    y += block.span + block.below + gap;
  }
}

function bodyBlocks(ctx: SKRSContext2D, input: CertificateInput): Block[] {
  const blocks: Block[] = [
    textBlock(ctx, '兹授予', { size: 34, color: GREY, spacing: 8, maxWidth: 600 }, 0),
    nameBlock(ctx, input.learnerName),
  ];
  if (input.team) blocks.push(textBlock(ctx, `所属团队：${input.team}`, { size: 28, minSize: 18, color: GREY, maxWidth: 900 }, 14));
  const sentence = `在「${input.campName}」中表现优异，特授予`;
  blocks.push(textBlock(ctx, sentence, { size: 34, minSize: 20, color: INK, maxWidth: 1240 }, 22, 26));
  blocks.push(textBlock(ctx, input.awardName, { size: 96, minSize: 40, weight: 'bold', color: RED, spacing: 10, maxWidth: 1200 }, 12, 64, 60));
  if (input.prize) blocks.push(textBlock(ctx, `奖品：${input.prize}`, { size: 28, minSize: 18, color: GREY, maxWidth: 1000 }, 18));
  return blocks;
}

type BlockStyle = Omit<FitTextOptions, 'x' | 'y'>;

/** Centred text that wraps to two lines below `wrapBelow` px (no wrapping when omitted), capped at `twoLineMax`. */
function textBlock(ctx: SKRSContext2D, text: string, style: BlockStyle, gapAbove: number, wrapBelow = 0, twoLineMax = Infinity): Block {
  const options = { ...style, x: CX, y: 0 };
  const fitted = fitLines(ctx, text, { ...options, wrapBelow });
  if (fitted.lines.length > 1) fitted.size = Math.min(fitted.size, twoLineMax);
  const step = fitted.size * 1.3;
  return {
    above: gapAbove + fitted.size * 0.88,
    span: (fitted.lines.length - 1) * step,
    below: fitted.size * 0.14,
    draw: (y) => drawLines(ctx, fitted, { ...options, y }, step),
  };
}

/** The learner's name, big and bold on one line, over a gold rule a little wider than the name. */
function nameBlock(ctx: SKRSContext2D, learnerName: string): Block {
  const options = { x: CX, y: 0, maxWidth: 1100, size: 84, minSize: 36, weight: 'bold', color: INK, spacing: 12 } as const;
  const size = fitLines(ctx, learnerName, { ...options, wrapBelow: 0 }).size;
  const rule = Math.max(600, measure(ctx, learnerName, size, options) + 80);
  return {
    above: 16 + size * 0.88,
    span: 0,
    below: 30,
    draw: (y) => {
      drawFittedText(ctx, learnerName, { ...options, y });
      ctx.fillStyle = GOLD;
      ctx.fillRect(CX - rule / 2, y + 26, rule, 2);
    },
  };
}

function drawFooter(ctx: SKRSContext2D, input: CertificateInput, dateText: string): void {
  const qrTop = 862;
  drawQrCode(ctx, input.verifyUrl, 120, qrTop, 164);
  const left = 306;
  drawFittedText(ctx, '扫码或访问链接验证证书真伪', { x: left, y: qrTop + 36, maxWidth: 520, size: 22, color: GREY, align: 'left' });
  drawFittedText(ctx, `验证码 ${input.code}`, { x: left, y: qrTop + 86, maxWidth: 560, size: 30, minSize: 18, weight: 'bold', color: INK, align: 'left' });
  drawFittedText(ctx, input.verifyUrl, { x: left, y: qrTop + 128, maxWidth: 560, size: 20, minSize: 12, color: GREY, align: 'left' });
  const issuerX = W - 340;
  drawSeal(ctx, issuerX, 948);
  const issuer = { x: issuerX, y: 936, maxWidth: 480, size: 30, minSize: 16, weight: 'bold', color: INK } as const;
  const fitted = fitLines(ctx, input.campName, { ...issuer, wrapBelow: 24 });
  const step = fitted.size * 1.3;
  drawLines(ctx, fitted, { ...issuer, y: 936 - (fitted.lines.length - 1) * step }, step);
  drawFittedText(ctx, dateText, { x: issuerX, y: 986, maxWidth: 480, size: 28, color: GREY });
}

/** A faint red round stamp behind the issuer lines, like a company chop; faint so the text stays legible. */
function drawSeal(ctx: SKRSContext2D, x: number, y: number): void {
  ctx.save();
  ctx.globalAlpha = 0.4;
  ctx.strokeStyle = '#c62828';
  ctx.lineWidth = 6;
  ctx.beginPath();
  ctx.arc(x, y, 86, 0, Math.PI * 2);
  ctx.stroke();
  ctx.lineWidth = 2;
  ctx.beginPath();
  ctx.arc(x, y, 76, 0, Math.PI * 2);
  ctx.stroke();
  drawStar(ctx, x, y - 42, 20, '#c62828');
  ctx.fillStyle = '#c62828';
  ctx.font = cjkFont(20, 'bold');
  ctx.textAlign = 'center';
  ctx.fillText('荣 誉 认 证', x, y + 66);
  ctx.restore();
}

function drawStar(ctx: SKRSContext2D, x: number, y: number, r: number, color: string): void {
  ctx.fillStyle = color;
  ctx.beginPath();
  for (let i = 0; i < 10; i++) {
    const radius = i % 2 === 0 ? r : r * 0.42;
    const angle = -Math.PI / 2 + (i * Math.PI) / 5;
    ctx.lineTo(x + radius * Math.cos(angle), y + radius * Math.sin(angle));
  }
  ctx.closePath();
  ctx.fill();
}
