'use client';
/** The wall's clocks: the shared Arica and Tacna clocks at the size read from five metres. */
import { BothClocks, type BothClocksProps } from '@/components/shared/BothClocks.tsx';

export type WallClocksProps = Omit<BothClocksProps, 'size'>;

export function WallClocks(props: WallClocksProps) {
  return <BothClocks {...props} size="wall" />;
}
