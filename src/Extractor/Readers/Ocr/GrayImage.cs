using System.Text;

namespace Extractor.Readers.Ocr;

/// <summary>An 8-bit grayscale raster (0 black, 255 white), row-major: what OCR works on.</summary>
public sealed class GrayImage
{
    public GrayImage(int width, int height, byte[]? pixels = null)
    {
        Width = width;
        Height = height;
        Pixels = pixels ?? Enumerable.Repeat((byte)255, width * height).ToArray();
    }

    public int Width { get; }
    public int Height { get; }
    public byte[] Pixels { get; }

    public byte this[int x, int y]
    {
        get => Pixels[y * Width + x];
        set => Pixels[y * Width + x] = value;
    }

    /// <summary>Reads binary PGM (P5) or PPM (P6, converted to gray), as pdftoppm writes them.</summary>
    public static GrayImage FromPnm(byte[] data)
    {
        var pos = 0;
        var magic = Token(data, ref pos);
        var width = int.Parse(Token(data, ref pos));
        var height = int.Parse(Token(data, ref pos));
        var max = int.Parse(Token(data, ref pos));
        pos++; // the single white-space byte after the header
        if (max != 255 || magic is not ("P5" or "P6"))
        {
            throw new InvalidDataException($"unsupported PNM ({magic}, max {max})");
        }
        var pixels = new byte[width * height];
        if (magic == "P5")
        {
            Buffer.BlockCopy(data, pos, pixels, 0, Math.Min(pixels.Length, data.Length - pos));
        }
        else
        {
            for (var i = 0; i < pixels.Length && pos + 2 < data.Length; i++, pos += 3)
            {
                pixels[i] = (byte)((data[pos] * 299 + data[pos + 1] * 587 + data[pos + 2] * 114) / 1000);
            }
        }
        return new GrayImage(width, height, pixels);
    }

    /// <summary>Binary PGM, which Tesseract (Leptonica) reads without any image library here.</summary>
    public byte[] ToPgm()
    {
        var header = Encoding.ASCII.GetBytes($"P5\n{Width} {Height}\n255\n");
        var result = new byte[header.Length + Pixels.Length];
        header.CopyTo(result, 0);
        Pixels.CopyTo(result, header.Length);
        return result;
    }

    /// <summary>Otsu's threshold over the histogram: ink is darker than it.</summary>
    public int OtsuThreshold()
    {
        var histogram = new long[256];
        foreach (var p in Pixels)
        {
            histogram[p]++;
        }
        double total = Pixels.Length, sum = 0;
        for (var i = 0; i < 256; i++)
        {
            sum += i * histogram[i];
        }
        double sumBack = 0, weightBack = 0, best = -1;
        var threshold = 128;
        for (var t = 0; t < 256; t++)
        {
            weightBack += histogram[t];
            if (weightBack == 0 || weightBack == total)
            {
                continue;
            }
            sumBack += t * histogram[t];
            var meanBack = sumBack / weightBack;
            var meanFore = (sum - sumBack) / (total - weightBack);
            var between = weightBack * (total - weightBack) * (meanBack - meanFore) * (meanBack - meanFore);
            if (between > best)
            {
                best = between;
                threshold = t;
            }
        }
        return threshold;
    }

    /// <summary>The rectangle [x0,x1) × [y0,y1), clipped to the image.</summary>
    public GrayImage Crop(int x0, int y0, int x1, int y1)
    {
        x0 = Math.Clamp(x0, 0, Width);
        x1 = Math.Clamp(x1, x0, Width);
        y0 = Math.Clamp(y0, 0, Height);
        y1 = Math.Clamp(y1, y0, Height);
        var crop = new GrayImage(x1 - x0, y1 - y0);
        for (var y = y0; y < y1; y++)
        {
            Buffer.BlockCopy(Pixels, y * Width + x0, crop.Pixels, (y - y0) * crop.Width, x1 - x0);
        }
        return crop;
    }

    /// <summary>Half the size each way, every 2×2 block of pixels averaged (an odd last row or column is dropped).</summary>
    internal GrayImage Half()
    {
        var half = new GrayImage(Width / 2, Height / 2);
        for (var y = 0; y < half.Height; y++)
        {
            var top = 2 * y * Width;
            var bottom = top + Width;
            var row = y * half.Width;
            for (var x = 0; x < half.Width; x++)
            {
                half.Pixels[row + x] = (byte)((Pixels[top + 2 * x] + Pixels[top + 2 * x + 1] + Pixels[bottom + 2 * x] + Pixels[bottom + 2 * x + 1] + 2) / 4);
            }
        }
        return half;
    }

    /// <summary>Copies <paramref name="source"/> onto this image with its top-left at (x, y).</summary>
    public void Paste(GrayImage source, int x, int y)
    {
        for (var row = 0; row < source.Height && y + row < Height; row++)
        {
            var count = Math.Min(source.Width, Width - x);
            Buffer.BlockCopy(source.Pixels, row * source.Width, Pixels, (y + row) * Width + x, count);
        }
    }

    /// <summary>
    /// Resamples so that output(q) = input(R(θ)·q) about the centre (nearest neighbour); uncovered
    /// corners become white paper. Deskew passes the angle the page was found tilted by.
    /// </summary>
    public GrayImage Rotate(double degrees)
    {
        var a = degrees * Math.PI / 180;
        double cos = Math.Cos(a), sin = Math.Sin(a), cx = Width / 2.0, cy = Height / 2.0;
        var output = new GrayImage(Width, Height);
        for (var y = 0; y < Height; y++)
        {
            var dy = y - cy;
            double bx = cx - dy * sin, by = cy + dy * cos;
            for (var x = 0; x < Width; x++)
            {
                var dx = x - cx;
                var sx = (int)(bx + dx * cos);
                var sy = (int)(by + dx * sin);
                if ((uint)sx < (uint)Width && (uint)sy < (uint)Height)
                {
                    output.Pixels[y * Width + x] = Pixels[sy * Width + sx];
                }
            }
        }
        return output;
    }

    private static string Token(byte[] data, ref int pos)
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
            pos++;
        }
        var start = pos;
        while (pos < data.Length && !char.IsWhiteSpace((char)data[pos]))
        {
            pos++;
        }
        return Encoding.ASCII.GetString(data, start, pos - start);
    }
}
