namespace Extractor.Readers.Ocr;

/// <summary>
/// The ink of one grid cell, cropped from the page: <see cref="X"/>, <see cref="Y"/> is its top
/// left on the page; <see cref="Row"/> tells the table rows apart (cells of one row share it).
/// </summary>
internal sealed record CellInk(int Index, GrayImage Image, int X, int Y, int Row);

/// <summary>
/// Reads many small crops with few Tesseract runs: the crops are laid out into strip images with
/// white gaps (a strip is one uniform block of text to Tesseract, psm 6), the strips go to
/// Tesseract as a list of images (with other pages' in a <see cref="TesseractBatch"/>), and each
/// word goes back to the crop whose place in the strip holds its centre, in that crop's coordinates.
/// </summary>
internal static class CellStrips
{
    /// <summary>The cell's ink, inset from its rules, with a seal overlay taken off; null when the cell is empty.</summary>
    public static CellInk? InkCrop(GrayImage page, GridCell cell, int index, int row, int threshold, bool darkPrint, int dpi)
    {
        var inset = Math.Max(3, dpi / 60);
        var x0 = cell.X0 + inset;
        var y0 = cell.Y0 + inset;
        var region = StampFilter.Remove(page.Crop(x0, y0, cell.X1 - inset, cell.Y1 - inset), threshold, darkPrint, dpi);
        int minX = int.MaxValue, minY = int.MaxValue, maxX = -1, maxY = -1, count = 0;
        for (var y = 0; y < region.Height; y++)
        {
            var line = y * region.Width;
            for (var x = 0; x < region.Width; x++)
            {
                if (region.Pixels[line + x] < threshold)
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
        return new CellInk(index, region.Crop(minX, minY, maxX + 1, maxY + 1), Math.Max(0, x0) + minX, Math.Max(0, y0) + minY, row);
    }

    /// <summary>
    /// Words per crop index (crops the strips read nothing for are left out), in the crop's pixels:
    /// the crops composed by <see cref="Compose"/> and read with one Tesseract setting.
    /// </summary>
    public static async Task<Dictionary<int, List<OcrWord>>> ReadAsync(IReadOnlyList<CellInk> crops, int batchSize, int margin, Func<CellInk, bool>? inRows, string language, int pageSegmentationMode, int dpi, string? whitelist, Recognizer recognize)
    {
        var strips = Compose(crops, batchSize, margin, inRows, dpi);
        return strips.Assign(await recognize(strips.Images, language, pageSegmentationMode, dpi, whitelist));
    }

    /// <summary>
    /// Strip images of the crops. Crops are stacked one per line, <paramref name="batchSize"/>
    /// lines a strip, with <paramref name="margin"/> pixels of white around each. The crops
    /// <paramref name="inRows"/> picks (figures) go side by side instead, those of one table row on
    /// one line in their order on the page with wide gaps, in strips of their own: a recogniser that
    /// reads in context (chi_sim) reads a lone digit on a line of its own badly (4 came out as 人 4,
    /// 1 as 兄), a row of figures as well as the page read did.
    /// </summary>
    public static Strips Compose(IReadOnlyList<CellInk> crops, int batchSize, int margin, Func<CellInk, bool>? inRows, int dpi)
    {
        inRows ??= _ => false;
        var gap = dpi * 2 / 5;
        var alone = crops.Where(c => !inRows(c)).Select(c => new[] { c }).Chunk(batchSize);
        var rows = crops.Where(inRows).GroupBy(c => c.Row).Select(r => r.OrderBy(c => c.X).ToArray()).Chunk(batchSize);
        var result = new Strips();
        foreach (var batch in alone.Concat(rows))
        {
            var width = batch.Max(l => l.Sum(c => c.Image.Width) + (l.Length - 1) * gap) + 2 * margin;
            var strip = new GrayImage(width, margin + batch.Sum(l => l.Max(c => c.Image.Height) + margin));
            var placed = new List<Place>();
            var y = margin;
            foreach (var line in batch)
            {
                var height = line.Max(c => c.Image.Height);
                var x = margin;
                for (var i = 0; i < line.Length; i++)
                {
                    var crop = line[i];
                    strip.Paste(crop.Image, x, y);
                    // A crop's place reaches halfway into the white around it: a word's box may spill over its ink.
                    var x0 = i == 0 ? 0 : x - gap / 2;
                    var x1 = i == line.Length - 1 ? width : x + crop.Image.Width + gap / 2;
                    placed.Add(new Place(crop, x, y, x0, y - margin / 2, x1, y + height + margin / 2));
                    x += crop.Image.Width + gap;
                }
                y += height + margin;
            }
            result.Images.Add(strip);
            result.Places.Add(placed);
        }
        return result;
    }

    /// <summary>Strip images and where each crop lies in them.</summary>
    public sealed class Strips
    {
        public List<GrayImage> Images { get; } = [];

        internal List<List<Place>> Places { get; } = [];

        /// <summary>
        /// Words per crop index, in the crop's pixels, from the words read on each strip image
        /// (in the image's pixels); crops with no word are left out.
        /// </summary>
        public Dictionary<int, List<OcrWord>> Assign(IReadOnlyList<List<OcrWord>> read)
        {
            var result = new Dictionary<int, List<OcrWord>>();
            for (var s = 0; s < Images.Count; s++)
            {
                foreach (var p in Places[s])
                {
                    var mine = read[s].Where(w => w.CentreY >= p.Y0 && w.CentreY < p.Y1 && w.CentreX >= p.X0 && w.CentreX < p.X1)
                        .Select(w => w with { X0 = w.X0 - p.Left, X1 = w.X1 - p.Left, Y0 = w.Y0 - p.Top, Y1 = w.Y1 - p.Top })
                        .ToList();
                    if (mine.Count > 0)
                    {
                        result[p.Crop.Index] = mine;
                    }
                }
            }
            return result;
        }
    }

    /// <summary>Where a crop was pasted in a strip (its top left) and the area whose words are its own.</summary>
    internal sealed record Place(CellInk Crop, int Left, int Top, int X0, int Y0, int X1, int Y1);

    /// <summary>Each crop alone with a white margin, all read with one setting (psm 7: one line): words per crop index.</summary>
    public static async Task<Dictionary<int, List<OcrWord>>> ReadEachAsync(IReadOnlyList<CellInk> crops, int margin, string language, int pageSegmentationMode, int dpi, string? whitelist, Recognizer recognize)
    {
        var images = crops.Select(c =>
        {
            var padded = new GrayImage(c.Image.Width + 2 * margin, c.Image.Height + 2 * margin);
            padded.Paste(c.Image, margin, margin);
            return padded;
        }).ToList();
        var read = await recognize(images, language, pageSegmentationMode, dpi, whitelist);
        var result = new Dictionary<int, List<OcrWord>>();
        for (var i = 0; i < crops.Count; i++)
        {
            if (read[i].Count > 0)
            {
                result[crops[i].Index] = read[i].Select(w => w with { X0 = w.X0 - margin, X1 = w.X1 - margin, Y0 = w.Y0 - margin, Y1 = w.Y1 - margin }).ToList();
            }
        }
        return result;
    }
}
