using System.Globalization;
using System.Text.RegularExpressions;
using Extractor.Evaluation;
using Extractor.Results;

namespace Extractor.Tests.Docx;

/// <summary>Reports in the 2019 template (国办公开办函〔2019〕60号), and the mixed kind some towns print.</summary>
public partial class Template2019Tests
{
    public static TheoryData<string> Documents() =>
    [
        "docx/openxml-2019-template.docx",
        "html/template2019-county-2020.html",
        "text/template2019-town-2019.txt",
        "html/mixed-2019-active-2021-tables.html",
    ];

    [GeneratedRegex(@"(active2019\.[A-Za-z]+\.[A-Za-z]+)=(-?[0-9]+(?:\.[0-9]+)?)")]
    private static partial Regex ExpectedExtra();

    [Theory]
    [MemberData(nameof(Documents))]
    public void Extract_Puts2019ActiveFiguresInExtra_When表二Is2019(string relative)
    {
        var path = TestPaths.TestData(relative.Split('/'));
        var truth = TruthFile.Load(TruthFile.For(path)!);
        var expected = ExpectedExtra().Matches(truth.Notes!).ToDictionary(m => m.Groups[1].Value, m => decimal.Parse(m.Groups[2].Value, CultureInfo.InvariantCulture));

        var result = new DocumentExtractor().ExtractFile(path);

        Assert.Equal("2019", result.Report.Template);
        Assert.Equal(22, expected.Count);
        foreach (var (key, value) in expected)
        {
            Assert.True(result.Extra!.TryGetValue(key, out var actual), $"extra lacks {key}");
            Assert.Equal(value, actual);
        }
        Assert.All(result.Fields.Where(f => f.Key.StartsWith("active.", StringComparison.Ordinal)), f =>
        {
            Assert.Null(f.Value.Value);
            Assert.Equal(FieldStatus.Missing, f.Value.Status);
        });
    }

    [Fact]
    public void Extract_MapsFullTable3_WhenMixedReportPrintsSubRows()
    {
        var path = TestPaths.TestData("html", "mixed-2019-active-2021-tables.html");
        var truth = TruthFile.Load(TruthFile.For(path)!);

        var result = new DocumentExtractor().ExtractFile(path);

        var other = result.Fields["applications.otherOther.total"];
        Assert.Equal(truth.Fields["applications.otherOther.total"], other.Value);
        Assert.Equal(FieldStatus.Ok, other.Status);
        Assert.DoesNotContain(Flags.CollapsedRow, other.Flags);
    }

    [Fact]
    public void Extract_Reports2021_WhenTemplateIs2021()
    {
        var result = new DocumentExtractor().ExtractFile(TestPaths.TestData("docx", "clean-template.docx"));

        Assert.Equal("2021", result.Report.Template);
        Assert.Null(result.Extra);
    }
}
