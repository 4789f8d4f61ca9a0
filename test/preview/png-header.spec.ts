import { strict as assert } from "assert";
import * as zlib from "zlib";
import { distinctImageBytes, pngSize } from "../../scripts/preview/png-header";

function chunk(type: string, data: Buffer): Buffer {
    const length = Buffer.alloc(4);
    length.writeUInt32BE(data.length);
    // The CRC is not read by the functions under test.
    return Buffer.concat([length, Buffer.from(type, "latin1"), data, Buffer.alloc(4)]);
}

/** A minimal greyscale PNG whose pixels come from `pixel(x, y)`. */
function png(width: number, height: number, pixel: (x: number, y: number) => number): Buffer {
    const header = Buffer.alloc(13);
    header.writeUInt32BE(width, 0);
    header.writeUInt32BE(height, 4);
    header[8] = 8;
    const raw = Buffer.concat(Array.from({ length: height }, (_, y) => Buffer.from([0, ...Array.from({ length: width }, (_, x) => pixel(x, y))])));
    return Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), chunk("IHDR", header), chunk("IDAT", zlib.deflateSync(raw)), chunk("IEND", Buffer.alloc(0))]);
}

describe("preview: PNG header", () => {
    it("reads width and height", () => {
        assert.deepEqual(pngSize(png(300, 20, () => 255), "a.png"), { width: 300, height: 20 });
    });

    it("tells a blank picture from a busy one", () => {
        const blank = distinctImageBytes(png(200, 200, () => 255));
        const busy = distinctImageBytes(png(200, 200, (x, y) => (x * 7 + y * 13 + ((x * y) % 17)) % 256));
        assert.ok(blank < 60, `blank: ${blank}`);
        assert.ok(busy > 100, `busy: ${busy}`);
    });

    it("refuses bytes that are not a PNG", () => {
        assert.throws(() => pngSize(Buffer.from("<html>not a png</html>"), "x.png"), /x\.png: not a PNG \(bad signature\)/);
    });
});
