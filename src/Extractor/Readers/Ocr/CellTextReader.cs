namespace Extractor.Readers.Ocr;

/// <summary>
/// Reads every cell of a page's grids that holds ink with chi_sim: the crops are stacked into
/// strips (40 lines a strip, psm 6; figures row by row) and all strips are read in one Tesseract
/// run, at the resolution of the page's text (<see cref="OcrPageReader.TextScale"/>). Whole-page OCR
/// segments a ruled page into odd blocks and reads long wrapped labels worst (处理其政府信息公开申请
/// came out 处型其政府信息公刀中, which then matched a shorter row); a cell alone is one clean block
/// of text. The reading is the label of a label cell and, for a figure cell, the second opinion
/// <see cref="FigureReader"/> compares its digits with; the page read itself skips the tables.
/// </summary>
internal static class CellTextReader
{
    private const int BatchSize = 40;

    /// <summary>A cell's reading: its text, mean word confidence (0–1) and words (in the page's pixels).</summary>
    public sealed record Reading(string Text, double Confidence, List<OcrWord> Words);

    /// <summary>
    /// Readings per index of <paramref name="inks"/>; empty cells and cells the strips read nothing
    /// for are left out. The cells <paramref name="isFigure"/> picks are read row by row, side by side.
    /// </summary>
    public static Dictionary<int, Reading> Read(IReadOnlyList<CellInk?> inks, Func<int, bool> isFigure, int dpi, CancellationToken cancellationToken)
    {
        var crops = inks.OfType<CellInk>().ToList();
        var words = CellStrips.Read(crops, BatchSize, Math.Max(10, dpi / 10), c => isFigure(c.Index), "chi_sim", 6, dpi, null, cancellationToken, OcrPageReader.TextScale(dpi));
        var result = new Dictionary<int, Reading>();
        foreach (var crop in crops)
        {
            if (!words.TryGetValue(crop.Index, out var mine))
            {
                continue;
            }
            var onPage = mine.Select(w => w with { X0 = w.X0 + crop.X, X1 = w.X1 + crop.X, Y0 = w.Y0 + crop.Y, Y1 = w.Y1 + crop.Y }).ToList();
            var text = Extractor.Text.CellText.Clean(string.Join(" ", OcrPageReader.InReadingOrder(onPage).Select(w => w.Text)));
            result[crop.Index] = new Reading(text, Math.Round(Math.Clamp(onPage.Average(w => w.Confidence) / 100, 0, 1), 3), onPage);
        }
        return result;
    }
}
