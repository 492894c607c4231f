using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using Extractor.Readers.Ocr;

namespace Extractor.Server.Evidence;

/// <summary>An 8-bit RGB raster: what pdftoppm writes (PPM), with a box drawn on it and written as PNG.</summary>
public sealed class RgbImage
{
    public RgbImage(int width, int height, byte[]? pixels = null)
    {
        if (width <= 0 || height <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(width), $"image size {width}×{height}");
        }
        Width = width;
        Height = height;
        Pixels = pixels ?? new byte[width * height * 3];
        if (Pixels.Length != width * height * 3)
        {
            throw new ArgumentException("pixel buffer does not match the size", nameof(pixels));
        }
    }

    public int Width { get; }
    public int Height { get; }

    /// <summary>Row-major, 3 bytes (R, G, B) per pixel, origin top-left.</summary>
    public byte[] Pixels { get; }

    /// <summary>The colour at (x, y).</summary>
    public (byte R, byte G, byte B) this[int x, int y]
    {
        get
        {
            var i = (y * Width + x) * 3;
            return (Pixels[i], Pixels[i + 1], Pixels[i + 2]);
        }
    }

    /// <summary>Reads a binary PPM (P6) or PGM (P5) with maxval 255, as pdftoppm writes them.</summary>
    public static RgbImage FromPnm(byte[] data)
    {
        var pos = 0;
        string Token()
        {
            while (pos < data.Length && (char.IsWhiteSpace((char)data[pos]) || data[pos] == '#'))
            {
                if (data[pos] == '#')
                {
                    while (pos < data.Length && data[pos] != '\n')
                    {
                        pos++;
                    }
                }
                else
                {
                    pos++;
                }
            }
            var start = pos;
            while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
            {
                pos++;
            }
            return Encoding.ASCII.GetString(data, start, pos - start);
        }
        var magic = Token();
        if (magic is not ("P6" or "P5") || !int.TryParse(Token(), out var w) || !int.TryParse(Token(), out var h) || Token() != "255")
        {
            throw new InvalidDataException("not a binary 8-bit PPM/PGM image");
        }
        pos++; // the single whitespace after maxval
        var channels = magic == "P6" ? 3 : 1;
        if ((long)w * h * channels > data.Length - pos)
        {
            throw new InvalidDataException($"PPM image {w}×{h} is truncated");
        }
        var image = new RgbImage(w, h);
        if (channels == 3)
        {
            Buffer.BlockCopy(data, pos, image.Pixels, 0, w * h * 3);
        }
        else
        {
            for (var i = 0; i < w * h; i++)
            {
                var g = data[pos + i];
                image.Pixels[i * 3] = image.Pixels[(i * 3) + 1] = image.Pixels[(i * 3) + 2] = g;
            }
        }
        return image;
    }

    /// <summary>A gray raster (the engine's decoded pictures) in colour, so a coloured box can be drawn on it.</summary>
    public static RgbImage FromGray(GrayImage gray)
    {
        var image = new RgbImage(gray.Width, gray.Height);
        for (var i = 0; i < gray.Pixels.Length; i++)
        {
            var g = gray.Pixels[i];
            image.Pixels[i * 3] = image.Pixels[(i * 3) + 1] = image.Pixels[(i * 3) + 2] = g;
        }
        return image;
    }

    public RgbImage Clone() => new(Width, Height, (byte[])Pixels.Clone());

    /// <summary>
    /// Draws the outline of the box [x0, y0, x1, y1) (pixels, origin top-left, x1/y1 exclusive) <paramref name="thickness"/>
    /// pixels wide just outside it, so the figure inside stays readable. Parts outside the image are clipped.
    /// </summary>
    public void DrawBox(int x0, int y0, int x1, int y1, int thickness, (byte R, byte G, byte B) colour)
    {
        Fill(x0 - thickness, y0 - thickness, x1 + thickness, y0, colour); // top
        Fill(x0 - thickness, y1, x1 + thickness, y1 + thickness, colour); // bottom
        Fill(x0 - thickness, y0, x0, y1, colour); // left
        Fill(x1, y0, x1 + thickness, y1, colour); // right
    }

    private void Fill(int x0, int y0, int x1, int y1, (byte R, byte G, byte B) c)
    {
        x0 = Math.Clamp(x0, 0, Width);
        x1 = Math.Clamp(x1, 0, Width);
        y0 = Math.Clamp(y0, 0, Height);
        y1 = Math.Clamp(y1, 0, Height);
        for (var y = y0; y < y1; y++)
        {
            for (var x = x0; x < x1; x++)
            {
                var i = (y * Width + x) * 3;
                Pixels[i] = c.R;
                Pixels[i + 1] = c.G;
                Pixels[i + 2] = c.B;
            }
        }
    }

    /// <summary>The part [x0, y0, x1, y1), clipped to the image (at least one pixel).</summary>
    public RgbImage Crop(int x0, int y0, int x1, int y1)
    {
        x0 = Math.Clamp(x0, 0, Width - 1);
        y0 = Math.Clamp(y0, 0, Height - 1);
        x1 = Math.Clamp(x1, x0 + 1, Width);
        y1 = Math.Clamp(y1, y0 + 1, Height);
        var w = x1 - x0;
        var h = y1 - y0;
        var crop = new RgbImage(w, h);
        for (var y = 0; y < h; y++)
        {
            Buffer.BlockCopy(Pixels, (((y0 + y) * Width) + x0) * 3, crop.Pixels, y * w * 3, w * 3);
        }
        return crop;
    }

    /// <summary>Encodes as PNG (8-bit RGB, no interlace, filter 0, zlib).</summary>
    public byte[] ToPng()
    {
        using var png = new MemoryStream();
        png.Write([0x89, (byte)'P', (byte)'N', (byte)'G', 0x0D, 0x0A, 0x1A, 0x0A]);
        var header = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(header, Width);
        BinaryPrimitives.WriteInt32BigEndian(header.AsSpan(4), Height);
        header[8] = 8; // bit depth
        header[9] = 2; // truecolour
        Chunk(png, "IHDR", header);
        using (var raw = new MemoryStream())
        {
            using (var z = new ZLibStream(raw, CompressionLevel.Fastest, leaveOpen: true))
            {
                var stride = Width * 3;
                for (var y = 0; y < Height; y++)
                {
                    z.WriteByte(0);
                    z.Write(Pixels, y * stride, stride);
                }
            }
            Chunk(png, "IDAT", raw.ToArray());
        }
        Chunk(png, "IEND", []);
        return png.ToArray();
    }

    private static void Chunk(Stream s, string type, byte[] data)
    {
        Span<byte> len = stackalloc byte[4];
        BinaryPrimitives.WriteInt32BigEndian(len, data.Length);
        s.Write(len);
        var typeBytes = Encoding.ASCII.GetBytes(type);
        s.Write(typeBytes);
        s.Write(data);
        var crc = Crc32(typeBytes, data);
        BinaryPrimitives.WriteUInt32BigEndian(len, crc);
        s.Write(len);
    }

    private static readonly uint[] CrcTable = BuildCrcTable();

    private static uint[] BuildCrcTable()
    {
        var table = new uint[256];
        for (uint n = 0; n < 256; n++)
        {
            var c = n;
            for (var k = 0; k < 8; k++)
            {
                c = (c & 1) != 0 ? 0xEDB88320u ^ (c >> 1) : c >> 1;
            }
            table[n] = c;
        }
        return table;
    }

    private static uint Crc32(byte[] a, byte[] b)
    {
        var c = 0xFFFFFFFFu;
        foreach (var x in a)
        {
            c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        }
        foreach (var x in b)
        {
            c = CrcTable[(c ^ x) & 0xFF] ^ (c >> 8);
        }
        return c ^ 0xFFFFFFFFu;
    }
}
