namespace Extractor.Readers.Ocr;

/// <summary>
/// The chi_sim reading of a page: the text around its tables and every cell that holds ink, with
/// one Tesseract setting (psm 6: a uniform block of text) over a list of images, the page with its
/// tables whitened first and then the cells' crops stacked into strips (40 lines a strip; figures
/// row by row, see <see cref="CellStrips.Compose"/>). Whole-page OCR segments a ruled page into
/// odd blocks and reads long wrapped labels worst (处理其政府信息公开申请 came out 处型其政府信息公刀中,
/// which then matched a shorter row); a cell alone is one clean block of text. With the tables
/// whitened, psm 6 read the text around them as well as page layout analysis (psm 3) did: over
/// the 62 pages of scans made from the fixtures and the real PDFs, 20,641 of 20,864 characters
/// found in the source's text layer, against 20,449 of 20,674 with psm 3. A cell's reading is the
/// label of a label cell and, for a figure cell, the second opinion <see cref="FigureReader"/>
/// compares its digits with. All is read at <see cref="OcrPageReader.TextScale"/>.
/// </summary>
internal static class CellTextReader
{
    private const int BatchSize = 40;

    /// <summary>A cell's reading: its text, mean word confidence (0–1) and words (in the page's pixels).</summary>
    public sealed record Reading(string Text, double Confidence, List<OcrWord> Words);

    /// <summary>
    /// The words of <paramref name="text"/> (the page with its tables whitened, at 1 /
    /// <see cref="OcrPageReader.TextScale"/> of the page's size) and the readings per index of
    /// <paramref name="inks"/> (empty cells and cells read as nothing are left out); the cells
    /// <paramref name="isFigure"/> picks are read row by row, side by side. Boxes are in the page's pixels.
    /// </summary>
    public static async Task<(List<OcrWord> Page, Dictionary<int, Reading> Cells)> ReadAsync(GrayImage text, IReadOnlyList<CellInk?> inks, Func<int, bool> isFigure, int dpi, Recognizer recognize)
    {
        var crops = inks.OfType<CellInk>().ToList();
        var strips = CellStrips.Compose(crops, BatchSize, Math.Max(10, dpi / 10), c => isFigure(c.Index), dpi);
        var scale = OcrPageReader.TextScale(dpi);
        var images = new List<GrayImage> { text };
        images.AddRange(scale == 1 ? strips.Images : strips.Images.Select(i => i.Half()));
        var read = await recognize(images, "chi_sim", 6, dpi / scale, null);
        if (scale == 2)
        {
            read = read.Select(words => words.Select(Tesseract.Doubled).ToList()).ToList();
        }
        var words = strips.Assign(read.Skip(1).ToList());
        var cells = new Dictionary<int, Reading>();
        foreach (var crop in crops)
        {
            if (!words.TryGetValue(crop.Index, out var mine))
            {
                continue;
            }
            var onPage = mine.Select(w => w with { X0 = w.X0 + crop.X, X1 = w.X1 + crop.X, Y0 = w.Y0 + crop.Y, Y1 = w.Y1 + crop.Y }).ToList();
            var label = Extractor.Text.CellText.Clean(string.Join(" ", OcrPageReader.InReadingOrder(onPage).Select(w => w.Text)));
            cells[crop.Index] = new Reading(label, Math.Round(Math.Clamp(onPage.Average(w => w.Confidence) / 100, 0, 1), 3), onPage);
        }
        return (read[0], cells);
    }
}
