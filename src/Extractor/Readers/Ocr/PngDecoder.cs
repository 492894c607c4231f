using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Extractor.Readers.Ocr;

/// <summary>
/// A PNG decoder written for OCR: every colour type (gray, RGB, palette, gray + alpha, RGBA), bit
/// depths 1–16, the five scanline filters and Adam7 interlacing, decoded straight to the 8-bit gray
/// raster OCR reads. Colour becomes luma as <see cref="GrayImage.FromPnm"/> converts PPM
/// ((299 R + 587 G + 114 B) / 1000); 16-bit samples keep their high byte; transparency (alpha or
/// tRNS) is composited over white paper. CRCs are not checked (the zlib stream carries its own check).
/// </summary>
public static class PngDecoder
{
    /// <summary>Larger pictures are refused rather than decoded (a 6000 × 10000 page is 60 M pixels).</summary>
    public const long MaxPixels = 60_000_000;

    private static ReadOnlySpan<byte> Signature => [0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A];

    // Adam7 passes: first column, first row, column step, row step.
    private static readonly (int X0, int Y0, int Dx, int Dy)[] Adam7 =
        [(0, 0, 8, 8), (4, 0, 8, 8), (0, 4, 4, 8), (2, 0, 4, 4), (0, 2, 2, 4), (1, 0, 2, 2), (0, 1, 1, 2)];

    /// <summary>True when <paramref name="data"/> starts with the PNG signature.</summary>
    public static bool IsPng(ReadOnlySpan<byte> data) => data.StartsWith(Signature);

    /// <summary>Size and resolution from the header chunks, without decoding the pixels.</summary>
    public static PictureInfo ReadInfo(byte[] data)
    {
        var png = Parse(data, headerOnly: true);
        return new PictureInfo("png", png.Width, png.Height, png.Dpi);
    }

    /// <summary>Decodes the picture to gray; throws <see cref="InvalidDataException"/> saying what is wrong with a broken or unsupported file.</summary>
    public static GrayImage Decode(byte[] data)
    {
        var png = Parse(data, headerOnly: false);
        var raw = Inflate(png);
        var image = new GrayImage(png.Width, png.Height);
        var channels = png.ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var bitsPerPixel = channels * png.BitDepth;
        var bytesPerPixel = Math.Max(1, bitsPerPixel / 8);
        var palette = png.ColorType == 3 ? GrayPalette(png) : null;
        var offset = 0;
        foreach (var (x0, y0, dx, dy) in Passes(png))
        {
            var width = (png.Width - x0 + dx - 1) / dx;
            var height = (png.Height - y0 + dy - 1) / dy;
            if (width <= 0 || height <= 0)
            {
                continue;
            }
            var rowBytes = (int)(((long)width * bitsPerPixel + 7) / 8);
            var previous = new byte[rowBytes];
            var current = new byte[rowBytes];
            for (var row = 0; row < height; row++)
            {
                var filter = raw[offset];
                raw.AsSpan(offset + 1, rowBytes).CopyTo(current);
                offset += rowBytes + 1;
                Unfilter(filter, current, previous, bytesPerPixel);
                var y = y0 + row * dy;
                for (var i = 0; i < width; i++)
                {
                    image[x0 + i * dx, y] = Gray(png, current, i, palette);
                }
                (previous, current) = (current, previous);
            }
        }
        return image;
    }

    private static readonly (int X0, int Y0, int Dx, int Dy)[] WholeImage = [(0, 0, 1, 1)];

    private static (int X0, int Y0, int Dx, int Dy)[] Passes(Png png) => png.Interlaced ? Adam7 : WholeImage;

    private sealed class Png
    {
        public int Width;
        public int Height;
        public int BitDepth;
        public int ColorType;
        public bool Interlaced;
        public double? Dpi;
        public byte[]? Palette;
        public byte[]? Transparency;
        public readonly MemoryStream Data = new();
    }

    private static Png Parse(byte[] data, bool headerOnly)
    {
        if (!IsPng(data))
        {
            throw new InvalidDataException("not a PNG (no PNG signature)");
        }
        var png = new Png();
        var pos = Signature.Length;
        var sawHeader = false;
        var sawEnd = false;
        while (pos + 8 <= data.Length)
        {
            var length = BinaryPrimitives.ReadUInt32BigEndian(data.AsSpan(pos));
            var type = Encoding.ASCII.GetString(data, pos + 4, 4);
            pos += 8;
            if (length > int.MaxValue || pos + (long)length > data.Length)
            {
                throw new InvalidDataException($"PNG chunk {type} runs past the end of the file (truncated)");
            }
            var body = data.AsSpan(pos, (int)length);
            pos += (int)length + 4; // body and CRC
            if (!sawHeader && type != "IHDR")
            {
                throw new InvalidDataException("PNG does not start with its IHDR header");
            }
            switch (type)
            {
                case "IHDR":
                    ReadHeader(png, body);
                    sawHeader = true;
                    break;
                case "pHYs" when body.Length >= 9 && body[8] == 1:
                    // Pixels per metre: 2835 is 72 dpi.
                    var perMetre = BinaryPrimitives.ReadUInt32BigEndian(body);
                    png.Dpi = perMetre > 0 ? Math.Round(perMetre * 0.0254, 1) : null;
                    break;
                case "PLTE":
                    png.Palette = body.ToArray();
                    break;
                case "tRNS":
                    png.Transparency = body.ToArray();
                    break;
                case "IDAT":
                    png.Data.Write(body);
                    break;
                case "IEND":
                    sawEnd = true;
                    break;
                default:
                    // Ancillary chunks (lower-case first letter) may be ignored; an unknown critical one may not.
                    if (char.IsAsciiLetterUpper(type[0]))
                    {
                        throw new InvalidDataException($"PNG uses the unknown critical chunk {type}");
                    }
                    break;
            }
            if (sawEnd || (headerOnly && sawHeader && type is "IDAT"))
            {
                break;
            }
        }
        if (!sawHeader)
        {
            throw new InvalidDataException("PNG is truncated before its header");
        }
        if (!headerOnly)
        {
            if (png.Data.Length == 0)
            {
                throw new InvalidDataException("PNG has no image data (no IDAT chunk)");
            }
            if (png.ColorType == 3 && (png.Palette is null || png.Palette.Length < 3))
            {
                throw new InvalidDataException("palette PNG without a palette (PLTE chunk)");
            }
        }
        return png;
    }

    private static void ReadHeader(Png png, ReadOnlySpan<byte> body)
    {
        if (body.Length < 13)
        {
            throw new InvalidDataException("PNG header (IHDR) is too short");
        }
        var width = BinaryPrimitives.ReadUInt32BigEndian(body);
        var height = BinaryPrimitives.ReadUInt32BigEndian(body[4..]);
        (png.BitDepth, png.ColorType) = (body[8], body[9]);
        var valid = png.ColorType switch
        {
            0 => png.BitDepth is 1 or 2 or 4 or 8 or 16,
            3 => png.BitDepth is 1 or 2 or 4 or 8,
            2 or 4 or 6 => png.BitDepth is 8 or 16,
            _ => false,
        };
        if (!valid)
        {
            throw new InvalidDataException($"PNG colour type {png.ColorType} with bit depth {png.BitDepth} is not valid PNG");
        }
        if (body[10] != 0 || body[11] != 0 || body[12] > 1)
        {
            throw new InvalidDataException("PNG uses an unknown compression, filter or interlace method");
        }
        if (width == 0 || height == 0 || (long)width * height > MaxPixels)
        {
            throw new InvalidDataException($"PNG of {width} × {height} pixels is empty or too large to read (limit {MaxPixels / 1_000_000} M pixels)");
        }
        (png.Width, png.Height, png.Interlaced) = ((int)width, (int)height, body[12] == 1);
    }

    /// <summary>The scanlines (each with its filter byte), exactly as long as the header says they are.</summary>
    private static byte[] Inflate(Png png)
    {
        var channels = png.ColorType switch { 0 => 1, 2 => 3, 3 => 1, 4 => 2, _ => 4 };
        var bitsPerPixel = channels * png.BitDepth;
        long expected = 0;
        foreach (var (x0, y0, dx, dy) in Passes(png))
        {
            long width = (png.Width - x0 + dx - 1) / dx, height = (png.Height - y0 + dy - 1) / dy;
            if (width > 0 && height > 0)
            {
                expected += height * (1 + (width * bitsPerPixel + 7) / 8);
            }
        }
        var raw = new byte[expected];
        png.Data.Position = 0;
        var read = 0;
        try
        {
            using var zlib = new ZLibStream(png.Data, CompressionMode.Decompress);
            int n;
            while (read < raw.Length && (n = zlib.Read(raw, read, raw.Length - read)) > 0)
            {
                read += n;
            }
        }
        catch (InvalidDataException ex)
        {
            throw new InvalidDataException($"PNG image data is damaged: {ex.Message}", ex);
        }
        if (read < raw.Length)
        {
            throw new InvalidDataException($"PNG image data is truncated ({read} of {raw.Length} bytes)");
        }
        return raw;
    }

    private static void Unfilter(byte filter, Span<byte> row, ReadOnlySpan<byte> previous, int bpp)
    {
        switch (filter)
        {
            case 0:
                break;
            case 1: // Sub
                for (var i = bpp; i < row.Length; i++)
                {
                    row[i] += row[i - bpp];
                }
                break;
            case 2: // Up
                for (var i = 0; i < row.Length; i++)
                {
                    row[i] += previous[i];
                }
                break;
            case 3: // Average
                for (var i = 0; i < row.Length; i++)
                {
                    var left = i >= bpp ? row[i - bpp] : 0;
                    row[i] += (byte)((left + previous[i]) >> 1);
                }
                break;
            case 4: // Paeth
                for (var i = 0; i < row.Length; i++)
                {
                    int a = i >= bpp ? row[i - bpp] : 0, b = previous[i], c = i >= bpp ? previous[i - bpp] : 0;
                    int p = a + b - c, pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
                    row[i] += (byte)(pa <= pb && pa <= pc ? a : pb <= pc ? b : c);
                }
                break;
            default:
                throw new InvalidDataException($"PNG scanline has the unknown filter type {filter}");
        }
    }

    /// <summary>Sample <paramref name="index"/> of a row (channel-interleaved), at the image's bit depth.</summary>
    private static int Sample(ReadOnlySpan<byte> row, int index, int depth) => depth switch
    {
        8 => row[index],
        16 => (row[2 * index] << 8) | row[2 * index + 1],
        _ => (row[index * depth / 8] >> (8 - depth - index * depth % 8)) & ((1 << depth) - 1),
    };

    private static byte Gray(Png png, ReadOnlySpan<byte> row, int x, byte[]? palette)
    {
        var depth = png.BitDepth;
        int To8(int sample) => depth switch { 16 => sample >> 8, 8 => sample, _ => sample * 255 / ((1 << depth) - 1) };
        var trns = png.Transparency;
        switch (png.ColorType)
        {
            case 0:
            {
                var s = Sample(row, x, depth);
                var transparent = trns is { Length: >= 2 } && s == ((trns[0] << 8) | trns[1]);
                return transparent ? (byte)255 : (byte)To8(s);
            }
            case 2:
            {
                int r = Sample(row, 3 * x, depth), g = Sample(row, 3 * x + 1, depth), b = Sample(row, 3 * x + 2, depth);
                if (trns is { Length: >= 6 } && r == ((trns[0] << 8) | trns[1]) && g == ((trns[2] << 8) | trns[3]) && b == ((trns[4] << 8) | trns[5]))
                {
                    return 255;
                }
                return Luma(To8(r), To8(g), To8(b));
            }
            case 3:
            {
                var index = Sample(row, x, depth);
                return index < palette!.Length ? palette[index] : (byte)255;
            }
            case 4:
                return OverWhite(To8(Sample(row, 2 * x, depth)), To8(Sample(row, 2 * x + 1, depth)));
            default:
            {
                int r = To8(Sample(row, 4 * x, depth)), g = To8(Sample(row, 4 * x + 1, depth)), b = To8(Sample(row, 4 * x + 2, depth));
                return OverWhite(Luma(r, g, b), To8(Sample(row, 4 * x + 3, depth)));
            }
        }
    }

    /// <summary>Each palette entry as the gray it prints, its tRNS alpha composited over white.</summary>
    private static byte[] GrayPalette(Png png)
    {
        var entries = png.Palette!.Length / 3;
        var gray = new byte[entries];
        for (var i = 0; i < entries; i++)
        {
            var luma = Luma(png.Palette[3 * i], png.Palette[3 * i + 1], png.Palette[3 * i + 2]);
            gray[i] = png.Transparency is { } alpha && i < alpha.Length ? OverWhite(luma, alpha[i]) : luma;
        }
        return gray;
    }

    private static byte Luma(int r, int g, int b) => (byte)((r * 299 + g * 587 + b * 114) / 1000);

    private static byte OverWhite(int value, int alpha) => (byte)((value * alpha + 255 * (255 - alpha) + 127) / 255);
}

/// <summary>What a picture's header says: format (png, jpeg), size in pixels, and resolution where the file records one.</summary>
public sealed record PictureInfo(string Format, int Width, int Height, double? Dpi);
