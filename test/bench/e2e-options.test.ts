// The e2e benchmark's one-case options: --case n<N>-<pattern> and --target a,b.
import { parseCaseOption, parseTargetOption } from '../../bench/e2e/config';

describe('--case', () => {
  it('reads the number of subscribers and the pattern', () => {
    expect(parseCaseOption('n1-saturation')).toEqual({ subscribers: 1, kind: 'saturation' });
    expect(parseCaseOption('n1000-steady')).toEqual({ subscribers: 1000, kind: 'steady' });
    expect(parseCaseOption('n100-burst')).toEqual({ subscribers: 100, kind: 'burst' });
  });

  it('refuses anything else', () => {
    expect(() => parseCaseOption('n1')).toThrow(/expected n<N>-saturation/);
    expect(() => parseCaseOption('rooms-saturation')).toThrow(/expected n<N>-saturation/);
  });
});

describe('--target', () => {
  it('maps the command-line names to the report names, in the order given', () => {
    expect(parseTargetOption('twin,ceiling-put')).toEqual(['twin', 'ceilingWrite']);
    expect(parseTargetOption('ceiling,peer')).toEqual(['ceiling', 'peer']);
  });

  it('refuses an unknown name', () => {
    expect(() => parseTargetOption('twin,ceilingput')).toThrow(/--target ceilingput/);
  });
});
