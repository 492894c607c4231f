namespace Extractor.Readers.Ocr;

/// <summary>
/// Re-reads the label cells of a grid with chi_sim, each cell's ink cropped and stacked into one
/// strip (one Tesseract run per table, psm 6). Whole-page OCR segments a ruled page into odd
/// blocks and reads long wrapped labels worst (处理其政府信息公开申请 came out 处型其政府信息公刀中,
/// which then matched a shorter row); a cell alone is one clean block of text.
/// </summary>
internal static class LabelReader
{
    private const int BatchSize = 40;

    /// <summary>Text and mean word confidence (0–1) per cell index; cells the strip read nothing for are left out.</summary>
    public static Dictionary<int, (string Text, double Confidence)> Read(GrayImage clean, List<GridCell> cells, IEnumerable<int> labelCells, int threshold, bool darkPrint, int dpi, CancellationToken cancellationToken)
    {
        var crops = new List<(int Index, GrayImage Image)>();
        foreach (var i in labelCells)
        {
            if (FigureReader.InkCrop(clean, cells[i], threshold, darkPrint, dpi) is { } ink)
            {
                crops.Add((i, ink));
            }
        }
        var result = new Dictionary<int, (string, double)>();
        foreach (var batch in crops.Chunk(BatchSize))
        {
            cancellationToken.ThrowIfCancellationRequested();
            var margin = Math.Max(10, dpi / 10);
            var strip = new GrayImage(batch.Max(c => c.Image.Width) + 2 * margin, margin + batch.Sum(c => c.Image.Height + margin));
            var spans = new List<(int Index, int Top, int Bottom)>();
            var y = margin;
            foreach (var (index, image) in batch)
            {
                strip.Paste(image, margin, y);
                spans.Add((index, y - margin / 2, y + image.Height + margin / 2));
                y += image.Height + margin;
            }
            var words = Tesseract.Recognize(strip, "chi_sim", 6, dpi, null, cancellationToken);
            foreach (var (index, top, bottom) in spans)
            {
                var mine = words.Where(w => w.CentreY >= top && w.CentreY < bottom).ToList();
                if (mine.Count > 0)
                {
                    var text = Extractor.Text.CellText.Clean(string.Join(" ", OcrPageReader.InReadingOrder(mine).Select(w => w.Text)));
                    result[index] = (text, Math.Round(Math.Clamp(mine.Average(w => w.Confidence) / 100, 0, 1), 3));
                }
            }
        }
        return result;
    }
}
