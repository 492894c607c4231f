namespace Extractor.Readers.Ocr;

/// <summary>
/// Takes a seal (or any lighter overlay) off a cell before it is read. Print is black; an official
/// seal is red and scans mid-grey, so where it crosses a cell its ring and star are ink that
/// belongs to no dark stroke. Ink is kept when it is dark or lies next to dark ink (a glyph's
/// anti-aliased edge); the rest is whitened, but only when it is a large share of the cell's ink:
/// a page printed lightly all over has no dark core to measure by and is left as it is.
/// </summary>
internal static class StampFilter
{
    /// <summary>
    /// True when the page's print is black: at least a fifth of its ink is darker than half the ink
    /// threshold. Only then is grey ink with no dark stroke near it taken for an overlay.
    /// </summary>
    public static bool IsDarkPrint(GrayImage page, int threshold)
    {
        long ink = 0, dark = 0;
        foreach (var p in page.Pixels)
        {
            ink += p < threshold ? 1 : 0;
            dark += p < threshold / 2 ? 1 : 0;
        }
        return ink > 0 && dark * 5 >= ink;
    }

    public static GrayImage Remove(GrayImage cell, int threshold, bool darkPrint, int dpi)
    {
        var dark = threshold / 2;
        var radius = Math.Max(1, dpi / 100);
        int w = cell.Width, h = cell.Height;
        if (w == 0 || h == 0)
        {
            return cell;
        }
        // Dark pixels dilated by a square of the radius: a max filter done in two passes.
        var rows = new bool[w * h];
        var near = new bool[w * h];
        int ink = 0, darkCount = 0;
        for (var y = 0; y < h; y++)
        {
            for (var x = 0; x < w; x++)
            {
                var p = cell.Pixels[y * w + x];
                ink += p < threshold ? 1 : 0;
                if (p < dark)
                {
                    darkCount++;
                    for (var dx = Math.Max(0, x - radius); dx <= Math.Min(w - 1, x + radius); dx++)
                    {
                        rows[y * w + dx] = true;
                    }
                }
            }
        }
        if (darkCount < Math.Max(6, dpi / 25))
        {
            // No dark stroke at all: on a black-printed page the grey ink is the seal alone.
            return darkPrint ? new GrayImage(w, h) : cell;
        }
        for (var x = 0; x < w; x++)
        {
            for (var y = 0; y < h; y++)
            {
                if (rows[y * w + x])
                {
                    for (var dy = Math.Max(0, y - radius); dy <= Math.Min(h - 1, y + radius); dy++)
                    {
                        near[dy * w + x] = true;
                    }
                }
            }
        }
        var far = 0;
        for (var i = 0; i < near.Length; i++)
        {
            far += cell.Pixels[i] < threshold && !near[i] ? 1 : 0;
        }
        if (far < 0.3 * ink)
        {
            return cell;
        }
        var result = new GrayImage(w, h, (byte[])cell.Pixels.Clone());
        for (var i = 0; i < near.Length; i++)
        {
            if (!near[i])
            {
                result.Pixels[i] = 255;
            }
        }
        return result;
    }
}
