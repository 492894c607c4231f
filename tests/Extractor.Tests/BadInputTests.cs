using System.Text;
using Extractor.Results;

namespace Extractor.Tests;

/// <summary>Bad input gets a clear result or error naming the reason: never a crash, a hang or a silent empty result.</summary>
public class BadInputTests
{
    private readonly DocumentExtractor _extractor = new();

    [Fact]
    public void Extract_FailsClearly_WhenFileIsEmpty()
    {
        var result = _extractor.Extract([], "empty.txt");

        Assert.Equal("failed", result.Status);
        Assert.Contains("empty", result.Error);
        Assert.Equal(200, result.Fields.Count);
        Assert.All(result.Fields.Values, f => Assert.Equal(FieldStatus.Missing, f.Status));
    }

    [Theory]
    [InlineData("report.txt")]
    [InlineData("report.html")]
    public void Extract_FailsClearly_WhenBinaryBytesHaveATextName(string name)
    {
        var bytes = new byte[4096];
        new Random(7).NextBytes(bytes);

        var result = _extractor.Extract(bytes, name);

        Assert.Equal("failed", result.Status);
        Assert.Contains("binary", result.Error);
    }

    [Fact]
    public void Extract_FailsClearly_WhenNamedPdfButNotAPdf()
    {
        var result = _extractor.Extract(Encoding.UTF8.GetBytes("<html><body>not a pdf</body></html>"), "report.pdf");

        Assert.Equal("failed", result.Status);
        Assert.Contains("not a PDF", result.Error);
    }

    [Fact]
    public void Extract_SaysNoTemplateTable_WhenHtmlHasNoTables()
    {
        var html = "<html><head><meta charset=\"utf-8\"></head><body><h1>某某镇人民政府2023年政府信息公开工作年度报告</h1><p>一、总体情况</p><p>全年工作平稳。</p></body></html>";

        var result = _extractor.Extract(Encoding.UTF8.GetBytes(html), "no-tables.html");

        Assert.Equal("failed", result.Status);
        Assert.Contains("no table of the national template", result.Error);
        Assert.Equal(2023, result.Report.Year);
        Assert.All(result.Fields.Values, f => Assert.Equal(FieldStatus.Missing, f.Status));
    }

    [Fact]
    public void Extract_Reads2019Template_WithItsActiveFiguresInExtra()
    {
        var text = """
            某某乡人民政府2020年政府信息公开工作年度报告
            二、主动公开政府信息情况
            第二十条第（一）项
            信息内容	本年新制作数量	本年新公开数量	对外公开总数量
            规章	0	0	0
            规范性文件	2	2	15
            第二十条第（五）项
            信息内容	上一年项目数量	本年增/减	处理决定数量
            行政许可	12	-2	40
            """;

        var result = _extractor.Extract(Encoding.UTF8.GetBytes(text), "2019.txt");

        Assert.Equal("2019", result.Report.Template);
        Assert.Equal(15m, result.Extra!["active2019.normativeDocuments.totalPublished"]);
        Assert.Equal(-2m, result.Extra!["active2019.licensing.changeThisYear"]);
        Assert.Equal(FieldStatus.Missing, result.Fields["active.normativeDocuments.issued"].Status);
        Assert.Contains(result.Warnings, w => w.Contains("2019"));
    }

    [Fact]
    public void Extract_FinishesWithAClearResult_OnA50MegabyteTextFile()
    {
        var line = "本单位持续推进政务公开工作，认真落实各项制度要求，不断提升公开质量和实效，接受社会监督。\n";
        var sb = new StringBuilder();
        while (sb.Length * 3 < 51 * 1024 * 1024)
        {
            sb.Append(line);
        }
        var bytes = Encoding.UTF8.GetBytes(sb.ToString());

        var result = _extractor.Extract(bytes, "huge.txt");

        Assert.True(bytes.Length >= 50 * 1024 * 1024);
        Assert.Equal("failed", result.Status);
        Assert.Contains("no table", result.Error);
    }

    [Fact]
    public void Extract_RefusesFilesOverTheLimit_NamingTheSize()
    {
        var extractor = new DocumentExtractor(new ExtractorOptions { MaxBytes = 1024 });

        var result = extractor.Extract(new byte[4096], "big.txt");

        Assert.Equal("failed", result.Status);
        Assert.Contains("over the limit", result.Error);
    }

    [Fact]
    public void Extract_MarksNonNumericCellForReview_NeverZero()
    {
        var text = "某某镇人民政府2023年政府信息公开工作年度报告\n二、主动公开政府信息情况\n第二十条第（一）项\n信息内容\t本年制发件数\t本年废止件数\t现行有效件数\n规章\t0\t见附件\t3\n";

        var result = _extractor.Extract(Encoding.UTF8.GetBytes(text), "nan.txt");

        var repealed = result.Fields["active.regulations.repealed"];
        Assert.Null(repealed.Value);
        Assert.Equal(FieldStatus.Review, repealed.Status);
    }
}
