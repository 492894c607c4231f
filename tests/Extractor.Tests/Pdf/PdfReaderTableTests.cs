using Extractor.Model;

namespace Extractor.Tests.Pdf;

public class PdfReaderTableTests
{
    public static TheoryData<string> FontKinds => new()
    {
        "lattice-type1.pdf",     // LibreOffice + Noto CJK: Type 1
        "lattice-truetype.pdf",  // LibreOffice + AR PL UMing: simple TrueType
        "lattice-cid.pdf",       // pdftocairo of the above: CID TrueType, Identity-H
        "lattice-type3.pdf",     // Chromium: Type 3
    };

    [Theory]
    [MemberData(nameof(FontKinds))]
    public void Read_RebuildsRuledTableWithSpans_WhenAnyFontKind(string file)
    {
        var doc = PdfFixtures.Read(file);

        var table = Assert.Single(doc.Tables);
        Assert.Equal("lattice", table.Strategy);
        Assert.Equal(6, table.RowCount);
        Assert.Equal(5, table.ColumnCount);
        Assert.Equal(["12", "3", "15"], PdfFixtures.FiguresOfRow(doc, "一、本年新收政府信息公开申请数量"));
        Assert.Equal(["7", "1", "8"], PdfFixtures.FiguresOfRow(doc, "（一）予以公开"));
        Assert.Equal(["3", "2", "5"], PdfFixtures.FiguresOfRow(doc, "四、结转下年度继续办理"));
        // The header 项目 spans the two label columns; the row label 一、… too.
        var header = table.At(0, 0)!;
        Assert.Equal(("项目", 2), (header.Text, header.ColSpan));
    }

    [Theory]
    [MemberData(nameof(FontKinds))]
    public void Read_RejoinsNarrowMergedLabel_WhenItWrapsOneToThreeCharactersPerLine(string file)
    {
        var doc = PdfFixtures.Read(file);

        var label = Assert.Single(doc.Tables.SelectMany(t => t.Cells), c => c.Text.StartsWith("三、", StringComparison.Ordinal));
        Assert.Equal("三、本年度办理结果", label.Text);
        Assert.Equal(3, label.RowSpan);
    }

    [Theory]
    [MemberData(nameof(FontKinds))]
    public void Read_GivesPageAndBoxForEveryCellAndBlock_WhenTableRead(string file)
    {
        var doc = PdfFixtures.Read(file);

        Assert.All(doc.Blocks, b => Assert.NotNull(b.Provenance.Page));
        foreach (var cell in doc.Tables.SelectMany(t => t.Cells))
        {
            var box = cell.Provenance.BBox!;
            Assert.InRange(cell.Provenance.Page!.Value, 1, doc.Pages);
            Assert.True(box[0] < box[2] && box[1] < box[3], $"degenerate box for {cell.Text}");
            Assert.InRange(box[0], 0, 842);
            Assert.InRange(box[3], 0, 842);
        }
        var figure = doc.Tables.SelectMany(t => t.Cells).First(c => c.Text == "15");
        var header = doc.Tables.SelectMany(t => t.Cells).First(c => c.Text == "项目");
        Assert.True(figure.Provenance.BBox![1] < header.Provenance.BBox![1], "a lower row must have a lower y in PDF points");
    }

    [Fact]
    public void Read_NormalisesKangxiRadicals_WhenTextLayerUsesThem()
    {
        var doc = PdfFixtures.Read("kangxi.pdf");

        var prose = string.Join("\n", doc.Blocks.OfType<TextBlock>().Select(b => b.Text));
        Assert.Contains("工作人员为民服务，行政复议一件。", prose);
        Assert.DoesNotContain(prose, ch => ch is >= '\u2E80' and <= '\u2FDF');
        Assert.Equal(["12"], PdfFixtures.FiguresOfRow(doc, "行政许可"));
        Assert.Equal(["3"], PdfFixtures.FiguresOfRow(doc, "行政强制"));
    }

    [Fact]
    public void Read_RebuildsTableUpright_WhenPageHasRotate90()
    {
        var doc = PdfFixtures.Read("rotated.pdf");

        var table = Assert.Single(doc.Tables);
        Assert.Equal((6, 5), (table.RowCount, table.ColumnCount));
        Assert.Equal("项目", table.At(0, 0)!.Text);
        Assert.Equal(["9", "1", "10"], PdfFixtures.FiguresOfRow(doc, "（七）总计"));
        Assert.Contains(doc.Blocks.OfType<TextBlock>(), b => b.Text == "工作人员为民服务，行政复议一件。");
    }

    [Fact]
    public void Read_RebuildsReviewLitigationTable_WhenLandscapePage()
    {
        var doc = PdfFixtures.Read("landscape.pdf");

        var table = Assert.Single(doc.Tables);
        Assert.Equal(15, table.ColumnCount);
        Assert.Equal(("行政诉讼", 10), (table.At(0, 5)!.Text, table.At(0, 5)!.ColSpan));
        var figures = table.OriginCells(table.RowCount - 1).Select(c => c.Text).ToList();
        Assert.Equal(["1", "2", "3", "4", "10", "5", "6", "7", "8", "26", "9", "0", "1", "2", "12"], figures);
    }

    [Fact]
    public void Read_RejoinsRowSplitByPageBreak_WhenTableContinuesOnNextPage()
    {
        var doc = PdfFixtures.Read("split-row.pdf");

        var table = Assert.Single(doc.Tables);
        Assert.Equal(23, table.RowCount); // header + 22 rows, none lost or doubled at the break
        Assert.Equal(["5", "1", "6"], PdfFixtures.FiguresOfRow(doc, "21.要求行政机关确认或重新出具已获取信息"));
        var label = table.OriginCells(21).First().Text;
        Assert.EndsWith("要求行政机关确认或重新出具已获取信息", label);
        Assert.Equal(6, label.Split("要求行政机关确认或重新出具已获取信息").Length - 1);
        Assert.Equal(["2", "0", "2"], PdfFixtures.FiguresOfRow(doc, "22.最后一行"));
        Assert.Equal(2, table.Cells.Select(c => c.Provenance.Page).Distinct().Count());
    }

    [Fact]
    public void Read_ReadsTableFromAlignment_WhenNoRulingLines()
    {
        var doc = PdfFixtures.Read("stream.pdf");

        var table = Assert.Single(doc.Tables);
        Assert.Equal("stream", table.Strategy);
        Assert.Contains(doc.Warnings, w => w.Contains("stream", StringComparison.Ordinal) && w.StartsWith("page 1", StringComparison.Ordinal));
        Assert.Equal(["21", "3", "0", "24"], PdfFixtures.FiguresOfRow(doc, "一、本年新收政府信息公开申请数量"));
        Assert.Equal(["18", "3", "0", "21"], PdfFixtures.FiguresOfRow(doc, "（七）总计"));
        Assert.Equal(["自然人", "商业企业", "其他", "总计"], table.OriginCells(0).Select(c => c.Text).Where(t => t.Length > 0).ToList());
        Assert.Contains(doc.Blocks.OfType<TextBlock>(), b => b.Text == "以上数据截至2023年12月31日。");
    }

    [Fact]
    public void Read_FallsBackToStream_WhenRulesSeparateRowsButNotColumns()
    {
        var doc = PdfFixtures.Read("rows-only.pdf");

        var table = Assert.Single(doc.Tables);
        Assert.Equal("stream", table.Strategy);
        Assert.Contains(doc.Warnings, w => w.Contains("do not form a grid", StringComparison.Ordinal));
        Assert.Equal(["21", "3", "0", "24"], PdfFixtures.FiguresOfRow(doc, "一、本年新收政府信息公开申请数量"));
        Assert.Equal(["4", "0", "0", "4"], PdfFixtures.FiguresOfRow(doc, "四、结转下年度继续办理"));
    }
}
