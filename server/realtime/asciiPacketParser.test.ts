import { describe, expect, it } from 'vitest';
import { Decoder, PacketType, type Packet } from 'socket.io-parser';
import { asciiPacketParser, escapeNonAscii } from './asciiPacketParser.ts';

const spanish = { callsign: 'Móvil 12 — Tacna–Arica', text: 'Niños y niñas en el Hito 1 🚩', plain: 'ASCII "quoted" \\ ok' };

function decode(encoded: string): Promise<Packet> {
  const decoder = new Decoder();
  return new Promise((resolve) => {
    decoder.on('decoded', resolve);
    decoder.add(encoded);
  });
}

describe('the ASCII packet parser', () => {
  it('sends only ASCII, and the default decoder gives back exactly the same strings', async () => {
    const [encoded] = new asciiPacketParser.Encoder().encode({ type: PacketType.EVENT, nsp: '/', data: ['events:appended', spanish] });
    expect(typeof encoded).toBe('string');
    expect(/^[\x00-\x7f]*$/.test(encoded as string)).toBe(true);
    expect(encoded).toContain('M\\u00f3vil');
    const packet = await decode(encoded as string);
    expect(packet.data).toEqual(['events:appended', spanish]);
  });

  it('leaves ASCII-only JSON untouched', () => {
    const json = JSON.stringify(spanish.plain);
    expect(escapeNonAscii(json)).toBe(json);
  });

  it('keeps acknowledgement ids and packet types', async () => {
    const [encoded] = new asciiPacketParser.Encoder().encode({
      type: PacketType.ACK,
      nsp: '/',
      id: 7,
      data: [{ ok: true, note: 'señal' }],
    });
    const packet = await decode(encoded as string);
    expect(packet).toMatchObject({ type: PacketType.ACK, id: 7, data: [{ ok: true, note: 'señal' }] });
  });
});
