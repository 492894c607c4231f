using Extractor.Readers.Ocr;

namespace Extractor.Tests.Ocr;

/// <summary>Grid detection on drawn rasters: no OCR engine needed.</summary>
public class GridDetectorTests
{
    /// <summary>A 3×3 ruled table at 300 dpi whose top-left two cells are merged (no rule between them).</summary>
    private static GrayImage DrawTable()
    {
        var image = new GrayImage(1200, 700);
        int[] xs = [100, 500, 800, 1100], ys = [100, 300, 450, 600];
        foreach (var y in ys)
        {
            for (var x = xs[0]; x <= xs[^1]; x++)
            {
                for (var t = 0; t < 3; t++)
                {
                    image[x, y + t] = 0;
                }
            }
        }
        foreach (var x in xs)
        {
            for (var y = ys[0]; y <= ys[^1] + 2; y++)
            {
                // The rule between the first two cells of the top row is missing: they are one merged cell.
                if (x == 500 && y < 300)
                {
                    continue;
                }
                for (var t = 0; t < 3; t++)
                {
                    image[x + t, y] = 0;
                }
            }
        }
        return image;
    }

    [Fact]
    public void FindGrids_MergesCells_WhenTheRuleBetweenThemIsMissing()
    {
        var rules = GridDetector.FindRules(DrawTable(), 128, minLength: 75, maxGap: 3, maxThickness: 8);

        var grid = Assert.Single(GridDetector.FindGrids(rules, tolerance: 6));

        Assert.Equal(4, grid.RowLines.Length);
        Assert.Equal(4, grid.ColumnLines.Length);
        var merged = grid.Cells.Single(c => c.Row == 0 && c.Column == 0);
        Assert.Equal(2, merged.ColSpan);
        Assert.Equal(8, grid.Cells.Count);
    }

    [Fact]
    public void FindGrids_IgnoresShortStrokes_WhenTheyAreNotRules()
    {
        var image = DrawTable();
        // A short underline-like stroke inside a cell does not meet two rules: no new row.
        for (var x = 550; x < 700; x++)
        {
            image[x, 380] = 0;
        }

        var grid = Assert.Single(GridDetector.FindGrids(GridDetector.FindRules(image, 128, 75, 3, 8), 6));

        Assert.Equal(4, grid.RowLines.Length);
    }

    [Fact]
    public void FindGrids_IgnoresAStampsRing_WhenItCrossesTheTable()
    {
        var image = DrawTable();
        // A seal: a 6 px grey ring of radius 240 over the lower right cells, as a red stamp scans.
        const int cx = 850, cy = 480, radius = 240;
        for (var y = cy - radius; y <= cy + radius; y++)
        {
            for (var x = cx - radius; x <= cx + radius; x++)
            {
                var d = Math.Sqrt((x - cx) * (x - cx) + (y - cy) * (y - cy));
                if (d >= radius - 6 && d <= radius && (uint)x < 1200 && (uint)y < 700)
                {
                    image[x, y] = Math.Min(image[x, y], (byte)120);
                }
            }
        }

        var grid = Assert.Single(GridDetector.FindGrids(GridDetector.FindRules(image, 200, 75, 3, 8), 6));

        Assert.Equal([100, 300, 450, 600], grid.RowLines.Select(r => (r + 2) / 10 * 10));
        Assert.Equal([100, 500, 800, 1100], grid.ColumnLines.Select(c => (c + 2) / 10 * 10));
    }

    [Fact]
    public void FindGrids_KeepsTheFirstRow_WhenAPageBreakCutTheTopRule()
    {
        var image = DrawTable();
        // The continuation of a table on a new page: no rule above its first row.
        for (var x = 0; x < 1200; x++)
        {
            for (var t = 0; t < 3; t++)
            {
                image[x, 100 + t] = 255;
            }
        }

        var grid = Assert.Single(GridDetector.FindGrids(GridDetector.FindRules(image, 128, 75, 3, 8), 6));

        Assert.Equal(4, grid.RowLines.Length);
        Assert.InRange(grid.RowLines[0], 95, 106);
    }

    [Fact]
    public void EstimateDegrees_FindsTheTilt_WhenThePageIsRotated()
    {
        var rotated = DrawTable().Rotate(0.8);

        var skew = Deskew.EstimateDegrees(rotated, 128);

        // Rotating by the estimate undoes the tilt: the estimate is the negative of the applied rotation.
        Assert.InRange(skew, -0.9, -0.7);
    }
}
