import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { ALERT_SOUND_FILE, alertSound, encodeWav, SAMPLE_RATE, synthesize } from './make-alert-sound.ts';

describe('the alert sound', () => {
  it('is a mono 16-bit PCM WAV under a second long', () => {
    const wav = alertSound();
    const view = new DataView(wav.buffer);
    const text = (at: number, n: number) => String.fromCharCode(...wav.subarray(at, at + n));
    expect(text(0, 4)).toBe('RIFF');
    expect(text(8, 4)).toBe('WAVE');
    expect(view.getUint16(20, true)).toBe(1);
    expect(view.getUint16(22, true)).toBe(1);
    expect(view.getUint32(24, true)).toBe(SAMPLE_RATE);
    expect(view.getUint16(34, true)).toBe(16);
    const seconds = view.getUint32(40, true) / 2 / SAMPLE_RATE;
    expect(seconds).toBeGreaterThan(0.3);
    expect(seconds).toBeLessThan(1);
  });

  it('starts and ends silent (no click) and never clips', () => {
    const samples = synthesize([{ hz: 880, seconds: 0.1 }]);
    expect(Math.abs(samples[0])).toBeLessThan(0.01);
    expect(Math.abs(samples[samples.length - 1])).toBeLessThan(0.01);
    expect(Math.max(...samples.map(Math.abs))).toBeLessThanOrEqual(1);
    expect(encodeWav(samples).length).toBe(44 + samples.length * 2);
  });

  it('is committed as the script writes it (npx tsx scripts/make-alert-sound.ts)', () => {
    expect(Buffer.from(readFileSync(ALERT_SOUND_FILE)).equals(Buffer.from(alertSound()))).toBe(true);
  });
});
