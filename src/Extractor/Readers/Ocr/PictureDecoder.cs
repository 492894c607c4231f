using System.Buffers.Binary;
using System.Globalization;
using System.Text;
using Extractor.Readers.External;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Pictures (PNG, JPEG) to gray rasters at the resolution OCR reads. PNG is decoded here
/// (<see cref="PngDecoder"/>) and resampled; a JPEG becomes the one image (DCTDecode, its bytes
/// untouched) of a minimal one-page PDF which pdftoppm renders at the target resolution, the path
/// scanned pages take. Other formats (GIF, BMP, TIFF, WebP, EMF/WMF) are not read.
/// </summary>
public static class PictureDecoder
{
    /// <summary>The format, size and recorded resolution from the header; null for a format not read here.</summary>
    public static PictureInfo? Probe(byte[] data)
    {
        if (PngDecoder.IsPng(data))
        {
            return PngDecoder.ReadInfo(data);
        }
        return data.AsSpan().StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF]) ? JpegInfo(data).Info : null;
    }

    /// <summary>A short name of the format for messages: png, jpeg, gif, bmp, tiff, webp, emf, wmf or the content type.</summary>
    public static string FormatName(byte[] data, string contentType)
    {
        var head = data.AsSpan(0, Math.Min(data.Length, 16));
        return head switch
        {
            _ when PngDecoder.IsPng(head) => "png",
            [0xFF, 0xD8, ..] => "jpeg",
            [(byte)'G', (byte)'I', (byte)'F', ..] => "gif",
            [(byte)'B', (byte)'M', ..] => "bmp",
            [(byte)'I', (byte)'I', 42, 0, ..] or [(byte)'M', (byte)'M', 0, 42, ..] => "tiff",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "webp",
            [1, 0, 0, 0, ..] => "emf",
            [0xD7, 0xCD, 0xC6, 0x9A, ..] => "wmf",
            _ => contentType.Length > 0 ? contentType : "unknown",
        };
    }

    /// <summary>
    /// Decodes <paramref name="data"/> and scales it by <paramref name="scale"/> (2: a 150 dpi picture
    /// read at 300 dpi). Throws <see cref="InvalidDataException"/> for a broken or unsupported file and
    /// <see cref="IOException"/> when pdftoppm fails.
    /// </summary>
    public static GrayImage Decode(byte[] data, double scale, CancellationToken cancellationToken)
    {
        if (PngDecoder.IsPng(data))
        {
            return Resize(PngDecoder.Decode(data), scale);
        }
        var (info, components, adobe) = JpegInfo(data);
        return RenderJpeg(data, info, components, adobe, scale, cancellationToken);
    }

    /// <summary>
    /// Resamples to <paramref name="scale"/> times the size: bilinear when enlarging, the mean of the
    /// covered pixels when shrinking (so thin strokes fade rather than vanish).
    /// </summary>
    internal static GrayImage Resize(GrayImage image, double scale)
    {
        if (Math.Abs(scale - 1) < 0.01)
        {
            return image;
        }
        var width = Math.Max(1, (int)Math.Round(image.Width * scale));
        var height = Math.Max(1, (int)Math.Round(image.Height * scale));
        var output = new GrayImage(width, height);
        double sx = (double)image.Width / width, sy = (double)image.Height / height;
        if (scale > 1)
        {
            for (var y = 0; y < height; y++)
            {
                var fy = Math.Clamp((y + 0.5) * sy - 0.5, 0, image.Height - 1);
                int y0 = (int)fy, y1 = Math.Min(y0 + 1, image.Height - 1);
                var wy = fy - y0;
                for (var x = 0; x < width; x++)
                {
                    var fx = Math.Clamp((x + 0.5) * sx - 0.5, 0, image.Width - 1);
                    int x0 = (int)fx, x1 = Math.Min(x0 + 1, image.Width - 1);
                    var wx = fx - x0;
                    var top = image[x0, y0] * (1 - wx) + image[x1, y0] * wx;
                    var bottom = image[x0, y1] * (1 - wx) + image[x1, y1] * wx;
                    output.Pixels[y * width + x] = (byte)Math.Round(top * (1 - wy) + bottom * wy);
                }
            }
            return output;
        }
        for (var y = 0; y < height; y++)
        {
            int ya = (int)(y * sy), yb = Math.Max(ya + 1, Math.Min(image.Height, (int)Math.Ceiling((y + 1) * sy)));
            for (var x = 0; x < width; x++)
            {
                int xa = (int)(x * sx), xb = Math.Max(xa + 1, Math.Min(image.Width, (int)Math.Ceiling((x + 1) * sx)));
                var sum = 0;
                for (var yy = ya; yy < yb; yy++)
                {
                    for (var xx = xa; xx < xb; xx++)
                    {
                        sum += image[xx, yy];
                    }
                }
                output.Pixels[y * width + x] = (byte)(sum / ((yb - ya) * (xb - xa)));
            }
        }
        return output;
    }

    /// <summary>Size, components and resolution from the JPEG markers before the first scan.</summary>
    private static (PictureInfo Info, int Components, bool Adobe) JpegInfo(byte[] data)
    {
        double? dpi = null;
        var adobe = false;
        var pos = 2;
        while (pos + 4 <= data.Length)
        {
            if (data[pos] != 0xFF)
            {
                throw new InvalidDataException("JPEG markers are damaged");
            }
            var marker = data[pos + 1];
            if (marker == 0xFF)
            {
                pos++; // fill byte
                continue;
            }
            if (marker is 0x01 or (>= 0xD0 and <= 0xD7))
            {
                pos += 2;
                continue;
            }
            var length = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(pos + 2));
            var body = pos + 4;
            if (length < 2 || body + length - 2 > data.Length)
            {
                break;
            }
            if (marker == 0xE0 && length >= 16 && Encoding.ASCII.GetString(data, body, 4) == "JFIF")
            {
                // Density units: 1 dots per inch, 2 dots per centimetre (0: aspect ratio only).
                var units = data[body + 7];
                var density = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(body + 8));
                dpi = density == 0 ? null : units switch { 1 => density, 2 => Math.Round(density * 2.54, 1), _ => null };
            }
            else if (marker == 0xEE && length >= 14 && Encoding.ASCII.GetString(data, body, 5) == "Adobe")
            {
                adobe = true;
            }
            else if (marker is >= 0xC0 and <= 0xCF and not 0xC4 and not 0xC8 and not 0xCC && length >= 8)
            {
                var height = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(body + 1));
                var width = BinaryPrimitives.ReadUInt16BigEndian(data.AsSpan(body + 3));
                var components = data[body + 5];
                if (width == 0 || height == 0 || components is not (1 or 3 or 4))
                {
                    throw new InvalidDataException($"JPEG of {width} × {height} pixels with {components} components is not read");
                }
                return (new PictureInfo("jpeg", width, height, dpi), components, adobe);
            }
            else if (marker == 0xDA)
            {
                break;
            }
            pos = body + length - 2;
        }
        throw new InvalidDataException("JPEG has no frame header (truncated or damaged)");
    }

    private static GrayImage RenderJpeg(byte[] jpeg, PictureInfo info, int components, bool adobe, double scale, CancellationToken cancellationToken)
    {
        // The page is drawn at 72 points per inch of a 300 dpi rendering: size the page so that the
        // rendering comes out `scale` times the picture's pixels.
        const int RenderDpi = 300;
        var points = 72.0 * scale / RenderDpi;
        var pageWidth = (info.Width * points).ToString("0.###", CultureInfo.InvariantCulture);
        var pageHeight = (info.Height * points).ToString("0.###", CultureInfo.InvariantCulture);
        var colorSpace = components switch { 1 => "/DeviceGray", 3 => "/DeviceRGB", _ => "/DeviceCMYK" };
        // Adobe CMYK JPEGs store inverted values.
        var decode = components == 4 && adobe ? " /Decode [1 0 1 0 1 0 1 0]" : "";
        using var temp = new TempFolder("extractor-picture-");
        var path = temp.File("picture.pdf");
        File.WriteAllBytes(path, OnePagePdf(jpeg, info.Width, info.Height, colorSpace + decode, pageWidth, pageHeight));
        return OcrPageReader.Render(path, 1, RenderDpi, cancellationToken);
    }

    /// <summary>A PDF whose one page is filled by the JPEG: catalog, pages, page, content, image; with a correct xref table.</summary>
    private static byte[] OnePagePdf(byte[] jpeg, int width, int height, string colorSpace, string pageWidth, string pageHeight)
    {
        var content = $"q {pageWidth} 0 0 {pageHeight} 0 0 cm /Im0 Do Q";
        var objects = new List<byte[]>
        {
            Ascii("<< /Type /Catalog /Pages 2 0 R >>"),
            Ascii("<< /Type /Pages /Kids [3 0 R] /Count 1 >>"),
            Ascii($"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 {pageWidth} {pageHeight}] /Resources << /XObject << /Im0 5 0 R >> >> /Contents 4 0 R >>"),
            Ascii($"<< /Length {content.Length} >>\nstream\n{content}\nendstream"),
            Join(Ascii($"<< /Type /XObject /Subtype /Image /Width {width} /Height {height} /ColorSpace {colorSpace} /BitsPerComponent 8 /Filter /DCTDecode /Length {jpeg.Length} >>\nstream\n"), jpeg, Ascii("\nendstream")),
        };
        using var pdf = new MemoryStream();
        pdf.Write(Ascii("%PDF-1.4\n%\u00e2\u00e3\u00cf\u00d3\n"));
        var offsets = new List<long>();
        for (var i = 0; i < objects.Count; i++)
        {
            offsets.Add(pdf.Position);
            pdf.Write(Ascii($"{i + 1} 0 obj\n"));
            pdf.Write(objects[i]);
            pdf.Write(Ascii("\nendobj\n"));
        }
        var xref = pdf.Position;
        var table = new StringBuilder($"xref\n0 {objects.Count + 1}\n0000000000 65535 f \n");
        foreach (var offset in offsets)
        {
            table.Append(CultureInfo.InvariantCulture, $"{offset:D10} 00000 n \n");
        }
        table.Append(CultureInfo.InvariantCulture, $"trailer\n<< /Size {objects.Count + 1} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n");
        pdf.Write(Ascii(table.ToString()));
        return pdf.ToArray();
    }

    private static byte[] Ascii(string text) => Encoding.Latin1.GetBytes(text);

    private static byte[] Join(params byte[][] parts) => parts.SelectMany(p => p).ToArray();
}
