using ScottPlot;

namespace Extractor.Server.Analysis;

/// <summary>
/// Chart images drawn on the server by ScottPlot (issue 13, point 7): a bar chart of one figure across agencies
/// and a line chart of it per agency across years. PNG, so the pages, the API and a saved report show the same.
/// Bars of values still under review are drawn in orange, so a chart never passes an unconfirmed figure off as sure.
/// </summary>
public static class Charts
{
    private const string FontName = "Noto Sans CJK SC";
    private static readonly Lazy<string> Font = new(LoadFont);

    /// <summary>
    /// ScottPlot's Skia build carries no font lookup, so the CJK font is registered from its file
    /// (Debian's fonts-noto-cjk); without it the labels are drawn in the default font, Chinese as boxes.
    /// </summary>
    private static string LoadFont()
    {
        string[] dirs = ["/usr/share/fonts", "/usr/local/share/fonts", Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".fonts")];
        foreach (var dir in dirs.Where(Directory.Exists))
        {
            var file = Directory.EnumerateFiles(dir, "NotoSansCJK*-Regular.tt?", SearchOption.AllDirectories).FirstOrDefault()
                ?? Directory.EnumerateFiles(dir, "*CJK*Regular*", SearchOption.AllDirectories).FirstOrDefault();
            if (file is not null)
            {
                Fonts.AddFontFile(FontName, file);
                return FontName;
            }
        }
        return Fonts.Default;
    }

    public static byte[] Bars(ExplorerDto data, int width = 900, int height = 420)
    {
        var plot = new Plot();
        plot.Font.Set(Font.Value);
        // Across agencies means one year: with several, the latest (the line chart shows the years).
        var latest = data.Rows.Where(r => r.Value is not null).Max(r => r.Year);
        var several = data.Rows.Select(r => r.Year).Distinct().Count() > 1;
        var rows = data.Rows.Where(r => r.Value is not null && (!several || r.Year == latest)).ToList();
        var bars = rows.Select((r, i) => new Bar
        {
            Position = i,
            Value = (double)r.Value!.Value,
            FillColor = ValueStates.IsUnconfirmed(r.State) ? Colors.Orange : Colors.SteelBlue,
            Label = r.Value.Value.ToString("G29", System.Globalization.CultureInfo.InvariantCulture),
        }).ToList();
        if (bars.Count > 0)
        {
            var plotted = plot.Add.Bars(bars);
            plotted.ValueLabelStyle.FontName = Font.Value;
        }
        var ticks = rows.Select((r, i) => new Tick(i, Short(r.Agency))).ToArray();
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(ticks);
        plot.Axes.Bottom.TickLabelStyle.FontName = Font.Value;
        if (rows.Count > 8)
        {
            // A county's townships side by side: upright names would run into each other.
            plot.Axes.Bottom.TickLabelStyle.Rotation = -45;
            plot.Axes.Bottom.TickLabelStyle.Alignment = Alignment.MiddleRight;
            plot.Axes.Bottom.MinimumSize = 110;
        }
        plot.Axes.Left.TickLabelStyle.FontName = Font.Value;
        plot.Axes.Margins(bottom: 0, top: 0.12);
        plot.Title(data.Label + (data.Unit.Length > 0 ? $"（{data.Unit}）" : "") + (several && latest is not null ? $"，{latest} 年度" : ""));
        plot.Axes.Title.Label.FontName = Font.Value;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    public static byte[] Lines(ExplorerDto data, int maxAgencies = 10, int width = 900, int height = 420)
    {
        var plot = new Plot();
        plot.Font.Set(Font.Value);
        var byAgency = data.Rows.Where(r => r.Value is not null && r.Year is not null).GroupBy(r => r.AgencyKey).Take(maxAgencies).ToList();
        var years = data.Rows.Where(r => r.Year is not null).Select(r => r.Year!.Value).Distinct().Order().ToList();
        foreach (var g in byAgency)
        {
            var points = g.OrderBy(r => r.Year).ToList();
            var line = plot.Add.Scatter(points.Select(p => (double)p.Year!.Value).ToArray(), points.Select(p => (double)p.Value!.Value).ToArray());
            line.LegendText = Short(points[0].Agency);
            line.MarkerSize = 8;
        }
        plot.Axes.Bottom.TickGenerator = new ScottPlot.TickGenerators.NumericManual(
            years.Select(y => new Tick(y, y.ToString(System.Globalization.CultureInfo.InvariantCulture))).ToArray());
        plot.Axes.Bottom.TickLabelStyle.FontName = Font.Value;
        plot.Axes.Left.TickLabelStyle.FontName = Font.Value;
        if (byAgency.Count > 0)
        {
            plot.ShowLegend(Edge.Right);
            plot.Legend.FontName = Font.Value;
        }
        plot.Title(data.Label + "（按年度）");
        plot.Axes.Title.Label.FontName = Font.Value;
        return plot.GetImageBytes(width, height, ImageFormat.Png);
    }

    private static string Short(string s) => s.Length <= 10 ? s : s[..9] + "…";
}
