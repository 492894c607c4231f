using System.Globalization;
using Extractor.Model;
using Extractor.Readers.External;
using Extractor.Text;
using Polly.Timeout;

namespace Extractor.Readers.Ocr;

public sealed record OcrOptions
{
    /// <summary>Rendering resolution: 300 dpi reads 10.5 pt Chinese reliably; less loses strokes.</summary>
    public int Dpi { get; init; } = 300;

    public bool Deskew { get; init; } = true;

    public static OcrOptions Default { get; } = new();
}

/// <summary>One recognised page: blocks in reading order (text lines and tables with Strategy "ocr"), in PDF points.</summary>
public sealed class OcrPage
{
    public required int PageNumber { get; init; }
    public List<Block> Blocks { get; } = [];
    public List<OcrWord> Words { get; init; } = [];
    public double SkewDegrees { get; init; }
    public List<string> Warnings { get; } = [];

    /// <summary>Wall time per stage of this page (render, deskew, grid, text, figures, labels), for the benchmark.</summary>
    public Dictionary<string, double> TimingsMs { get; } = new(StringComparer.Ordinal);

    /// <summary>How many Tesseract processes reading this page started.</summary>
    public int TesseractRuns { get; internal set; }

    public IEnumerable<Table> Tables => Blocks.OfType<TableBlock>().Select(b => b.Table);
}

/// <summary>
/// OCR of a page without a text layer (or a picture of a table), as PITFALLS.md measured it works:
/// 1. render the page (pdftoppm, 300 dpi, gray); 2. deskew; 3. find the ruling lines and the table
/// grid in the pixels; 4. erase the rules and read the page with chi_sim (labels, prose);
/// 5. re-read every figure cell, cropped from the grid, with a digits-only recogniser
/// (<see cref="FigureReader"/>), because whole-page OCR reads numbers badly.
/// Entry points: <see cref="ReadPage"/> for a PDF page, <see cref="ReadImage"/> for a raster.
/// </summary>
public static class OcrPageReader
{
    public static TimeSpan RenderTimeout { get; set; } = TimeSpan.FromSeconds(60);

    /// <summary>pdftoppm plus Tesseract with chi_sim: what OCR of a PDF page needs.</summary>
    public static bool IsAvailable => ExternalProcess.Find("pdftoppm") is not null && Tesseract.IsAvailable;

    /// <summary>Recognises page <paramref name="pageNumber"/> (1-based) of a PDF.</summary>
    public static OcrPage ReadPage(byte[] pdf, int pageNumber, OcrOptions? options = null, CancellationToken cancellationToken = default)
    {
        using var temp = new TempFolder("extractor-render-");
        var path = temp.File("document.pdf");
        File.WriteAllBytes(path, pdf);
        return ReadPageFile(path, pageNumber, options, cancellationToken);
    }

    /// <summary>As <see cref="ReadPage"/>, for a PDF already on disk (saves writing it once per page).</summary>
    public static OcrPage ReadPageFile(string pdfPath, int pageNumber, OcrOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= OcrOptions.Default;
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var image = Render(pdfPath, pageNumber, options.Dpi, cancellationToken);
        var renderMs = clock.Elapsed.TotalMilliseconds;
        var page = ReadImage(image, pageNumber, options, cancellationToken);
        page.TimingsMs["render"] = Math.Round(renderMs, 2);
        return page;
    }

    public static GrayImage Render(string pdfPath, int pageNumber, int dpi, CancellationToken cancellationToken)
    {
        var exe = ExternalProcess.Find("pdftoppm") ?? throw new InvalidOperationException("pdftoppm is not installed");
        var page = pageNumber.ToString(CultureInfo.InvariantCulture);
        ProcessOutput output;
        try
        {
            output = ExternalProcess.Run(exe, ["-r", dpi.ToString(CultureInfo.InvariantCulture), "-gray", "-f", page, "-l", page, pdfPath], RenderTimeout, cancellationToken: cancellationToken);
        }
        catch (TimeoutRejectedException)
        {
            throw new IOException($"rendering page {pageNumber} took longer than {RenderTimeout.TotalSeconds:0} s");
        }
        if (output.ExitCode != 0 || output.StandardOutput.Length == 0)
        {
            throw new IOException($"pdftoppm could not render page {pageNumber}: {output.StandardError.Trim()}");
        }
        return GrayImage.FromPnm(output.StandardOutput);
    }

    /// <summary>Recognises a raster at <see cref="OcrOptions.Dpi"/>; boxes are given in PDF points (origin bottom left).</summary>
    public static OcrPage ReadImage(GrayImage image, int pageNumber, OcrOptions? options = null, CancellationToken cancellationToken = default)
    {
        options ??= OcrOptions.Default;
        var dpi = options.Dpi;
        var clock = new StageClock();
        using var runs = Tesseract.CountRuns();
        var threshold = InkThreshold(image);
        var skew = options.Deskew ? Deskew.EstimateDegrees(image, threshold) : 0;
        if (Math.Abs(skew) >= 0.2)
        {
            image = image.Rotate(skew);
        }
        clock.Lap("deskew");
        var rules = GridDetector.FindRules(image, threshold, minLength: dpi / 4, maxGap: Math.Max(1, dpi / 100), maxThickness: Math.Max(3, dpi / 40));
        var grids = GridDetector.FindGrids(rules, tolerance: Math.Max(3, dpi / 50));
        var clean = Erase(image, rules);
        var darkPrint = StampFilter.IsDarkPrint(clean, threshold);
        clock.Lap("grid");
        var words = Tesseract.Recognize(clean, "chi_sim", 3, dpi, null, cancellationToken);
        clock.Lap("text");
        var page = new OcrPage { PageNumber = pageNumber, Words = words, SkewDegrees = skew };
        var points = new PointMapper(dpi, image.Height);
        var items = new List<(int Top, Block Block)>();
        var tableIndex = 0;
        foreach (var grid in grids)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var table = BuildTable(grid, words, clean, threshold, darkPrint, dpi, pageNumber, ++tableIndex, points, clock, cancellationToken);
            items.Add((grid.Y0, new TableBlock(table)));
        }
        var loose = words.Where(w => !grids.Any(g => Inside(w, g.X0, g.Y0, g.X1, g.Y1))).ToList();
        foreach (var line in loose.GroupBy(w => (w.Block, w.Paragraph, w.Line)))
        {
            var lineWords = line.OrderBy(w => w.X0).ToList();
            var text = CellText.Clean(string.Join(" ", lineWords.Select(w => w.Text)));
            if (text.Length == 0)
            {
                continue;
            }
            var box = points.Box(lineWords.Min(w => w.X0), lineWords.Min(w => w.Y0), lineWords.Max(w => w.X1), lineWords.Max(w => w.Y1));
            items.Add((lineWords.Min(w => w.Y0), new TextBlock(text, new Provenance(Page: pageNumber, BBox: box))));
        }
        page.Blocks.AddRange(items.OrderBy(i => i.Top).Select(i => i.Block));
        clock.Lap("assemble");
        clock.CopyTo(page.TimingsMs);
        page.TesseractRuns = runs.Count;
        return page;
    }

    private static Table BuildTable(ImageGrid grid, List<OcrWord> words, GrayImage clean, int threshold, bool darkPrint, int dpi, int pageNumber, int tableIndex, PointMapper points, StageClock clock, CancellationToken cancellationToken)
    {
        var labelTexts = grid.Cells.Select(c => CellText.Clean(string.Join(" ", InReadingOrder(words
            .Where(w => Inside(w, c.X0, c.Y0, c.X1, c.Y1)))
            .Select(w => w.Text)))).ToList();
        clock.Lap("assemble");
        var figures = FigureReader.Read(clean, grid.Cells, labelTexts, threshold, darkPrint, dpi, cancellationToken);
        clock.Lap("figures");
        // A label the page reading missed comes out of the digits recogniser as a blank mark (规章 → /): read those as labels too.
        var unsure = Enumerable.Range(0, grid.Cells.Count).Where(i => labelTexts[i].Length == 0 && figures.TryGetValue(i, out var f) && f.Text.Length > 0 && !char.IsAsciiDigit(f.Text[0])).ToHashSet();
        var labelCells = Enumerable.Range(0, grid.Cells.Count).Where(i => (!figures.ContainsKey(i) && labelTexts[i].Length > 0) || unsure.Contains(i));
        var labels = LabelReader.Read(clean, grid.Cells, labelCells, threshold, darkPrint, dpi, cancellationToken);
        clock.Lap("labels");
        foreach (var i in unsure)
        {
            if (labels.TryGetValue(i, out var label) && label.Text.Count(TextNormalizer.IsHan) >= 2)
            {
                figures.Remove(i);
            }
        }
        var cells = new List<Cell>();
        for (var i = 0; i < grid.Cells.Count; i++)
        {
            var g = grid.Cells[i];
            var (text, confidence) = figures.TryGetValue(i, out var figure) ? figure
                : labels.TryGetValue(i, out var label) && label.Text.Length > 0 ? label
                : (labelTexts[i], LabelConfidence(words, g));
            cells.Add(new Cell(g.Row, g.Column, text, new Provenance(Page: pageNumber, BBox: points.Box(g.X0, g.Y0, g.X1, g.Y1)), g.RowSpan, g.ColSpan)
            {
                Confidence = confidence,
            });
        }
        return new Table(cells, new Provenance(Page: pageNumber, BBox: points.Box(grid.X0, grid.Y0, grid.X1, grid.Y1), DomPath: $"ocr-table[{tableIndex}]"), "ocr");
    }

    /// <summary>
    /// Words of a cell line by line: a word joins a line when it overlaps the line's height by
    /// half (fixed bands split a line whose words sit a few pixels apart, so 3.危及“三安全一稳定”
    /// came out as 及安全” 3. 危“三一稳定), lines top to bottom, words left to right.
    /// </summary>
    internal static IEnumerable<OcrWord> InReadingOrder(IEnumerable<OcrWord> words)
    {
        var lines = new List<(int Y0, int Y1, List<OcrWord> Words)>();
        foreach (var w in words.OrderBy(w => w.Y0))
        {
            var k = lines.FindIndex(l => Math.Min(l.Y1, w.Y1) - Math.Max(l.Y0, w.Y0) >= Math.Min(l.Y1 - l.Y0, w.Y1 - w.Y0) / 2);
            if (k < 0)
            {
                lines.Add((w.Y0, w.Y1, [w]));
                continue;
            }
            var line = lines[k];
            line.Words.Add(w);
            lines[k] = (Math.Min(line.Y0, w.Y0), Math.Max(line.Y1, w.Y1), line.Words);
        }
        return lines.OrderBy(l => l.Y0).SelectMany(l => l.Words.OrderBy(w => w.X0));
    }

    /// <summary>
    /// Ink is what is clearly darker than the paper: halfway between Otsu's split (text vs paper) and
    /// the paper's own level, so that grey table rules (often printed 50 % grey) count as ink.
    /// </summary>
    private static int InkThreshold(GrayImage image)
    {
        var histogram = new int[256];
        foreach (var p in image.Pixels)
        {
            histogram[p]++;
        }
        var paper = Array.IndexOf(histogram, histogram.Max());
        return Math.Clamp((image.OtsuThreshold() + paper) / 2, 100, 215);
    }

    private static double LabelConfidence(List<OcrWord> words, GridCell cell)
    {
        var inside = words.Where(w => Inside(w, cell.X0, cell.Y0, cell.X1, cell.Y1)).ToList();
        return inside.Count == 0 ? 0.9 : Math.Round(Math.Clamp(inside.Average(w => w.Confidence) / 100, 0, 1), 3);
    }

    private static bool Inside(OcrWord w, int x0, int y0, int x1, int y1) =>
        w.CentreX >= x0 && w.CentreX <= x1 && w.CentreY >= y0 && w.CentreY <= y1;

    /// <summary>Ruling lines whitened (with a margin for blur): Tesseract otherwise reads rules as 1, l or —.</summary>
    private static GrayImage Erase(GrayImage image, List<Rule> rules)
    {
        var clean = new GrayImage(image.Width, image.Height, (byte[])image.Pixels.Clone());
        foreach (var r in rules)
        {
            var half = r.Thickness / 2 + 2;
            for (var p = r.Position - half; p <= r.Position + half; p++)
            {
                for (var s = r.Start; s < r.End; s++)
                {
                    var (x, y) = r.Horizontal ? (s, p) : (p, s);
                    if ((uint)x < (uint)clean.Width && (uint)y < (uint)clean.Height)
                    {
                        clean[x, y] = 255;
                    }
                }
            }
        }
        return clean;
    }

    /// <summary>Pixels (origin top left) to PDF points (origin bottom left), as the PDF reader reports boxes.</summary>
    private sealed class PointMapper(int dpi, int heightPixels)
    {
        private readonly double _scale = 72.0 / dpi;

        public double[] Box(int x0, int y0, int x1, int y1) =>
            [Math.Round(x0 * _scale, 1), Math.Round((heightPixels - y1) * _scale, 1), Math.Round(x1 * _scale, 1), Math.Round((heightPixels - y0) * _scale, 1)];
    }
}
