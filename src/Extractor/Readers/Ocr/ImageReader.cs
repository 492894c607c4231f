using Extractor.Model;
using Polly.Timeout;

namespace Extractor.Readers.Ocr;

/// <summary>
/// A report uploaded as a picture: a PNG or JPEG of a printed page (a phone photo, a scanner's
/// image) or of the whole report in one tall picture (a long screenshot of a web page). It is read
/// as one scanned page by the same OCR (<see cref="OcrPageReader.ReadImage"/>), so its figures
/// carry the flag ocr and are ok only where balanced arithmetic confirms them and they were read
/// surely (no ocr_unsure). Other picture
/// formats, a damaged picture, a picture too small to hold a report and a machine without OCR each
/// get a <see cref="DocumentReadException"/> saying so.
/// </summary>
/// <param name="options">The OCR's options.</param>
/// <param name="pictureDpi">The pictures' resolution where it is known (a batch of screenshots taken at
/// one zoom): it overrides what the file records and the width rule.</param>
public sealed class ImageReader(OcrOptions? options = null, double? pictureDpi = null) : IDocumentReader
{
    private readonly OcrOptions _options = options ?? OcrOptions.Default;

    /// <summary>Picture formats recognised by their first bytes (an upload in any of them comes here, and is told which are read).</summary>
    public static readonly IReadOnlySet<string> Formats = new HashSet<string>(StringComparer.Ordinal) { "png", "jpeg", "gif", "tiff", "webp" };

    /// <summary>Narrower than this (pixels), a picture cannot hold a line of a report's table.</summary>
    private const int MinWidth = 300;

    /// <summary>A picture without a recorded resolution is taken to be as wide as an A4 page (210 mm).</summary>
    private const double PageWidthInches = 210 / 25.4;

    public string Format => "image";

    public LayoutDocument Read(byte[] content, string fileName, CancellationToken cancellationToken = default)
    {
        var info = Probe(content);
        if (info.Width < MinWidth)
        {
            throw new DocumentReadException($"the picture is {info.Width}×{info.Height} pixels: too small to hold a report's tables (at least {MinWidth} pixels wide is needed)");
        }
        if (!OcrPageReader.IsAvailable)
        {
            throw new DocumentReadException("a picture is read by OCR, which needs tesseract (with chi_sim) and pdftoppm, and they are not installed");
        }
        OcrPage page;
        var margin = _options.Dpi / 4;
        try
        {
            // White paper around it, as a scanned page has: page segmentation wants margins.
            var image = PictureTableReader.WithMargin(PictureDecoder.Decode(content, Scale(info), cancellationToken), margin);
            page = OcrPageReader.ReadImage(image, 1, _options, cancellationToken);
        }
        catch (Exception ex) when (ex is InvalidDataException or IOException or TimeoutRejectedException or InvalidOperationException)
        {
            throw new DocumentReadException($"the {info.Format} picture could not be read: {ex.Message}", ex);
        }
        var document = new LayoutDocument { Format = Format, Pages = 1 };
        var shift = margin * 72.0 / _options.Dpi;
        document.Blocks.AddRange(page.Blocks.Select(b => Shifted(b, shift)));
        document.Warnings.Add($"{info.Format} picture ({info.Width}×{info.Height} pixels) read by OCR as one page: figures carry the flag ocr");
        if (Math.Abs(page.SkewDegrees) >= 0.2)
        {
            document.Warnings.Add(string.Create(System.Globalization.CultureInfo.InvariantCulture, $"the picture was turned by {page.SkewDegrees:0.##}° to straighten its lines"));
        }
        document.Warnings.AddRange(page.Warnings);
        foreach (var (stage, ms) in page.TimingsMs)
        {
            document.TimingsMs[stage] = ms;
        }
        if (document.Blocks.Count == 0)
        {
            document.UnreadablePages.Add(1);
            document.Warnings.Add("no text was recognised in the picture: its figures are missing");
        }
        return document;
    }

    private static PictureInfo Probe(byte[] content)
    {
        try
        {
            return PictureDecoder.Probe(content)
                ?? throw new DocumentReadException($"{PictureDecoder.FormatName(content, "unknown")} pictures are not read (PNG and JPEG are): convert it to PNG or PDF");
        }
        catch (InvalidDataException ex)
        {
            throw new DocumentReadException($"the picture is damaged: {ex.Message}", ex);
        }
    }

    /// <summary>
    /// Pixels of the picture <paramref name="content"/> per point of the boxes this reader reports for it (boxes are
    /// in points of the picture scaled to the OCR resolution, origin bottom left); null for a picture it does not read.
    /// Lets a viewer draw a box on the picture itself.
    /// </summary>
    public double? PixelsPerPoint(byte[] content)
    {
        var info = PictureDecoder.Probe(content);
        return info is null ? null : _options.Dpi / 72.0 / Scale(info);
    }

    /// <summary>
    /// The factor that brings the picture to the OCR resolution: from the resolution its file records
    /// (when more than a screen default), else from its width taken as an A4 page's; between 0.5 and
    /// 4 and under the pixel limit.
    /// </summary>
    internal double Scale(PictureInfo info)
    {
        var dpi = pictureDpi ?? (info.Dpi is >= 100 and <= 1200 ? info.Dpi.Value : Math.Clamp(info.Width / PageWidthInches, 72, 600));
        var scale = Math.Clamp(_options.Dpi / dpi, 0.5, 4);
        var pixels = (double)info.Width * info.Height * scale * scale;
        return pixels > PictureTableReader.MaxOcrPixels ? scale * Math.Sqrt(PictureTableReader.MaxOcrPixels / pixels) : scale;
    }

    /// <summary>Boxes without the added margin (points of the picture at the OCR resolution).</summary>
    private static Block Shifted(Block block, double shift)
    {
        Provenance Move(Provenance p) => p.BBox is { } b ? p with { BBox = [.. b.Select(v => Math.Round(v - shift, 1))] } : p;
        return block switch
        {
            TableBlock { Table: var t } => new TableBlock(new Table([.. t.Cells.Select(c => c with { Provenance = Move(c.Provenance) })], Move(t.Provenance), t.Strategy)),
            TextBlock t => t with { Provenance = Move(t.Provenance) },
            _ => block,
        };
    }
}
