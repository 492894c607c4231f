using Extractor.Readers.Pdf;

namespace Extractor.Tests.Pdf;

/// <summary>Joins of table fragments across a page break, on fragments built by hand.</summary>
public class TableJoinerTests
{
    // Column boundaries of a 表三-like fragment: parent label, row label, two figure columns.
    private static readonly double[] Xs = [70, 110, 300, 400, 500];

    [Fact]
    public void TryJoin_KeepsHeaderAndFigureRowsApart_WhenTable4HeaderEndsPage()
    {
        var header = Fragment(page: 4, rows: [["结果维持", "结果纠正", "其他结果", "总计"]], xs: [70, 180, 290, 400, 510]);
        var figures = Fragment(page: 5, rows: [["10", "1", "0", "11"]], xs: [70, 180, 290, 400, 510]);

        Assert.True(TableJoiner.TryJoin(header, figures));

        Assert.Equal(2, header.RowCount);
        Assert.Equal(["10", "1", "0", "11"], header.CellsInRow(1).Select(c => c.Text));
        Assert.Equal(["结果维持", "结果纠正", "其他结果", "总计"], header.CellsInRow(0).Select(c => c.Text));
    }

    [Fact]
    public void TryJoin_RejoinsSplitRow_WhenLabelContinuesWithoutFigures()
    {
        var first = Fragment(page: 3, rows: [["", "4.无正当理由大量反复申请", "0", "0"], ["", "5.要求行政机关确认或重新出", "2", "2"]], xs: Xs);
        var next = Fragment(page: 4, rows: [["", "具已获取信息", "", ""], ["", "（六）其他处理", "0", "0"]], xs: Xs);

        Assert.True(TableJoiner.TryJoin(first, next));

        Assert.Equal(3, first.RowCount);
        Assert.Equal(["", "5.要求行政机关确认或重新出具已获取信息", "2", "2"], first.CellsInRow(1).Select(c => c.Text));
        Assert.Equal("（六）其他处理", first.CellsInRow(2).ElementAt(1).Text);
    }

    [Fact]
    public void TryJoin_ContinuesParentLabel_WhenCutByPageBreak()
    {
        var first = Fragment(page: 4, rows: [["（四）无", "1.本机关不掌握相关政府信息", "746", "769"]], xs: Xs);
        var next = Fragment(page: 5, rows: [["法提供", "2.没有现成信息需要另行制作", "11", "11"], ["", "3.补正后申请内容仍不明确", "1", "1"]], xs: Xs);
        next.Cells.RemoveAll(c => c.Row == 1 && c.X0 == Xs[0]);
        next.Cells.Single(c => c.Row == 0 && c.X0 == Xs[0]).RowSpan = 2;

        Assert.True(TableJoiner.TryJoin(first, next));

        var parent = first.Cells.Single(c => c.Text.StartsWith("（四）", StringComparison.Ordinal));
        Assert.Equal(("（四）无法提供", 0, 3), (parent.Text, parent.Row, parent.RowSpan));
        Assert.Equal(3, first.RowCount);
        Assert.Equal("2.没有现成信息需要另行制作", first.CellAt(1, 200)!.Text);
    }

    [Fact]
    public void TryJoin_DropsRepeatedHeader_WhenContinuationRepeatsIt()
    {
        var first = Fragment(page: 2, rows: [["", "项目", "自然人", "总计"], ["", "一、本年新收", "3", "3"]], xs: Xs);
        var next = Fragment(page: 3, rows: [["", "项目", "自然人", "总计"], ["", "二、上年结转", "1", "1"]], xs: Xs);

        Assert.True(TableJoiner.TryJoin(first, next));

        Assert.Equal(3, first.RowCount);
        Assert.Equal("二、上年结转", first.CellAt(2, 200)!.Text);
    }

    [Fact]
    public void TryJoin_Refuses_WhenWidthsDiffer()
    {
        var first = Fragment(page: 2, rows: [["", "规章", "0", "0"]], xs: Xs);
        var next = Fragment(page: 3, rows: [["a", "b", "1"]], xs: [70, 110, 200, 300]);

        Assert.False(TableJoiner.TryJoin(first, next));
        Assert.Equal(1, first.RowCount);
    }

    private static GridTable Fragment(int page, string[][] rows, double[] xs)
    {
        var cells = new List<GridCell>();
        for (var r = 0; r < rows.Length; r++)
        {
            for (var c = 0; c < rows[r].Length; c++)
            {
                cells.Add(new GridCell
                {
                    Row = r, X0 = xs[c], X1 = xs[c + 1], Page = page, Text = rows[r][c],
                    Box = new Box(xs[c], 700 - 20 * r, xs[c + 1], 720 - 20 * r),
                });
            }
        }
        var box = new Box(xs[0], 700 - 20 * rows.Length, xs[^1], 720);
        return new GridTable
        {
            Strategy = "lattice", Xs = [.. xs], RowCount = rows.Length, Cells = cells,
            Page = page, Box = box, LastPage = page, LastBox = box,
        };
    }
}
