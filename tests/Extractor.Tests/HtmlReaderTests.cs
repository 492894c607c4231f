using System.Text;
using Extractor.Model;
using Extractor.Readers;
using Extractor.Readers.Html;

namespace Extractor.Tests;

public class HtmlReaderTests
{
    private static LayoutDocument Read(string html, Encoding? encoding = null) =>
        new HtmlReader().Read((encoding ?? Encoding.UTF8).GetBytes(html), "page.html");

    [Fact]
    public void Read_ExpandsRowspanAndColspan_ToAFullGrid()
    {
        var layout = Read("""
            <table>
              <tr><td rowspan="3">三、本年度办理结果</td><td colspan="2">（一）予以公开</td><td>5</td></tr>
              <tr><td rowspan="2">（三）不予公开</td><td>1.属于国家秘密</td><td>1</td></tr>
              <tr><th>2.其他法律行政法规禁止公开</th><td>&nbsp;</td></tr>
            </table>
            """);

        var table = Assert.Single(layout.Tables);
        Assert.Equal(3, table.RowCount);
        Assert.Equal(4, table.ColumnCount);
        Assert.Equal("三、本年度办理结果", table.At(2, 0)!.Text);
        Assert.Equal("（三）不予公开", table.At(2, 1)!.Text);
        Assert.Equal("2.其他法律行政法规禁止公开", table.At(2, 2)!.Text);
        Assert.Equal("", table.At(2, 3)!.Text);
        Assert.Equal("5", table.At(0, 3)!.Text);
        Assert.Equal(2, table.At(0, 1)!.ColSpan);
    }

    [Fact]
    public void Read_DecodesGbkPage_FromItsMetaCharset()
    {
        var html = "<html><head><meta http-equiv=\"Content-Type\" content=\"text/html; charset=gb2312\"></head><body><p>行政规范性文件</p><table><tr><td>规章</td><td>3</td></tr></table></body></html>";

        var layout = Read(html, TextDecoder.Gb18030);

        Assert.Contains(layout.Blocks.OfType<TextBlock>(), b => b.Text == "行政规范性文件");
        Assert.Equal("规章", layout.Tables.Single().At(0, 0)!.Text);
    }

    [Fact]
    public void Read_JoinsWordExportedParagraphsInACell_WithoutSpacesBetweenHan()
    {
        var layout = Read("<table><tr><td><p class=MsoNormal><span lang=EN-US>行政规范</span></p><p class=MsoNormal><span>性文件</span></p></td><td><p>1,234</p></td></tr></table>");

        var table = layout.Tables.Single();
        Assert.Equal("行政规范性文件", table.At(0, 0)!.Text);
        Assert.Equal("1,234", table.At(0, 1)!.Text);
    }

    [Fact]
    public void Read_ReadsInnerTables_OfALayoutTable()
    {
        var layout = Read("<table><tr><td><p>一、总体情况</p><table><tr><td>规章</td><td>1</td></tr></table></td></tr></table>");

        var table = Assert.Single(layout.Tables);
        Assert.Equal("规章", table.At(0, 0)!.Text);
        Assert.Contains(layout.Blocks.OfType<TextBlock>(), b => b.Text == "一、总体情况");
    }

    [Fact]
    public void Read_SkipsScriptsAndStyles()
    {
        var layout = Read("<html><head><style>td{}</style></head><body><script>var a='规章';</script><p>正文</p></body></html>");

        Assert.DoesNotContain(layout.Blocks.OfType<TextBlock>(), b => b.Text.Contains("var"));
    }
}
