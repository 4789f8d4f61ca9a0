/** Width, height and colour facts of a PNG from its bytes, enough to tell a real picture from a blank one. */
const SIGNATURE = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

export function pngSize(bytes: Buffer, source: string): { width: number; height: number } {
    if (bytes.length < 24 || !bytes.subarray(0, 8).equals(SIGNATURE)) throw new Error(`${source}: not a PNG (bad signature)`);
    if (bytes.toString("latin1", 12, 16) !== "IHDR") throw new Error(`${source}: not a PNG (first chunk is not IHDR)`);
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

/** Distinct byte values in the compressed image data: a single-colour picture compresses to very few. */
export function distinctImageBytes(bytes: Buffer): number {
    const seen = new Set<number>();
    let offset = 8;
    while (offset + 8 <= bytes.length) {
        const length = bytes.readUInt32BE(offset);
        const type = bytes.toString("latin1", offset + 4, offset + 8);
        if (type === "IDAT") for (const byte of bytes.subarray(offset + 8, offset + 8 + length)) seen.add(byte);
        offset += 12 + length;
    }
    return seen.size;
}
