using Extractor.Model;
using Extractor.Readers.Pdf;

namespace Extractor.Tests.Pdf;

/// <summary>
/// Stream tables of the borderless PDFs under testdata/pdf (scripts/testdata/make_borderless.py),
/// read at the reader's level: what each cell holds. Expected values are those of the HTML source
/// the PDF was rendered from. The whole documents are scored by GoldenTests.
/// </summary>
public class BorderlessPdfTests
{
    private static LayoutDocument Read(string name) =>
        new PdfReader().Read(File.ReadAllBytes(TestPaths.TestData("pdf", name)), name);

    /// <summary>The texts of the row labelled with <paramref name="label"/>, after its label cell (blank cells as "").</summary>
    private static List<string> CellsAfterLabel(LayoutDocument doc, string label)
    {
        var found = PdfTableAssertions.FindRow(doc, label);
        Assert.True(found is not null, $"no row labelled …{label}…");
        var (table, row) = found!.Value;
        var cells = Enumerable.Range(0, table.ColumnCount).Select(c => table.At(row, c)).Where(c => c is not null).Distinct().ToList();
        var at = cells.FindIndex(c => c!.Text.Contains(label, StringComparison.Ordinal));
        return cells.Skip(at + 1).Select(c => c!.Row == row ? c.Text : "(span)").ToList();
    }

    [Fact]
    public void Read_SplitsActiveTablesAtTheirCaptions_WhenSmallTablesSitCloseWithoutRules()
    {
        // Chromium, horizontal rules only: 第二十条第（五）项 and （六）项 came out as one table whose rows
        // mixed (行政许可第二十条第（六）项 | 28,750; 信息内容行政处罚 | 本年处理决定数量186).
        var doc = Read("borderless-chromium-serif-hrules-thousands.pdf");

        Assert.Equal(["28,750"], CellsAfterLabel(doc, "行政许可").Where(t => t.Length > 0));
        Assert.Equal(["186"], CellsAfterLabel(doc, "行政处罚").Where(t => t.Length > 0));
        var cells = doc.Tables.SelectMany(t => t.Cells).ToList();
        Assert.DoesNotContain(cells, c => c.Text.Contains("行政许可", StringComparison.Ordinal) && c.Text.Contains("第二十条", StringComparison.Ordinal));
        Assert.DoesNotContain(cells, c => c.Text.Contains("行政处罚", StringComparison.Ordinal) && c.Text.Contains("信息内容", StringComparison.Ordinal));
        Assert.All(doc.Tables, t => Assert.Equal("stream", t.Strategy));
    }

    [Fact]
    public void Read_KeepsRowsOfBlankMarks_WhenTableHasNoRules()
    {
        // 行政强制 / and 行政事业性收费 — were label-only lines (prose); the row of 表三 that prints
        // "", "", —, 0, 0, 无, / keeps its seven cells in their columns.
        var doc = Read("borderless-chromium-sans-left-blank-cells.pdf");

        Assert.Equal(["/"], CellsAfterLabel(doc, "行政强制").Where(t => t.Length > 0));
        Assert.Equal(["—"], CellsAfterLabel(doc, "行政事业性收费").Where(t => t.Length > 0));
        Assert.Equal(["", "", "—", "0", "0", "无", "/"], CellsAfterLabel(doc, "6.属于四类过程性信息")[^7..]);
    }

    [Fact]
    public void Read_KeepsTheFirstColumnEmpty_WhenTableContinuesOnNextPageBelowABlankMark()
    {
        // Page 1 ends with 2.其他法律行政法规禁止公开 (自然人 printed '/'), page 2 starts with
        // 3.危及“三安全一稳定” whose 自然人 is empty: the joiner took the '/' for a parent label cut by the
        // break and stretched it over the empty cell, so the row lost a column.
        var doc = Read("borderless-chromium-sans-left-blank-cells.pdf");

        Assert.Equal(["/", "1", "无", "—", "/", "无", "1"], CellsAfterLabel(doc, "2.其他法律行政法规禁止公开")[^7..]);
        Assert.Equal(["", "无", "0", "无", "2", "1", "3"], CellsAfterLabel(doc, "3.危及“三安全一稳定”")[^7..]);
        var row = PdfTableAssertions.FindRow(doc, "3.危及“三安全一稳定”")!.Value;
        Assert.Contains(row.Table.Cells, c => c.Provenance.Page == 1);
        Assert.Contains(row.Table.Cells, c => c.Provenance.Page == 2);
    }

    [Fact]
    public void Read_KeepsAnAllBlankColumn_WhenItsOnlyFigureRowPrintsItEmpty()
    {
        // 表四's one row of figures prints 未经复议直接起诉 / 尚未审结 as an empty cell: only its header
        // shows the column. Without it 11 moved under 尚未审结 and every later figure shifted.
        var doc = Read("borderless-chromium-sans-left-blank-cells.pdf");

        var table = doc.Tables.Single(t => t.Cells.Any(c => c.Text == "复议后起诉"));
        var figures = table.OriginCells(table.RowCount - 1).Select(c => c.Text).SkipWhile(t => t.Length == 0).ToList();
        Assert.Equal(["1", "2", "1", "1", "5", "2", "5", "4", "", "11", "5", "/", "5", "2", "12"], figures);
    }

    [Fact]
    public void Read_SplitsTheFigureOffALabelThatFillsItsCell_WhenCellsAreLeftAligned()
    {
        // Left-aligned cells with 1px padding: （二）部分公开（…不计其他情形） ends a few points before the
        // 自然人 figure, closer than a column gap; it read as one label …不计其他情形）1 and the row lost a figure.
        var doc = Read("borderless-lo-sans-left-blank-cells.pdf");

        Assert.Equal(["1", "2", "1", "/", "1", "2", "7"], CellsAfterLabel(doc, "（二）部分公开")[^7..]);
        Assert.DoesNotContain(doc.Tables.SelectMany(t => t.Cells), c => c.Text.EndsWith("不计其他情形）1", StringComparison.Ordinal));
    }

    [Fact]
    public void Read_SplitsTheFigureOffALabel_WhenItStandsInTheFigureColumnCloserThanAutospace()
    {
        // …行政机关不再处理其 ends 0.27 em before 2 (自然人): too close for the 0.4 em rule that keeps
        // prose apart, but the 2 stands in the figure column the other rows show.
        var doc = Read("borderless-lo-serif-hrules-left-table3-split.pdf");

        Assert.Equal(["1", "0", "0", "1", "0", "1", "3"], CellsAfterLabel(doc, "1.申请人无正当理由逾期不补正")[^7..]);
        Assert.Equal(["2", "0", "1", "2", "1", "0", "6"], CellsAfterLabel(doc, "缴纳费用")[^7..]);
    }

    [Fact]
    public void Read_ReadsTheActiveRowCutFromItsHeader_WhenThePageBreaksInsideTableTwo()
    {
        // 第二十条第（八）项 and its header end page 1; 行政事业性收费 — heads page 2 alone.
        var doc = Read("borderless-lo-sans-left-blank-cells.pdf");

        var found = PdfTableAssertions.FindRow(doc, "行政事业性收费");
        Assert.NotNull(found);
        Assert.Equal(2, found!.Value.Table.Provenance.Page);
        Assert.Equal(["—"], CellsAfterLabel(doc, "行政事业性收费").Where(t => t.Length > 0));
    }
}
