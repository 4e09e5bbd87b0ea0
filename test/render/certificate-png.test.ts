import jsQRModule from 'jsqr';
import { describe, expect, it } from 'vitest';
import { ValidationError } from '../../src/errors.js';
import {
  CERTIFICATE_HEIGHT,
  CERTIFICATE_WIDTH,
  chineseDate,
  renderCertificate,
  type CertificateInput,
} from '../../src/render/certificate-png.js';
import { pngPixels, pngSize } from './png-support.js';

const CERT: CertificateInput = {
  awardName: '综合成绩一等奖',
  campName: '2025 年新员工训练营（第三期）',
  learnerName: '欧阳赟',
  team: '星火队',
  date: '2025-06-30',
  code: '30T4N-JFBR0-C1HFR-R3NRT',
  verifyUrl: 'http://localhost:3000/verify/30T4N-JFBR0-C1HFR-R3NRT',
  prize: '定制纪念奖杯',
};

/** Rows [top, bottom) of two same-sized images that differ in at least one pixel. */
function rowsDiffer(a: Uint8ClampedArray, b: Uint8ClampedArray, width: number, top: number, bottom: number): boolean {
  for (let i = top * width * 4; i < bottom * width * 4; i++) if (a[i] !== b[i]) return true;
  return false;
}

describe('renderCertificate', () => {
  it('produces a 1600×1130 PNG of non-trivial size', async () => {
    const png = renderCertificate(CERT);
    expect(pngSize(png)).toEqual({ width: 1600, height: 1130 });
    expect([CERTIFICATE_WIDTH, CERTIFICATE_HEIGHT]).toEqual([1600, 1130]);
    expect(png.length).toBeGreaterThan(60_000);
    const decoded = await pngPixels(png);
    expect([decoded.width, decoded.height]).toEqual([1600, 1130]);
  });

  it('draws the learner name in the body and leaves the heading untouched', async () => {
    const a = await pngPixels(renderCertificate(CERT));
    const b = await pngPixels(renderCertificate({ ...CERT, learnerName: '张三丰' }));
    expect(rowsDiffer(a.data, b.data, 1600, 80, 320)).toBe(false);
    expect(rowsDiffer(a.data, b.data, 1600, 380, 540)).toBe(true);
  });

  it('draws the verification code in the footer', async () => {
    const a = await pngPixels(renderCertificate(CERT));
    const b = await pngPixels(renderCertificate({ ...CERT, code: 'ZZZZZ-ZZZZZ-ZZZZZ-ZZZZZ' }));
    expect(rowsDiffer(a.data, b.data, 1600, 0, 840)).toBe(false);
    expect(rowsDiffer(a.data, b.data, 1600, 880, 1050)).toBe(true);
  });

  it('carries a QR code that decodes to the verification URL', async () => {
    const { data, width, height } = await pngPixels(renderCertificate(CERT));
    // jsqr is CommonJS typed as `export default`; under NodeNext the callable is `.default`.
    expect(jsQRModule.default(data, width, height)?.data).toBe(CERT.verifyUrl);
  });

  it('renders very long names, camps and awards without throwing', () => {
    const long = renderCertificate({
      ...CERT,
      learnerName: '阿卜杜热西提·买买提艾力·司马义·阿卜杜拉·艾合买提江',
      awardName: '最佳跨部门协作与知识分享卓越贡献奖（年度特别嘉奖）暨优秀学员荣誉称号',
      campName: '华东区域销售与解决方案中心 2025 年度新任经理领导力提升训练营（第三期·上海站）',
      team: null,
      prize: null,
    });
    expect(pngSize(long)).toEqual({ width: 1600, height: 1130 });
  });

  it('rejects a malformed or impossible date', () => {
    expect(() => renderCertificate({ ...CERT, date: '2025/06/30' })).toThrow(ValidationError);
    expect(() => renderCertificate({ ...CERT, date: '2025-02-30' })).toThrow(ValidationError);
  });
});

describe('chineseDate', () => {
  it('writes the date the Chinese way without leading zeros', () => {
    expect(chineseDate('2025-06-30')).toBe('2025年6月30日');
    expect(chineseDate('2024-12-01')).toBe('2024年12月1日');
  });
});
