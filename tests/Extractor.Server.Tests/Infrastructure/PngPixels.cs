using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace Extractor.Server.Tests.Infrastructure;

/// <summary>
/// Reads an 8-bit RGB or RGBA PNG (any of the five row filters, no interlace) into RGB, so tests can look at the pixels
/// the server drew. Independent of the server's encoder: it follows the PNG specification, not that code.
/// </summary>
public sealed class PngPixels
{
    private PngPixels(int width, int height, byte[] rgb)
    {
        Width = width;
        Height = height;
        Rgb = rgb;
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Rgb { get; }

    public (byte R, byte G, byte B) this[int x, int y] => (Rgb[((y * Width) + x) * 3], Rgb[(((y * Width) + x) * 3) + 1], Rgb[(((y * Width) + x) * 3) + 2]);

    public bool IsRed(int x, int y) => this[x, y] is { R: > 200, G: < 60, B: < 60 };

    public bool IsDark(int x, int y) => this[x, y] is var (r, g, b) && (r + g + b) / 3 < 140;

    /// <summary>A dark vertical line (a table rule) within 3 pixels of x, over 90 % of the rows between y0 and y1.</summary>
    public bool HasVerticalRule(int x, int y0, int y1) =>
        Enumerable.Range(x - 3, 7).Any(cx => Enumerable.Range(y0 + 3, y1 - y0 - 6).Count(y => IsDark(cx, y)) >= 0.9 * (y1 - y0 - 6));

    /// <summary>A dark horizontal line within 3 pixels of y, over 90 % of the columns between x0 and x1.</summary>
    public bool HasHorizontalRule(int y, int x0, int x1) =>
        Enumerable.Range(y - 3, 7).Any(cy => Enumerable.Range(x0 + 3, x1 - x0 - 6).Count(x => IsDark(x, cy)) >= 0.9 * (x1 - x0 - 6));

    public static PngPixels Read(byte[] png)
    {
        Assert.True(png.AsSpan(0, 8).SequenceEqual(new byte[] { 0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A }), "not a PNG");
        int width = 0, height = 0, channels = 0;
        using var idat = new MemoryStream();
        var pos = 8;
        while (pos < png.Length)
        {
            var length = BinaryPrimitives.ReadInt32BigEndian(png.AsSpan(pos));
            var type = Encoding.ASCII.GetString(png, pos + 4, 4);
            var data = png.AsSpan(pos + 8, length);
            if (type == "IHDR")
            {
                width = BinaryPrimitives.ReadInt32BigEndian(data);
                height = BinaryPrimitives.ReadInt32BigEndian(data[4..]);
                Assert.Equal(8, data[8]);
                channels = data[9] switch { 2 => 3, 6 => 4, _ => throw new InvalidDataException($"colour type {data[9]} not read by the test") };
                Assert.Equal(0, data[12]);
            }
            else if (type == "IDAT")
            {
                idat.Write(data);
            }
            pos += 12 + length;
        }
        idat.Position = 0;
        using var z = new ZLibStream(idat, CompressionMode.Decompress);
        using var rawStream = new MemoryStream();
        z.CopyTo(rawStream);
        var raw = rawStream.ToArray();
        var stride = width * channels;
        var prev = new byte[stride];
        var cur = new byte[stride];
        var rgb = new byte[width * height * 3];
        for (var y = 0; y < height; y++)
        {
            var filter = raw[y * (stride + 1)];
            Array.Copy(raw, (y * (stride + 1)) + 1, cur, 0, stride);
            for (var i = 0; i < stride; i++)
            {
                int a = i >= channels ? cur[i - channels] : 0, b = prev[i], c = i >= channels ? prev[i - channels] : 0;
                cur[i] = (byte)(cur[i] + filter switch
                {
                    0 => 0,
                    1 => a,
                    2 => b,
                    3 => (a + b) / 2,
                    4 => Paeth(a, b, c),
                    _ => throw new InvalidDataException($"filter {filter}"),
                });
            }
            for (var x = 0; x < width; x++)
            {
                Array.Copy(cur, x * channels, rgb, ((y * width) + x) * 3, 3);
            }
            (prev, cur) = (cur, prev);
        }
        return new PngPixels(width, height, rgb);
    }

    private static int Paeth(int a, int b, int c)
    {
        var p = a + b - c;
        int pa = Math.Abs(p - a), pb = Math.Abs(p - b), pc = Math.Abs(p - c);
        return pa <= pb && pa <= pc ? a : pb <= pc ? b : c;
    }
}
