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

    /// <summary>
    /// Recognise nothing in an image without a ruled table (no Tesseract run): for pictures inside
    /// a document, most of which are photos, seals and logos, and only the tables matter.
    /// </summary>
    public bool TablesOnly { get; init; }

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

    /// <summary>
    /// Time per stage of this page (render, deskew, grid, assemble; "tesseract.chi_sim" and
    /// "tesseract.eng": its share of the runs it shared with other pages), for the benchmark.
    /// </summary>
    public Dictionary<string, double> TimingsMs { get; } = new(StringComparer.Ordinal);

    public IEnumerable<Table> Tables => Blocks.OfType<TableBlock>().Select(b => b.Table);
}

/// <summary>
/// OCR of a page without a text layer (or a picture of a table), as PITFALLS.md measured it works:
/// 1. render the page (pdftoppm, 300 dpi, gray); 2. deskew; 3. find the ruling lines and the table
/// grid in the pixels, erase the rules and crop every cell's ink; 4. read the cells' crops, stacked
/// into strips, with a digits-only recogniser (<see cref="FigureReader"/>: whole-page OCR reads
/// numbers badly); 5. read the page outside the tables (title, prose, headings) and the cells'
/// crops with chi_sim, in one run (<see cref="CellTextReader"/>: labels, and a second opinion on
/// figures). A page costs two Tesseract runs, three when some figures need reading again,
/// whatever the number of cells.
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
    public static OcrPage ReadPageFile(string pdfPath, int pageNumber, OcrOptions? options = null, CancellationToken cancellationToken = default) =>
        ReadPages(pdfPath, [pageNumber], options, cancellationToken)[0];

    /// <summary>
    /// Recognises pages of a PDF on disk together: each is rendered and prepared in turn, then all
    /// share their Tesseract runs (<see cref="TesseractBatch"/>: three runs for the pages, not two
    /// or three each). Throws when any page fails; read a failing batch page by page to tell which.
    /// <paramref name="run"/> stands in for Tesseract in tests.
    /// </summary>
    internal static List<OcrPage> ReadPages(string pdfPath, IReadOnlyList<int> pageNumbers, OcrOptions? options, CancellationToken cancellationToken, TesseractRun? run = null)
    {
        options ??= OcrOptions.Default;
        var prepared = new List<Prepared>();
        foreach (var pageNumber in pageNumbers)
        {
            cancellationToken.ThrowIfCancellationRequested();
            var clock = System.Diagnostics.Stopwatch.StartNew();
            var image = Render(pdfPath, pageNumber, options.Dpi, cancellationToken);
            var renderMs = clock.Elapsed.TotalMilliseconds;
            prepared.Add(Prepare(image, pageNumber, options));
            prepared[^1].Timings["render"] = renderMs;
        }
        return Read(prepared, cancellationToken, run);
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
        var prepared = Prepare(image, pageNumber, options);
        return options.TablesOnly && prepared.Grids.Count == 0
            ? new OcrPage { PageNumber = pageNumber, SkewDegrees = prepared.Skew }
            : Read([prepared], cancellationToken)[0];
    }

    /// <summary>
    /// As <see cref="ReadImage"/> for several rasters (the pictures of one document), sharing their
    /// Tesseract runs; throws when any fails.
    /// </summary>
    internal static List<OcrPage> ReadImages(IReadOnlyList<(GrayImage Image, int PageNumber)> images, OcrOptions? options = null, CancellationToken cancellationToken = default) =>
        Read(images.Select(i => Prepare(i.Image, i.PageNumber, options ?? OcrOptions.Default)).ToList(), cancellationToken);

    /// <summary>A page ready for recognition: its tables' grids, every cell's ink, the text around the tables.</summary>
    private sealed class Prepared
    {
        public required int PageNumber { get; init; }
        public required int Dpi { get; init; }
        public required double Skew { get; init; }
        public required int Height { get; init; }
        public required List<ImageGrid> Grids { get; init; }
        public required List<(int Table, GridCell Cell)> Cells { get; init; }
        public required List<CellInk?> Inks { get; init; }

        /// <summary>The page with its tables whitened, at 1 / <see cref="TextScale"/> of its size.</summary>
        public required GrayImage Text { get; init; }

        public Dictionary<string, double> Timings { get; } = new(StringComparer.Ordinal);
    }

    /// <summary>The pixel work: deskew, ruling lines and grids, the cells' ink cropped, the tables whitened for the text read.</summary>
    private static Prepared Prepare(GrayImage image, int pageNumber, OcrOptions options)
    {
        var dpi = options.Dpi;
        var clock = new StageClock();
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
        var cells = grids.SelectMany((g, t) => g.Cells.Select(c => (Table: t, Cell: c))).ToList();
        var inks = cells.Select((c, i) => CellStrips.InkCrop(clean, c.Cell, i, c.Table * 10000 + c.Cell.Row, threshold, darkPrint, dpi)).ToList();
        // The cells are cropped: the page read skips the tables, which hold most of a ruled page's text.
        WhitenTables(clean, grids);
        var prepared = new Prepared
        {
            PageNumber = pageNumber,
            Dpi = dpi,
            Skew = skew,
            Height = image.Height,
            Grids = grids,
            Cells = cells,
            Inks = inks,
            Text = TextScale(dpi) == 1 ? clean : clean.Half(),
        };
        clock.Lap("grid");
        clock.CopyTo(prepared.Timings);
        return prepared;
    }

    /// <summary>Recognises prepared pages, sharing their Tesseract runs; throws the first page's failure.</summary>
    private static List<OcrPage> Read(IReadOnlyList<Prepared> pages, CancellationToken cancellationToken, TesseractRun? run = null)
    {
        var flows = pages.Select(p => (Func<Recognizer, Task<OcrPage>>)(recognize => ReadAsync(p, recognize))).ToList();
        var done = TesseractBatch.Run(flows, pages.Select(p => p.Timings).ToList(), cancellationToken, run);
        var pagesRead = done.Select(t => t.GetAwaiter().GetResult()).ToList();
        for (var i = 0; i < pages.Count; i++)
        {
            foreach (var (stage, ms) in pages[i].Timings)
            {
                pagesRead[i].TimingsMs[stage] = Math.Round(ms, 2);
            }
        }
        return pagesRead;
    }

    /// <summary>
    /// One page's recognition: the figures' digits strips, then the chi_sim read of the text and the
    /// cells (figures row by row, which the digits tell), then the figures read again alone.
    /// </summary>
    private static async Task<OcrPage> ReadAsync(Prepared p, Recognizer recognize)
    {
        var clock = new StageClock();
        var dpi = p.Dpi;
        var pageNumber = p.PageNumber;
        var digits = await FigureReader.ReadStripsAsync(p.Inks, dpi, recognize);
        clock.Skip();
        var (words, readings) = await CellTextReader.ReadAsync(p.Text, p.Inks, i => FigureReader.IsFigure(digits.GetValueOrDefault(i).Text), dpi, recognize);
        clock.Skip();
        var texts = p.Cells.Select((_, i) => readings.TryGetValue(i, out var r) ? r.Text : "").ToList();
        var figures = await FigureReader.ReadAsync(p.Inks, texts, digits, dpi, recognize);
        clock.Skip();
        var page = new OcrPage { PageNumber = pageNumber, Words = [.. words, .. readings.Values.SelectMany(r => r.Words)], SkewDegrees = p.Skew };
        var points = new PointMapper(dpi, p.Height);
        var items = new List<(int Top, Block Block)>();
        for (var t = 0; t < p.Grids.Count; t++)
        {
            var built = p.Cells.Select((c, i) => (c, i)).Where(x => x.c.Table == t).Select(x =>
            {
                var g = x.c.Cell;
                var (text, confidence) = figures.TryGetValue(x.i, out var figure) ? figure
                    : readings.TryGetValue(x.i, out var reading) ? (LabelLexicon.Snap(reading.Text), reading.Confidence)
                    : ("", 0.9);
                return new Cell(g.Row, g.Column, text, new Provenance(Page: pageNumber, BBox: points.Box(g.X0, g.Y0, g.X1, g.Y1)), g.RowSpan, g.ColSpan)
                {
                    Confidence = confidence,
                };
            }).ToList();
            var grid = p.Grids[t];
            var table = new Table(built, new Provenance(Page: pageNumber, BBox: points.Box(grid.X0, grid.Y0, grid.X1, grid.Y1), DomPath: $"ocr-table[{t + 1}]"), "ocr");
            items.Add((grid.Y0, new TableBlock(table)));
        }
        var loose = words.Where(w => !p.Grids.Any(g => Inside(w, g.X0, g.Y0, g.X1, g.Y1))).ToList();
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
        clock.CopyTo(p.Timings);
        return page;
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

    private static bool Inside(OcrWord w, int x0, int y0, int x1, int y1) =>
        w.CentreX >= x0 && w.CentreX <= x1 && w.CentreY >= y0 && w.CentreY <= y1;

    /// <summary>
    /// 2 when Chinese text is read at half the rendering resolution, which it is when that is still
    /// 150 dpi or more: over 31 pages of 300 dpi scans made from the PDF fixtures and the real PDFs,
    /// chi_sim read the characters as well at half (mean F1 of the characters against the source's
    /// text layer 0.973, against 0.970 at 300 dpi) for about a quarter less CPU; a 150 dpi scan,
    /// rendered at 300, loses nothing. Tesseract's LSTM works on lines scaled to 48 pixels high
    /// whatever the resolution; what the extra pixels cost is thresholding and layout analysis.
    /// Digits are read at the full resolution.
    /// </summary>
    internal static int TextScale(int dpi) => dpi >= 300 ? 2 : 1;

    /// <summary>Whitens the tables' areas, for the read of the text around them.</summary>
    private static void WhitenTables(GrayImage clean, List<ImageGrid> grids)
    {
        foreach (var g in grids)
        {
            int x0 = Math.Clamp(g.X0, 0, clean.Width), x1 = Math.Clamp(g.X1 + 1, x0, clean.Width);
            for (var y = Math.Max(0, g.Y0); y <= Math.Min(clean.Height - 1, g.Y1); y++)
            {
                Array.Fill(clean.Pixels, (byte)255, y * clean.Width + x0, x1 - x0);
            }
        }
    }

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
