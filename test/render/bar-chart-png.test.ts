import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import { renderBarChart } from '../../src/render/bar-chart-png.js';
import { countColour, pngPixels, pngSize } from './png-support.js';

const FIRST_SERIES = '#3b6fb6';
const SECOND_SERIES = '#e08a2e';

describe('renderBarChart', () => {
  it('is 1200×700 by default and the requested size otherwise', () => {
    const chart = { title: '各部门平均综合分', labels: ['销售部', '研发部'], series: [{ name: '综合分', values: [82.5, 77.25] }] };
    expect(pngSize(renderBarChart(chart))).toEqual({ width: 1200, height: 700 });
    expect(pngSize(renderBarChart({ ...chart, width: 800, height: 450 }))).toEqual({ width: 800, height: 450 });
  });

  it('draws bar heights in proportion to the values on a fixed axis', async () => {
    const bar = async (value: number) => {
      const png = renderBarChart({ title: '比例', labels: ['甲'], series: [{ name: '分', values: [value] }], yMax: 100 });
      return countColour(await pngPixels(png), FIRST_SERIES);
    };
    const full = await bar(100);
    const half = await bar(50);
    expect(full).toBeGreaterThan(10_000);
    expect(half / full).toBeGreaterThan(0.47);
    expect(half / full).toBeLessThan(0.53);
  });

  it('gives each series its own colour and skips missing values', async () => {
    const pixels = await pngPixels(
      renderBarChart({
        title: '新员工与其他',
        labels: ['销售部', '研发部'],
        series: [
          { name: '新员工', values: [80, 60] },
          { name: '其他', values: [Number.NaN, 40] },
        ],
        yMax: 100,
      }),
    );
    const first = countColour(pixels, FIRST_SERIES, 8, [140, 700]);
    const second = countColour(pixels, SECOND_SERIES, 8, [140, 700]);
    // Same bar width: heights 80+60 against 40 alone.
    expect(second / first).toBeGreaterThan(40 / 140 - 0.04);
    expect(second / first).toBeLessThan(40 / 140 + 0.04);
  });

  it('says there is no data for an empty chart', () => {
    expect(pngSize(renderBarChart({ title: '空', labels: [], series: [] }))).toEqual({ width: 1200, height: 700 });
  });

  it('rejects series whose length does not match the labels, and absurd sizes', () => {
    const labels = ['甲', '乙'];
    expect(() => renderBarChart({ title: 't', labels, series: [{ name: '分', values: [1] }] })).toThrow(ValidationError);
    expect(() => renderBarChart({ title: 't', labels, series: [], width: 50 })).toThrow(ValidationError);
  });
});
