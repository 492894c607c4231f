using System.Text.RegularExpressions;
using Extractor.Text;

namespace Extractor.Readers.Ocr;

/// <summary>
/// Reads the figure cells of a grid with a digits-only recogniser: each cell's ink is cropped from
/// the page (rules already erased), the crops are stacked one per line into a strip image with
/// white gaps, and the strip is read once (psm 6, whitelist 0-9 / -) so a page costs one Tesseract
/// run, not two hundred. A crop the strip read badly is read again alone (psm 7).
/// Confidence: both recognisers agreeing on the digits > one clean digits read > anything else.
/// </summary>
internal static partial class FigureReader
{
    private const string Whitelist = "0123456789/-.";
    private const int BatchSize = 70;

    [GeneratedRegex(@"^\d+(\.\d+)?$")]
    private static partial Regex Digits();

    private sealed record Crop(int Index, GrayImage Image);

    public static Dictionary<int, (string Text, double Confidence)> Read(GrayImage clean, List<GridCell> cells, List<string> pageTexts, int threshold, bool darkPrint, int dpi, CancellationToken cancellationToken)
    {
        var result = new Dictionary<int, (string, double)>();
        var crops = new List<Crop>();
        for (var i = 0; i < cells.Count; i++)
        {
            if (!IsFigureCandidate(pageTexts[i]))
            {
                continue;
            }
            var ink = InkCrop(clean, cells[i], threshold, darkPrint, dpi);
            if (ink is null)
            {
                result[i] = ("", 0.95);
                continue;
            }
            crops.Add(new Crop(i, ink));
        }
        var reads = new Dictionary<int, (string Text, double Confidence)>();
        foreach (var batch in crops.Chunk(BatchSize))
        {
            foreach (var (index, read) in ReadStrip(batch, dpi, cancellationToken))
            {
                reads[index] = read;
            }
        }
        foreach (var crop in crops)
        {
            var read = reads.GetValueOrDefault(crop.Index, ("", 0));
            if (!Digits().IsMatch(read.Text))
            {
                // The strip misread or dropped this one: read it alone as a single line.
                var single = Tesseract.Recognize(Pad(crop.Image, dpi / 10), "eng", 7, dpi, Whitelist, cancellationToken);
                if (single.Count > 0)
                {
                    read = (string.Concat(single.OrderBy(w => w.X0).Select(w => w.Text)), single.Min(w => w.Confidence));
                }
            }
            if (Decide(read, pageTexts[crop.Index]) is { } decided)
            {
                result[crop.Index] = decided;
            }
        }
        return result;
    }

    /// <summary>A cell that may hold a figure: no Chinese (or one character, e.g. 无, or a digit misread as 一).</summary>
    private static bool IsFigureCandidate(string pageText)
    {
        var compact = TextNormalizer.Normalize(pageText).Replace(" ", "", StringComparison.Ordinal);
        return !TextNormalizer.HasHan(compact) || compact.Length == 1;
    }

    private static (string, double)? Decide((string Text, double Confidence) read, string pageText)
    {
        var page = TextNormalizer.Normalize(pageText).Replace(" ", "", StringComparison.Ordinal);
        var blankMark = page.Length > 0 && Mapping.CellValueParser.Parse(page).IsBlank;
        if (Digits().IsMatch(read.Text))
        {
            if (blankMark && read.Text.Length == 1 && read.Text is "1" or "7")
            {
                // "/" and "—" come out of a digits-only recogniser as 1 or 7; the page reading says blank.
                return (page, 0.5);
            }
            if (page == read.Text)
            {
                return (read.Text, 0.9);
            }
            return (read.Text, read.Confidence >= 85 ? 0.85 : read.Confidence >= 60 ? 0.6 : 0.4);
        }
        if (read.Text.Trim('/', '-').Length == 0)
        {
            return (blankMark ? page : "/", 0.85);
        }
        if (TextNormalizer.HasHan(page))
        {
            return null;
        }
        return (read.Text, 0.3);
    }

    /// <summary>The cell's ink, inset from its rules; null when the cell is empty.</summary>
    internal static GrayImage? InkCrop(GrayImage image, GridCell cell, int threshold, bool darkPrint, int dpi)
    {
        var inset = Math.Max(3, dpi / 60);
        var region = StampFilter.Remove(image.Crop(cell.X0 + inset, cell.Y0 + inset, cell.X1 - inset, cell.Y1 - inset), threshold, darkPrint, dpi);
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
        for (var y = 0; y < region.Height; y++)
        {
            for (var x = 0; x < region.Width; x++)
            {
                if (region[x, y] < threshold)
                {
                    count++;
                    minX = Math.Min(minX, x);
                    maxX = Math.Max(maxX, x);
                    minY = Math.Min(minY, y);
                    maxY = Math.Max(maxY, y);
                }
            }
        }
        // A few dark pixels are dust or JPEG noise, not a figure.
        if (count < Math.Max(6, dpi / 25))
        {
            return null;
        }
        return region.Crop(minX, minY, maxX + 1, maxY + 1);
    }

    private static GrayImage Pad(GrayImage image, int margin)
    {
        var padded = new GrayImage(image.Width + 2 * margin, image.Height + 2 * margin);
        padded.Paste(image, margin, margin);
        return padded;
    }

    private static IEnumerable<(int Index, (string Text, double Confidence) Read)> ReadStrip(Crop[] batch, int dpi, CancellationToken cancellationToken)
    {
        var margin = Math.Max(10, dpi / 15);
        var width = batch.Max(c => c.Image.Width) + 2 * margin;
        var height = margin + batch.Sum(c => c.Image.Height + margin);
        var strip = new GrayImage(width, height);
        var spans = new List<(int Index, int Top, int Bottom)>();
        var y = margin;
        foreach (var crop in batch)
        {
            strip.Paste(crop.Image, margin, y);
            spans.Add((crop.Index, y - margin / 2, y + crop.Image.Height + margin / 2));
            y += crop.Image.Height + margin;
        }
        var words = Tesseract.Recognize(strip, "eng", 6, dpi, Whitelist, cancellationToken);
        foreach (var (index, top, bottom) in spans)
        {
            var mine = words.Where(w => w.CentreY >= top && w.CentreY < bottom).OrderBy(w => w.X0).ToList();
            if (mine.Count > 0)
            {
                yield return (index, (string.Concat(mine.Select(w => w.Text)), mine.Min(w => w.Confidence)));
            }
        }
    }
}
