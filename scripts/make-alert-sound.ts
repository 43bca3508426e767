/**
 * Writes public/sounds/alert.wav, the short tone a wall plays once per new alert.
 *
 *   npx tsx scripts/make-alert-sound.ts
 *
 * Generated here rather than downloaded: no network, no licence to track, and the same bytes on
 * every run (see make-alert-sound.test.ts, which checks the committed file against a fresh one).
 * Two rising tones (880 Hz then 1320 Hz, a fifth apart), 0.7 s in all, with short fades so the
 * speaker does not click: distinct across a command room without being an alarm siren.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

/** 22.05 kHz, 16-bit mono: ample for two tones under 2 kHz, and about 30 kB. */
export const SAMPLE_RATE = 22_050;
const BITS = 16;
/** Peak at 60 % of full scale: loud enough for a room, with headroom against clipping in cheap speakers. */
const PEAK = 0.6;
/** Each tone's attack and release, in seconds: below ~5 ms a speaker clicks. */
const FADE_S = 0.02;

interface Tone {
  hz: number;
  seconds: number;
}

export const ALERT_TONES: readonly Tone[] = [
  { hz: 880, seconds: 0.3 },
  { hz: 0, seconds: 0.05 }, // a breath between the two
  { hz: 1320, seconds: 0.35 },
];

/** PCM samples in [-1, 1] for a list of tones (hz 0 is silence). */
export function synthesize(tones: readonly Tone[], sampleRate = SAMPLE_RATE): Float32Array {
  const total = tones.reduce((n, tone) => n + Math.round(tone.seconds * sampleRate), 0);
  const out = new Float32Array(total);
  let offset = 0;
  for (const tone of tones) {
    const length = Math.round(tone.seconds * sampleRate);
    const fade = Math.min(Math.round(FADE_S * sampleRate), Math.floor(length / 2));
    for (let i = 0; i < length && tone.hz > 0; i++) {
      const envelope = Math.min(1, i / fade, (length - 1 - i) / fade);
      out[offset + i] = PEAK * envelope * Math.sin((2 * Math.PI * tone.hz * i) / sampleRate);
    }
    offset += length;
  }
  return out;
}

/** A RIFF/WAVE file (PCM, 16-bit little-endian, mono) holding `samples`. */
export function encodeWav(samples: Float32Array, sampleRate = SAMPLE_RATE): Uint8Array {
  const bytesPerSample = BITS / 8;
  const dataBytes = samples.length * bytesPerSample;
  const buffer = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(buffer);
  const ascii = (at: number, text: string) => {
    for (let i = 0; i < text.length; i++) view.setUint8(at + i, text.charCodeAt(i));
  };
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 16, true); // fmt chunk size
  view.setUint16(20, 1, true); // PCM
  view.setUint16(22, 1, true); // mono
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * bytesPerSample, true); // byte rate
  view.setUint16(32, bytesPerSample, true); // block align
  view.setUint16(34, BITS, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);
  for (let i = 0; i < samples.length; i++) {
    const clamped = Math.max(-1, Math.min(1, samples[i]));
    view.setInt16(44 + i * bytesPerSample, Math.round(clamped * 0x7fff), true);
  }
  return new Uint8Array(buffer);
}

export function alertSound(): Uint8Array {
  return encodeWav(synthesize(ALERT_TONES));
}

export const ALERT_SOUND_FILE = resolve(dirname(fileURLToPath(import.meta.url)), '../public/sounds/alert.wav');

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  mkdirSync(dirname(ALERT_SOUND_FILE), { recursive: true });
  writeFileSync(ALERT_SOUND_FILE, alertSound());
  console.log(`wrote ${ALERT_SOUND_FILE}`);
}
