using Extractor.Schema;

namespace Extractor.Server.Analysis;

/// <summary>A cell of a table as the template prints it: a label (header) or a figure (its field path).</summary>
public sealed record LayoutCell(string? Text, string? Path = null, int ColSpan = 1, int RowSpan = 1)
{
    public bool IsFigure => Path is not null;
}

public sealed record LayoutTable(string Name, string Title, IReadOnlyList<IReadOnlyList<LayoutCell>> Rows)
{
    /// <summary>Columns of the grid, spans counted.</summary>
    public int Width => Rows.Max(r => r.Sum(c => c.ColSpan));
}

/// <summary>
/// 表二, 表三 and 表四 as 国办公开办函〔2021〕30号 prints them, as grids with row and column spans: drawn by the
/// year-over-year page and written to the per-table sheets of the XLSX export, so both look like the paper form.
/// Rows covered by a row span leave their cell out (HTML's rule), see <see cref="Expand"/> for a full grid.
/// </summary>
public static class OfficialLayout
{
    public static readonly IReadOnlyList<LayoutTable> Tables = [Active(), Applications(), ReviewLitigation()];

    private static LayoutTable Active()
    {
        var rows = new List<IReadOnlyList<LayoutCell>>();
        foreach (var group in Template.ActiveRows.GroupBy(r => (r.GroupLabel, Columns: string.Join('|', r.Columns.Select(c => c.Label)))))
        {
            var columns = group.First().Columns;
            rows.Add([new LayoutCell(group.Key.GroupLabel), .. columns.Select(c => new LayoutCell(c.Label))]);
            foreach (var row in group)
            {
                rows.Add([new LayoutCell(row.RowLabel), .. row.Columns.Select(c => new LayoutCell(null, Template.ActivePath(row, c.Key)))]);
            }
        }
        return new LayoutTable("表二", "二、主动公开政府信息情况", rows);
    }

    private static LayoutTable Applications()
    {
        var cols = Template.ApplicantColumns;
        var rows = new List<IReadOnlyList<LayoutCell>>
        {
            new[] { new LayoutCell("（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）", ColSpan: 3, RowSpan: 3), new LayoutCell("申请人情况", ColSpan: 7) },
            new[] { new LayoutCell(cols[0].Label, RowSpan: 2), new LayoutCell("法人或其他组织", ColSpan: 5), new LayoutCell(cols[6].Label, RowSpan: 2) },
            cols.Skip(1).Take(5).Select(c => new LayoutCell(c.Label)).ToArray(),
        };
        var results = Template.ApplicationRows.Count(r => r.Group.Length > 0);
        var seenResults = false;
        string? seenSub = null;
        foreach (var r in Template.ApplicationRows)
        {
            var cells = new List<LayoutCell>();
            if (r.Group.Length == 0)
            {
                cells.Add(new LayoutCell(r.Label, ColSpan: 3));
            }
            else
            {
                if (!seenResults)
                {
                    cells.Add(new LayoutCell(r.Group, RowSpan: results));
                    seenResults = true;
                }
                if (r.SubLabel is null)
                {
                    cells.Add(new LayoutCell(r.Label, ColSpan: 2));
                }
                else
                {
                    if (seenSub != r.SubLabel)
                    {
                        cells.Add(new LayoutCell(r.SubLabel, RowSpan: Template.ApplicationRows.Count(x => x.SubLabel == r.SubLabel)));
                        seenSub = r.SubLabel;
                    }
                    cells.Add(new LayoutCell(r.Label));
                }
            }
            cells.AddRange(cols.Select(c => new LayoutCell(null, Template.ApplicationPath(r.Key, c.Key))));
            rows.Add(cells);
        }
        return new LayoutTable("表三", "三、收到和处理政府信息公开申请情况", rows);
    }

    private static LayoutTable ReviewLitigation()
    {
        var outcomes = Template.ReviewOutcomes;
        var n = outcomes.Count;
        var rows = new List<IReadOnlyList<LayoutCell>>
        {
            new[] { new LayoutCell("行政复议", ColSpan: n, RowSpan: 2), new LayoutCell("行政诉讼", ColSpan: 2 * n) },
            new[] { new LayoutCell("未经复议直接起诉", ColSpan: n), new LayoutCell("复议后起诉", ColSpan: n) },
            Template.ReviewGroups.SelectMany(_ => outcomes.Select(o => new LayoutCell(o.Label))).ToArray(),
            Template.ReviewGroups.SelectMany(g => outcomes.Select(o => new LayoutCell(null, Template.ReviewPath(g.Key, o.Key)))).ToArray(),
        };
        return new LayoutTable("表四", "四、政府信息公开行政复议、行政诉讼情况", rows);
    }

    /// <summary>
    /// Places every cell on the full grid: (row, column) of its top-left corner, following HTML's rule that a
    /// cell covered by a span from above is left out of its row.
    /// </summary>
    public static List<(int Row, int Column, LayoutCell Cell)> Expand(LayoutTable table)
    {
        var taken = new HashSet<(int, int)>();
        var placed = new List<(int, int, LayoutCell)>();
        for (var r = 0; r < table.Rows.Count; r++)
        {
            var c = 0;
            foreach (var cell in table.Rows[r])
            {
                while (taken.Contains((r, c)))
                {
                    c++;
                }
                placed.Add((r, c, cell));
                for (var dr = 0; dr < cell.RowSpan; dr++)
                {
                    for (var dc = 0; dc < cell.ColSpan; dc++)
                    {
                        taken.Add((r + dr, c + dc));
                    }
                }
                c += cell.ColSpan;
            }
        }
        return placed;
    }
}
