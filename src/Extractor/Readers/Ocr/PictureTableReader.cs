using Extractor.Model;
using Extractor.Readers.External;
using Polly.Timeout;

namespace Extractor.Readers.Ocr;

/// <summary>How pictures in DOCX and HTML documents are read.</summary>
public sealed record PictureOcrOptions
{
    /// <summary>A picture smaller than this (pixels) on both sides is an icon, a seal or a logo: skipped without OCR.</summary>
    public int MinSide { get; init; } = 200;

    /// <summary>A picture thinner than this (pixels) on either side is a rule or a banner strip: skipped.</summary>
    public int MinThinSide { get; init; } = 40;

    /// <summary>
    /// Resolution taken for a picture whose document gives no display size and whose file records
    /// no real resolution (72 and 96 dpi are only defaults): a screenshot, one pixel per CSS pixel.
    /// </summary>
    public double DefaultDpi { get; init; } = 96;

    /// <summary>The OCR of the page reader; pictures are scaled to its <see cref="OcrOptions.Dpi"/> first.</summary>
    public OcrOptions Ocr { get; init; } = OcrOptions.Default;

    /// <summary>Null: OCR is used where tesseract (chi_sim) and pdftoppm are installed. False: behave as if they were not (tests of that path).</summary>
    public bool? OcrInstalled { get; init; }

    /// <summary>The defaults.</summary>
    public static PictureOcrOptions Default { get; } = new();
}

/// <summary>
/// Reads pictures of tables (a table pasted into Word as a picture, a web page showing its tables
/// as images) with the scanned-page OCR (<see cref="OcrPageReader.ReadImage"/>): each picture is
/// decoded (<see cref="PictureDecoder"/>), scaled to the OCR resolution from its display size (or
/// its recorded resolution), read, and its tables and text lines are inserted where the picture
/// stood. Every figure so read carries the flag ocr, exactly as on a scanned page, so it is ok only
/// where balanced arithmetic confirms it. Tiny pictures (icons, seals, logos) cost nothing; without
/// OCR the document says how many pictures went unread, and their figures are missing, never 0.
/// A picture in which no ruled table is found adds nothing (a photo, a chart) but a warning.
/// </summary>
public sealed class PictureTableReader(PictureOcrOptions? options = null) : IPictureReader
{
    private readonly PictureOcrOptions _options = options ?? PictureOcrOptions.Default;

    /// <summary>The largest raster handed to OCR (pixels); a larger picture is read at a lower scale.</summary>
    internal const double MaxOcrPixels = 40_000_000;

    /// <inheritdoc />
    public void ReadPictures(IReadOnlyList<EmbeddedPicture> pictures, LayoutDocument document, CancellationToken cancellationToken)
    {
        var candidates = new List<(EmbeddedPicture Picture, PictureInfo Info)>();
        foreach (var picture in pictures)
        {
            PictureInfo? info;
            try
            {
                info = PictureDecoder.Probe(picture.Bytes);
            }
            catch (InvalidDataException ex)
            {
                document.Warnings.Add($"picture {picture.Name} is damaged ({ex.Message}): a table in it is not read");
                continue;
            }
            if (info is null)
            {
                document.Warnings.Add($"picture {picture.Name} is {PictureDecoder.FormatName(picture.Bytes, picture.ContentType)}, which is not read (PNG and JPEG are): a table in it is not read");
                continue;
            }
            if (!IsTiny(info))
            {
                candidates.Add((picture, info));
            }
        }
        if (candidates.Count == 0)
        {
            return;
        }
        if (!(_options.OcrInstalled ?? OcrPageReader.IsAvailable))
        {
            document.Warnings.Add($"{candidates.Count} picture(s) could not be recognised because OCR is not installed (tesseract with chi_sim, and pdftoppm): a table shown as a picture is not read, its figures are missing");
            return;
        }
        var pages = new OcrPage?[candidates.Count];
        var errors = new string?[candidates.Count];
        Parallel.For(0, candidates.Count, new ParallelOptions { MaxDegreeOfParallelism = ExternalProcess.MaxConcurrent, CancellationToken = cancellationToken }, i =>
        {
            var (picture, info) = candidates[i];
            try
            {
                var image = WithMargin(PictureDecoder.Decode(picture.Bytes, Scale(picture, info), cancellationToken), Margin);
                pages[i] = OcrPageReader.ReadImage(image, i + 1, _options.Ocr with { TablesOnly = true }, cancellationToken);
            }
            catch (Exception ex) when (ex is IOException or InvalidDataException or TimeoutRejectedException or InvalidOperationException)
            {
                errors[i] = ex.Message;
            }
        });
        var placed = new List<(int BlockIndex, int Order, List<Block> Blocks)>();
        var read = 0;
        var tables = 0;
        for (var i = 0; i < candidates.Count; i++)
        {
            var picture = candidates[i].Picture;
            if (pages[i] is not { } page)
            {
                document.Warnings.Add($"picture {picture.Name}: OCR failed ({errors[i]}): a table in it is not read");
                continue;
            }
            document.Warnings.AddRange(page.Warnings.Select(w => $"picture {picture.Name}: {w}"));
            var blocks = Place(page, picture, Margin * 72.0 / _options.Ocr.Dpi);
            if (blocks.Count == 0)
            {
                document.Warnings.Add($"picture {picture.Name}: no ruled table found in it by OCR; not used");
                continue;
            }
            read++;
            tables += blocks.Count(b => b is TableBlock);
            placed.Add((Math.Clamp(picture.BlockIndex, 0, document.Blocks.Count), i, blocks));
        }
        // From the back, so that earlier indexes stay valid; pictures at one index keep their order.
        foreach (var (index, _, blocks) in placed.OrderByDescending(p => p.BlockIndex).ThenByDescending(p => p.Order))
        {
            document.Blocks.InsertRange(index, blocks);
        }
        if (read > 0)
        {
            document.Warnings.Add($"{read} picture(s) read by OCR ({tables} table(s)): their figures carry the flag ocr");
        }
    }

    /// <summary>
    /// White paper around the picture, as a scanned page has: a table cropped to its rules reads
    /// worse (page segmentation wants margins). Boxes are given back without it.
    /// </summary>
    private int Margin => _options.Ocr.Dpi / 4;

    internal static GrayImage WithMargin(GrayImage image, int margin)
    {
        var page = new GrayImage(image.Width + 2 * margin, image.Height + 2 * margin);
        page.Paste(image, margin, margin);
        return page;
    }

    /// <summary>Icons, seals, logos and rules: too small to hold a table.</summary>
    private bool IsTiny(PictureInfo info) =>
        (info.Width < _options.MinSide && info.Height < _options.MinSide) || Math.Min(info.Width, info.Height) < _options.MinThinSide;

    /// <summary>
    /// The factor that brings the picture to the OCR resolution: its pixels over its displayed
    /// inches; else the resolution its file records (when it is more than a screen default); else
    /// <see cref="PictureOcrOptions.DefaultDpi"/>. Kept between 0.5 and 4 and under the pixel limit.
    /// </summary>
    internal double Scale(EmbeddedPicture picture, PictureInfo info)
    {
        var dpi = picture.DisplayWidthInches is > 0.1 and var inches ? info.Width / inches
            : info.Dpi is >= 100 and <= 1200 ? info.Dpi.Value
            : _options.DefaultDpi;
        var scale = Math.Clamp(_options.Ocr.Dpi / Math.Max(dpi, 1), 0.5, 4);
        var pixels = (double)info.Width * info.Height * scale * scale;
        return pixels > MaxOcrPixels ? scale * Math.Sqrt(MaxOcrPixels / pixels) : scale;
    }

    /// <summary>
    /// The page's blocks with the picture's provenance (its offset and path; boxes in points of the
    /// picture at the OCR resolution, no page); none when OCR found no table in it.
    /// </summary>
    private static List<Block> Place(OcrPage page, EmbeddedPicture picture, double margin)
    {
        double[]? Box(double[]? b) => b is null ? null : [.. b.Select(v => Math.Round(v - margin, 1))];
        if (!page.Blocks.Any(b => b is TableBlock))
        {
            return [];
        }
        var basePath = picture.DomPath ?? "picture";
        var blocks = new List<Block>();
        var tableIndex = 0;
        foreach (var block in page.Blocks)
        {
            switch (block)
            {
                case TableBlock { Table: var table }:
                    var path = $"{basePath}/ocr-table[{++tableIndex}]";
                    var cells = table.Cells.Select(c => c with { Provenance = new Provenance(BBox: Box(c.Provenance.BBox), Offset: picture.Offset, DomPath: path) }).ToList();
                    blocks.Add(new TableBlock(new Table(cells, new Provenance(BBox: Box(table.Provenance.BBox), Offset: picture.Offset, DomPath: path), table.Strategy)));
                    break;
                case TextBlock text:
                    blocks.Add(new TextBlock(text.Text, new Provenance(BBox: Box(text.Provenance.BBox), Offset: picture.Offset, DomPath: basePath)));
                    break;
            }
        }
        return blocks;
    }
}
